"""V6a (单项否决, 服务不实用): no online services at all."""
from __future__ import annotations

import re

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import homepage_only, homepage_unread, make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_services",
    name="无办事服务",
    subject="办事服务",
    title="办事服务",
    failure_title="全站未发现办事服务入口或办事指南",
    description=(
        "单项否决 V6a（indicators.md §3）：网站没有办事服务（办事服务栏目、办事指南，或到政务服务网的链接）。"
        "登记为无对外服务职能（has_services=否）的单位不检查。只读取到首页（其他页面都无法读取）时列为待复核。"),
    requires=("columns", "links"),
    optional=("homepage", "pages", "service_guides"),
    automation="H",
)

SERVICE = re.compile(r"办事|政务服务|网上办|在线办|便民服务|服务事项|一网通办|办件")
ENTRY_MAX = 12
SERVICE_HOST = re.compile(r"zwfw|zhengwu|egov|banshi|ythbgpt|zwdt|govservice", re.IGNORECASE)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    if not ctx.has_services or artifacts.service_guides:
        return []
    if any(c.column_type == "service" or SERVICE.search(c.name) for c in artifacts.columns or []):
        return []
    # entries, not article titles: "召开一网通办专题会议" is news about services, not a service
    if any(not link.hidden_hints and ((len(link.text or link.title) <= ENTRY_MAX
                                       and SERVICE.search(link.text or link.title)) or SERVICE_HOST.search(link.url))
           for link in artifacts.links or []):
        return []
    if only := homepage_only(SPEC.id, "办事服务", artifacts, ctx, "网站没有办事服务入口"):
        return only
    return [make(SPEC.id, "办事服务", ctx, url=artifacts.url, location="首页",
                 message="全站（首页及栏目）未发现办事服务入口或办事指南，也无到政务服务网的链接",
                 columns_seen=len(artifacts.columns or []))]
