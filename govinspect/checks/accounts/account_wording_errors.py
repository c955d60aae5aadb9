"""M1 安全、泄密事故等严重问题 — 严重表述错误 in post texts (indicators.md §6.1, §11 M1).

Titles and texts of a healthy feed's posts (up to the 监测时间点) go through the content-security
stage's detector ``extract.security.match_wording.find_wording_errors``, judged as of each post's
date (a title right in 2020 may be wrong in 2024). The subject is the wrong text; the detector's
``needs_review`` hits stay ``needs_review`` (and so does any status the detector might add later: a
veto needs a definite ``fail``). Manual (registry-date) accounts carry no text; broken feeds are
reported by ``account_feed_unavailable``.
"""
from __future__ import annotations

from collections.abc import Iterable

from govinspect.checks.check_spec import CheckSpec
from govinspect.extract.security.match_wording import find_wording_errors
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="account_wording_errors",
    name="账号表述错误",
    subject="the wrong text",
    title="政务新媒体严重表述错误",
    failure_title="发布内容中发现严重表述错误",
    description="单项否决 M1（国办秘函〔2019〕19号）：安全、泄密事故等严重问题，其中严重表述错误"
                "（领导人姓名职务、国家和机构名称、规范表述）由内容安全词库按发布日期检出，最终由审核人员确认。",
    requires=("health",),
    optional=("posts",),
    target="account",
    automation="H",
)


def run(a: AccountArtifacts, ctx: RunContext) -> Iterable[Finding]:
    if a.health is None or a.health.status != "ok":
        return []           # manual dates carry no text; broken feeds are account_feed_unavailable's
    posts = [p for p in (a.posts or []) if (p.title or p.text) and (p.published_at is None or p.published_at <= ctx.as_of)]
    if not posts:
        return []
    out: dict[str, Finding] = {}
    for post in posts:
        for hit in find_wording_errors(f"{post.title}\n{post.text}", post.published_at or ctx.as_of):
            if hit.wrong in out and out[hit.wrong].status == "fail":
                continue
            out[hit.wrong] = Finding(
                "account_wording_errors", hit.wrong, status="fail" if hit.status == "fail" else "needs_review",
                url=post.url, message=f"严重表述错误：“{hit.wrong}”应为“{hit.correct}”（{hit.reason}）",
                evidence={"as_of": ctx.as_of.isoformat(), "correct": hit.correct, "kind": hit.kind,
                          "reason": hit.reason, "source": hit.source, "post_title": post.title, "post_url": post.url,
                          "published_at": post.published_at.isoformat() if post.published_at else None})
    return list(out.values())
