"""M1 安全、泄密事故等严重问题 — 严重表述错误 in post texts (indicators.md §6.1, §11 M1).

Post titles and texts go through the content-security stage's wording detector
(govinspect.extract.security); the subject is the wrong text. Without the detector, or when the
posts carry no text, the check says 未能检测 (``error``) rather than passing silently.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from govinspect.checks.check_spec import CheckSpec
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="account_wording_errors",
    title="政务新媒体严重表述错误",
    failure_title="存在严重表述错误",
    description="单项否决 M1（国办秘函〔2019〕19号）：安全、泄密事故等严重问题，其中严重表述错误"
                "（领导人姓名职务、国家和机构名称等）由内容安全检测词库检出，最终由审核人员确认。",
    requires=("health",),
    target="account",
    automation="H",
)


def _detector() -> Callable[[str], list[Any]] | None:
    try:
        from govinspect.extract.security import wording  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(wording, "find_wording_errors", None)


def run(a: AccountArtifacts, ctx: RunContext) -> Iterable[Finding]:
    if a.health is None or a.health.status != "ok":
        return []           # manual dates carry no text; broken feeds are account_feed_unavailable's
    posts = [p for p in (a.posts or []) if (p.title or p.text) and (p.published_at is None or p.published_at <= ctx.as_of)]
    if not posts:
        return []
    detect = _detector()
    if detect is None:
        return [Finding("account_wording_errors", "未能检测", status="error",
                        message="未能检测：严重表述错误检测模块不可用")]
    out: dict[str, Finding] = {}
    for post in posts:
        for hit in detect(f"{post.title}\n{post.text}"):
            wrong = getattr(hit, "wrong", None) or getattr(hit, "text", str(hit))
            if wrong in out:
                continue
            right = getattr(hit, "right", None) or getattr(hit, "correct", None)
            out[wrong] = Finding("account_wording_errors", wrong, url=post.url,
                                 message=f"严重表述错误：“{wrong}”" + (f"，应为“{right}”" if right else ""),
                                 evidence={"as_of": ctx.as_of.isoformat(), "post_title": post.title, "correct": right,
                                           "published_at": post.published_at.isoformat() if post.published_at else None})
    return list(out.values())
