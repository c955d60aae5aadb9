"""F5 搜索功能."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import chrome_unread, homepage_unread, make
from govinspect.checks.kit.site_features import SEARCH_HREF, SEARCH_TEXT, link_matching
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.check_ids import SITE_WIDE
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_search",
    name="无站内搜索",
    subject="全站",
    title="站内搜索",
    failure_title="未提供站内搜索功能",
    description=(
        "扣分项 F5（indicators.md §4.4，分值待核实）：页面上没有搜索表单（input 搜索框 / form），也没有指向站内"
        "搜索的链接时判定。搜索结果是否可用、能否按时间栏目排序需人工或浏览器测试，不在本检查内。首页页头页脚由脚本写入（页脚未读取到）时列为待复核。"),
    requires=("metas",),
    optional=("footers", "homepage", "links"),
    automation="H",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    if any(m.search_form for m in artifacts.metas or []) or link_matching(artifacts, SEARCH_TEXT, SEARCH_HREF):
        return []
    if unread := chrome_unread(SPEC.id, SITE_WIDE, artifacts, ctx, "未提供站内搜索功能"):
        return unread
    return [make(SPEC.id, SITE_WIDE, ctx, url=artifacts.url, location="全站", message="未提供站内搜索功能",
                 pages=len(artifacts.metas or []))]
