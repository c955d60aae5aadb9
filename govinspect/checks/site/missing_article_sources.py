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
    # the last article read at a URL decides, in the order URLs were first read; only what a finding cites
    # is kept of each (a large site's articles are read one at a time, model/packed_list.py)
    unsourced: dict[str, tuple | None] = {}
    for a in artifacts.articles or []:
        bare = a.kind == "article" and a.pub_date is not None and not (a.source or "").strip()
        unsourced[a.url] = (a.column_path, a.title, a.pub_date) if bare else None
    return [make(SPEC.id, url, ctx, url=url, location=">".join(path), message=f"稿件“{title}”未标注来源",
                 title=title, pub_date=pub_date)
            for url, cited in unsourced.items() if cited is not None for path, title, pub_date in (cited,)]
