"""page_locations: the location of many pages from one reading of the site's columns and articles."""
from __future__ import annotations

from govinspect.checks.kit.content_pages import page_locations
from govinspect.model.artifacts import Article, Column, SiteArtifacts
from govinspect.model.packed_list import PackedList


class CountedReads(PackedList):
    reads = 0

    def __iter__(self):
        CountedReads.reads += 1
        return super().__iter__()


def test_first_column_then_first_article_with_a_path_then_nothing() -> None:
    articles = CountedReads([Article(url="http://x.gov.cn/a/1.html", title="甲"),          # no path: passed over
                             Article(url="http://x.gov.cn/a/1.html", title="甲", column_path=("首页", "要闻")),
                             Article(url="http://x.gov.cn/a/1.html", title="甲", column_path=("首页", "其他")),
                             Article(url="http://x.gov.cn/tzgg/", title="乙", column_path=("首页", "文章路径"))])
    art = SiteArtifacts(site_code="x", url="http://x.gov.cn/", articles=articles,
                        columns=[Column("通知公告", ("首页", "通知公告"), "http://x.gov.cn/tzgg", 1, "notice"),
                                 Column("通知", ("首页", "别处"), "http://x.gov.cn/tzgg/", 1, "notice")])
    locate = page_locations(art)
    assert CountedReads.reads == 0          # nothing read until asked
    assert locate("http://x.gov.cn") == "首页"
    assert locate("http://x.gov.cn/tzgg/") == "首页>通知公告"
    assert locate("http://x.gov.cn/a/1.html/") == "首页>要闻"
    assert locate("http://x.gov.cn/a/2.html") == ""
    assert CountedReads.reads == 1          # the articles read once for every page asked
