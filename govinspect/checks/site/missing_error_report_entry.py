"""F7 “我为政府网站找错”入口."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import chrome_unread, homepage_unread, make
from govinspect.checks.kit.site_features import ERROR_HREF, ERROR_TEXT, link_matching
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.check_ids import SITE_WIDE
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_error_report_entry",
    name="无“我为政府网站找错”入口",
    subject="全站",
    title="我为政府网站找错入口",
    failure_title="全站未发现“我为政府网站找错”入口",
    description=(
        "扣分项 F7（indicators.md §4.4，分值待核实）：页面底部或页面上没有“我为政府网站找错”入口（链接文字含“找错”"
        "或指向 zfwzzc 平台）时判定；首页页脚由脚本写入或一项要素都识别不到时列为待复核。"),
    requires=("footers",),
    optional=("homepage", "links"),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    if any(f.error_report_entry for f in artifacts.footers or []) or link_matching(artifacts, ERROR_TEXT, ERROR_HREF):
        return []
    if unread := chrome_unread(SPEC.id, SITE_WIDE, artifacts, ctx, "未设置“我为政府网站找错”入口"):
        return unread
    return [make(SPEC.id, SITE_WIDE, ctx, url=artifacts.url, location="全站页面底部功能区",
                 message=f"已读取的{len(artifacts.footers or [])}个页面底部及全站链接中均未发现“我为政府网站找错”入口",
                 pages=len(artifacts.footers or []))]
