"""M2 内容不更新: no post in the 2 weeks up to the 监测时间点 (indicators.md §6.1, seed 000 附件3).

Evidence is only a healthy feed (``ok``) or a human statement (``manual``); a broken, empty or
missing feed is reported by ``account_feed_unavailable`` and says nothing here.

Counting (ctx.options): ``account_stale_days`` (default 14) and ``account_stale_rule``
``inclusive`` (default: flag when as_of − last post ≥ 14 days, as seed 000 prints 2020.7.3-2020.7.17)
or ``exclusive`` (flag only when > 14 days). Posts dated after the 监测时间点 are ignored; when a
feed only shows posts after it, the window cannot be seen and the check reports ``error``.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import NOT_ASSESSED
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="account_not_updated",
    name="账号长期不更新",
    subject="period YYYY.M.D-YYYY.M.D, or 无更新",
    title="政务新媒体内容更新",
    failure_title="监测时间点前2周内未发布内容",
    description="单项否决 M2“内容不更新”（国办秘函〔2019〕19号）：账号在监测时间点前2周内没有发布任何内容。"
                "只采信健康的订阅源或人工登记的日期；"
                "主体为无更新时间段（最近发布日期-监测时间点），从未发布为“无更新”。",
    requires=("health",),
    optional=("posts",),
    target="account",
    automation="A",
)
EVIDENCE = ("ok", "manual")


def dot_date(d: date) -> str:
    return f"{d.year}.{d.month}.{d.day}"


def is_stale(last: date, as_of: date, options: dict) -> bool:
    days = int(options.get("account_stale_days", 14))
    gap = (as_of - last).days
    return gap > days if options.get("account_stale_rule", "inclusive") == "exclusive" else gap >= days


def run(a: AccountArtifacts, ctx: RunContext) -> Iterable[Finding]:
    health = a.health
    if health is None or health.status not in EVIDENCE:
        return []
    posts = a.posts or []
    dated = [p.published_at for p in posts if p.published_at is not None]
    if health.status == "manual" and not posts:
        return [Finding("account_not_updated", "无更新", message="人工登记：账号自开设以来未发布任何内容，监测时间点前2周内无发布",
                        evidence={"as_of": ctx.as_of.isoformat(), "source": "manual", "detail": health.detail})]
    seen = [d for d in dated if d <= ctx.as_of]
    if not seen:
        what = "登记的最近更新日期晚于监测时间点" if health.status == "manual" else "订阅源只显示监测时间点之后的内容"
        return [Finding("account_not_updated", NOT_ASSESSED, status="error",
                        message=f"{NOT_ASSESSED}：{what}，看不到监测时间点前2周",
                        evidence={"oldest": min(dated).isoformat() if dated else None})]
    last = max(seen)
    if not is_stale(last, ctx.as_of, ctx.options):
        return []
    undated = [p for p in posts if p.published_at is None]
    if undated:   # "刚刚", "5分钟前", "昨天 12:00" (m.weibo.cn): an undated post may be the newest one
        return [Finding("account_not_updated", NOT_ASSESSED, status="error",
                        message=f"{NOT_ASSESSED}：订阅源中有 {len(undated)} 条内容没有可识别的发布日期，"
                                f"不能断定账号在监测时间点前2周内未发布内容（最近可识别日期 {dot_date(last)}）",
                        evidence={"as_of": ctx.as_of.isoformat(), "last_dated_post": last.isoformat(),
                                  "undated_posts": len(undated), "undated_titles": [p.title for p in undated[:3]]})]
    newest_post = next((p for p in posts if p.published_at == last), None)
    return [Finding("account_not_updated", f"{dot_date(last)}-{dot_date(ctx.as_of)}",
                    url=newest_post.url if newest_post else "",
                    message=f"最近一次发布为 {dot_date(last)}，监测时间点（{dot_date(ctx.as_of)}）前2周内未发布内容"
                            f"（间隔{(ctx.as_of - last).days}天）",
                    evidence={"as_of": ctx.as_of.isoformat(), "last_post": last.isoformat(), "days": (ctx.as_of - last).days,
                              "source": health.status, "post_count": len(posts)})]
