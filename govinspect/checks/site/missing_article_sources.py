"""D15 稿件来源: a dated news article that names no source."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_article_sources",
    name="稿件未标注来源",
    subject="article URL",
    title="稿件来源",
    failure_title="新闻稿件页面未标注来源",
    description=(
        "扣分项 D15（indicators.md §4.1）：有发布日期的新闻类稿件（不含政策文件、解读、留言、办事指南、机构页）页面上"
        "没有“来源”字段，也没有 ContentSource 元数据，每篇一条。没有日期的静态页面（概况、简介）不检查。"),
    requires=("articles",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    out = []
    for a in {a.url: a for a in artifacts.articles or []}.values():
        if a.kind != "article" or a.pub_date is None or (a.source or "").strip():
            continue
        out.append(make(SPEC.id, a.url, ctx, url=a.url, location=">".join(a.column_path),
                        message=f"稿件“{a.title}”未标注来源", title=a.title, pub_date=a.pub_date))
    return out
