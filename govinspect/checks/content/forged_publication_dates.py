"""V1(5) 弄虚作假: 伪造发稿日期 — publication dates after the 监测时间点 or before the site existed."""
from __future__ import annotations

from datetime import date, timedelta

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

# Chinese government websites date from the 1990s (政府上网工程 1999); an earlier 发布 date is implausible.
EARLIEST_PLAUSIBLE = date(1994, 1, 1)
# Only publication labels: a 成文日期 may lawfully precede the site (an old regulation put online later).
_PUBLICATION_LABELS = ("", "发布时间", "发布日期", "发稿时间", "发文日期", "更新时间", "时间", "日期", "PubDate",
                       "pubdate", "发表时间", "录入时间", "上传时间")

SPEC = CheckSpec(
    id="forged_publication_dates",
    name="伪造发稿日期",
    subject="article URL",
    title="伪造发稿日期",
    failure_title="存在伪造发稿日期等弄虚作假问题",
    description=(
        "单项否决 V1“安全、泄密事故等严重问题”第(5)项“弄虚作假，如伪造发稿日期”，indicators.md §3、§11。文章页的发布日期"
        "（发布时间/发布日期/PubDate，不含成文日期）晚于监测时间点超过1天的判为不合格，恰晚1天的列为待复核（时区、"
        "跨夜发布）；早于网站开通日期（RunContext.options['site_created']，如有）或早于1994年的发布日期列为待复核。"
        "文章页未采集到、仅栏目列表显示晚于监测时间点的日期时列为待复核。主题为文章 URL。"),
    requires=("articles",),
    optional=("columns", "homepage_items"),
    automation="A",
)


def _site_created(ctx: RunContext) -> date | None:
    value = ctx.options.get("site_created")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    created = _site_created(ctx)
    out: dict[str, Finding] = {}
    crawled: set[str] = set()
    for a in artifacts.articles or []:      # one pass: a large site's articles are packed
        crawled.add(a.url)
        if a.pub_date is None or a.url in out or a.pub_date_label not in _PUBLICATION_LABELS:
            continue
        late = (a.pub_date - ctx.as_of).days
        if late >= 1:
            status = "fail" if late > 1 else "needs_review"
            why = f"发布日期{a.pub_date.isoformat()}晚于监测时间点{ctx.as_of.isoformat()}（{late}天）"
        elif created is not None and a.pub_date < created - timedelta(days=1):
            status, why = "needs_review", f"发布日期{a.pub_date.isoformat()}早于网站开通日期{created.isoformat()}"
        elif a.pub_date < EARLIEST_PLAUSIBLE:
            status, why = "needs_review", f"发布日期{a.pub_date.isoformat()}早于政府网站出现的年代"
        else:
            continue
        out[a.url] = make(SPEC.id, a.url, ctx, status=status, url=a.url, location=">".join(a.column_path),
                          message=f"文章“{a.title[:40]}”{why}" + ("，需复核" if status != "fail" else ""),
                          shown_date=a.pub_date, label=a.pub_date_label, title=a.title, site_created=created)
    _list_only(artifacts, ctx, out, crawled)
    return sorted(out.values(), key=lambda f: f.subject)


def _list_only(artifacts: SiteArtifacts, ctx: RunContext, out: dict[str, Finding], crawled: set[str]) -> None:
    """Future dates printed in 栏目 lists for articles the crawl did not reach (``crawled``): for review."""
    listed = [(item, col.location) for col in artifacts.columns or [] for item in col.items]
    listed += [(item, "首页") for item in artifacts.homepage_items or []]
    for item, location in listed:
        if item.date is None or item.url in out or item.url in crawled or (item.date - ctx.as_of).days <= 1:
            continue
        out[item.url] = make(SPEC.id, item.url, ctx, status="needs_review", url=item.url, location=location,
                             message=f"栏目列表中“{item.title[:40]}”的日期{item.date.isoformat()}晚于监测时间点"
                                     f"{ctx.as_of.isoformat()}，需复核",
                             shown_date=item.date, label="列表日期", title=item.title, site_created=None)
