"""I2 留言答复时效: no reply published in the 2 months up to the 监测时间点."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.consultation import consultation_entries
from govinspect.checks.kit.findings import TWO_MONTHS, fmt_date, make, since
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="no_recent_replies",
    name="近期无留言答复",
    subject="政务咨询",
    title="留言答复时效",
    failure_title="最近一次留言答复早于监测时间点前2个月",
    description=(
        "扣分项 I2（indicators.md §4.3）：已公开留言中最新的答复时间早于监测时间点前2个月（61天）即判定。"
        "有咨询渠道却没有取得任何公开留言时列为待复核（可能留言未公开，也可能页面未能解析）。"),
    requires=("messages",),
    optional=("columns", "links"),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    messages = artifacts.messages or []
    start = since(ctx, TWO_MONTHS)
    if not messages:
        if consultation_entries(artifacts):
            return [make(SPEC.id, "政务咨询", ctx, status="needs_review", url=artifacts.url,
                         message="有政务咨询渠道但未取得公开的留言答复，需人工确认2个月内是否有新增答复")]
        return []
    replies = [m.replied_at for m in messages if m.replied_at and m.replied_at <= ctx.as_of]
    newest = max(replies, default=None)
    if newest and newest >= start:
        return []
    return [make(SPEC.id, "政务咨询", ctx, url=artifacts.url, location="政务咨询",
                 message=f"已公开留言{len(messages)}条，最近一次答复日期为{fmt_date(newest)}，"
                         f"监测时间点前2个月（{fmt_date(start)}起）没有新的答复",
                 newest_reply=newest, window_start=start, messages=len(messages))]
