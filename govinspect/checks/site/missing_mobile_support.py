"""F8 移动端访问."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import homepage_unread, make
from govinspect.checks.kit.site_features import MOBILE_TEXT, homepage_urls, link_matching
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.check_ids import SITE_WIDE
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_mobile_support",
    name="不支持移动端",
    subject="全站",
    title="移动端访问",
    failure_title="首页无移动端适配，也无手机版入口",
    description=(
        "扣分项 F8（indicators.md §4.4，分值待核实）：首页没有 viewport 元数据（响应式页面），也没有“手机版/移动版”"
        "入口时判定。首页元数据未取得时看其他页面。"),
    requires=("metas",),
    optional=("homepage", "links"),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    metas = artifacts.metas or []
    homes = homepage_urls(artifacts)
    home_metas = [m for m in metas if m.url.rstrip("/") in homes] or metas
    if any(m.viewport for m in home_metas) or link_matching(artifacts, MOBILE_TEXT):
        return []
    return [make(SPEC.id, SITE_WIDE, ctx, url=artifacts.url, location="首页",
                 message="首页无 viewport 自适应设置，全站也未发现手机版、移动版入口")]
