"""V5b 政务咨询类栏目存在超过3个月未回应的有效留言."""
from __future__ import annotations

from datetime import timedelta

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import ONE_YEAR, THREE_MONTHS, make, since
from govinspect.extract.message_boards import is_answered
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="unanswered_messages",
    name="留言超过3个月未回应",
    subject="message URL",
    title="留言回应时效",
    failure_title="政务咨询类栏目存在超过3个月未回应的有效留言",
    description=(
        "单项否决 V5b（indicators.md §3）：监测时间点前1年内公开的留言，留言超过3个月（90天）仍无答复时间和答复内容"
        "即判定。答复晚于3个月的留言列为待复核（是否属于“有效留言”、是否按期答复需人工确认）。"
        "未公开的留言无法从网站上看到。"),
    requires=("messages",),
    automation="H",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    year_start, overdue = since(ctx, ONE_YEAR), since(ctx, THREE_MONTHS)
    out = []
    for m in artifacts.messages or []:
        if m.asked_at is None or not year_start <= m.asked_at <= ctx.as_of:
            continue
        evidence = {"asked_at": m.asked_at, "replied_at": m.replied_at, "title": m.title, "board_status": m.status}
        answered = is_answered(m.status)
        if answered is None and m.replied_at is None and not m.reply_text or answered is False:
            if m.asked_at <= overdue:
                days = (ctx.as_of - m.asked_at).days
                out.append(make(SPEC.id, m.url, ctx, url=m.url, message=(
                    f"留言“{m.title}”（{m.asked_at.isoformat()}）至监测时间点{days}天未答复，超过3个月"),
                    days_unanswered=days, **evidence))
        elif m.replied_at and m.replied_at - m.asked_at > timedelta(days=THREE_MONTHS):
            out.append(make(SPEC.id, m.url, ctx, status="needs_review", url=m.url, message=(
                f"留言“{m.title}”答复用时{(m.replied_at - m.asked_at).days}天，超过3个月，需人工确认"),
                **evidence))
    return out
