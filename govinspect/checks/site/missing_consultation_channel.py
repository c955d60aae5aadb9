"""V5a (单项否决, 互动回应差): no effective online channel for consultation and suggestions."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.consultation import consultation_entries, near_channels
from govinspect.checks.kit.findings import homepage_only, homepage_unread, make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_consultation_channel",
    name="无网上咨询建言渠道",
    subject="政务咨询",
    title="网上咨询建言渠道",
    failure_title="全站未发现有效的网上咨询建言渠道",
    description=(
        "单项否决 V5a（indicators.md §3）：网站没有有效的网上咨询建言渠道（政务咨询、领导信箱、留言、12345 等）。"
        "网上信访、纪检举报等专门渠道不算。栏目树、页面链接和已公开留言都找不到渠道时判定；只读取到首页时列为待复核；"
        "只有征求意见、意见征集等可能兼作建言渠道的入口时列为待复核。"),
    requires=("columns", "links"),
    optional=("homepage", "messages", "pages"),
    automation="H",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    if consultation_entries(artifacts) or artifacts.messages:
        return []
    if only := homepage_only(SPEC.id, "政务咨询", artifacts, ctx, "未提供咨询建言渠道"):
        return only
    if near := near_channels(artifacts):
        # 征求意见 / 意见征集 may serve as a 建言 channel: a person decides, not the program
        return [make(SPEC.id, "政务咨询", ctx, status="needs_review", url=artifacts.url, location="首页",
                     message="未找到政务咨询、领导信箱、留言等渠道，仅有" + "、".join(sorted(near)[:5])
                             + "，是否属于有效的网上咨询建言渠道需人工确认", near_channels=sorted(near)[:20])]
    return [make(SPEC.id, "政务咨询", ctx, url=artifacts.url, location="首页",
                 message=f"全站（栏目{len(artifacts.columns or [])}个、链接{len(artifacts.links or [])}条）未发现政务咨询、"
                         "领导信箱、留言等网上咨询建言渠道，也无已公开的留言（网上信访、纪检举报等专门渠道不计入）",
                 columns_seen=len(artifacts.columns or []), links_seen=len(artifacts.links or []))]
