"""V3 首页不更新."""
from __future__ import annotations

from datetime import date

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import (
    TWO_WEEKS,
    fmt_date,
    homepage_unread,
    make,
    option,
    since,
)
from govinspect.checks.kit.site_features import homepage_urls
from govinspect.extract.dates import parse_date
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="homepage_not_updated",
    name="首页不更新",
    subject="首页",
    title="首页信息更新",
    failure_title="首页不更新",
    description=(
        "单项否决 V3（indicators.md §3）：监测时间点前2周内首页没有新信息即否决；首页仅为栏目导航入口时，看二级"
        "页面（一、二级栏目）是否有新信息。未来日期不算更新。首页条目不新而某个栏目在2周内有更新时列为待复核；首页及栏目都识别不到日期、或首页自身的 PubDate 在2周内时，也列为待复核。"),
    requires=("homepage_items",),
    optional=("columns", "homepage", "homepage_navigation_only", "metas"),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    start = since(ctx, option(ctx, "homepage_window_days", TWO_WEEKS))
    dated = [i.date for i in artifacts.homepage_items or [] if i.date and not i.future_date and i.date <= ctx.as_of]
    newest_home = max(dated, default=None)
    if newest_home and newest_home >= start:
        return []
    cols = [c for c in artifacts.columns or [] if c.level <= 2 and not c.historical and not c.fetch_error]
    col_dates = [c.newest_date for c in cols if c.newest_date and c.newest_date <= ctx.as_of]
    newest_col = max(col_dates, default=None)
    nav_only = bool(artifacts.homepage_navigation_only)
    evidence = {"newest_homepage_item": newest_home, "newest_column_item": newest_col, "window_start": start,
                    "navigation_only": nav_only, "homepage_items": len(artifacts.homepage_items or [])}
    if nav_only and artifacts.columns is None:
        return [make(SPEC.id, "首页", ctx, status="needs_review", url=artifacts.url, location="首页",
                     message="首页仅为导航入口，但未取得二级页面，需人工确认2周内是否有更新", **evidence)]
    if newest_col and newest_col >= start:
        if nav_only:
            return []
        return [make(SPEC.id, "首页", ctx, status="needs_review", url=artifacts.url, location="首页",
                     message=f"首页条目最新日期为{fmt_date(newest_home)}，但栏目在2周内有更新（{fmt_date(newest_col)}），"
                             "需人工确认首页是否更新", **evidence)]
    if (own := _homepage_own_date(artifacts, ctx)) and own >= start:
        # the homepage itself says it was published/generated inside the window (<meta PubDate>)
        return [make(SPEC.id, "首页", ctx, status="needs_review", url=artifacts.url, location="首页",
                     message=f"首页条目最新日期为{fmt_date(newest_home)}，但首页自身的发布日期为{fmt_date(own)}，"
                             "需人工确认2周内是否有更新", homepage_pub_date=own, **evidence)]
    if newest_home is None and newest_col is None:
        # No dated information found anywhere: an undated template is not proof of "no update".
        return [make(SPEC.id, "首页", ctx, status="needs_review", url=artifacts.url, location="首页",
                     message="未能识别首页及栏目信息的发布日期，需人工确认2周内是否有更新", **evidence)]
    if newest_home is None and not nav_only and (unread := homepage_unread(SPEC.id, artifacts)):
        return unread        # an error page lists no items: that is no proof the homepage is stale
    where = "首页及二级页面" if nav_only else "首页"
    return [make(SPEC.id, "首页", ctx, url=artifacts.url, location="首页",
                 message=f"首页不更新：监测时间点前2周内{where}无信息更新（最新信息日期"
                         f"{fmt_date(max(filter(None, (newest_home, newest_col)), default=None))}）", **evidence)]


def _homepage_own_date(artifacts: SiteArtifacts, ctx: RunContext) -> date | None:
    home = homepage_urls(artifacts)
    found = [d.date for m in artifacts.metas or [] if m.pub_date and m.url.rstrip("/") in home
             if (d := parse_date(m.pub_date)) and d.date <= ctx.as_of]
    return max(found, default=None)
