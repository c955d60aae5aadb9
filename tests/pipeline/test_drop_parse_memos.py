"""Before a large site's assessment a worker empties the parse's bounded memos (assess_in_pool.drop_parse_memos):
they are emptied, the loaded tables stay, and the site reads the same."""
from __future__ import annotations

from datetime import date

from govinspect.extract.columns import canonical_column_url
from govinspect.extract.security.spam_lexicon import load_terms
from govinspect.extract.understand_site import understand_site
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.serialize import to_jsonable
from govinspect.pipeline import assess_in_pool
from govinspect.pipeline.assess_in_pool import drop_parse_memos

AS_OF = date(2020, 7, 17)
HOME = "http://www.example.gov.cn/"


def _pages() -> list[PageSnapshot]:
    items = "".join(f'<li><a href="/xw/t2020070{i}_{i}.html">通知{i}</a><span>2020-07-0{i}</span></li>'
                    for i in range(1, 8))
    home = (f'<html><head><title>示例市人民政府</title></head><body><div class="nav"><a href="/xw/">新闻</a></div>'
            f'<ul class="list">{items}</ul></body></html>')
    return [PageSnapshot(url=HOME, final_url=HOME, status=200, fetched_at="2020-07-17T10:00:00+08:00",
                         elapsed_ms=1.0, text=home, content_type="text/html", size=len(home))]


def test_bounded_memos_emptied_tables_kept_reading_unchanged() -> None:
    before = to_jsonable(understand_site(_pages(), HOME, AS_OF))
    canonical_column_url(HOME + "xw/")
    load_terms()
    assert canonical_column_url.cache_info().currsize > 0
    terms = load_terms.cache_info().currsize
    drop_parse_memos()
    assert canonical_column_url.cache_info().currsize == 0
    assert load_terms.cache_info().currsize == terms == 1     # an unbounded table: loaded once, kept
    assert to_jsonable(understand_site(_pages(), HOME, AS_OF)) == before


def test_only_large_sites_drop_them(monkeypatch) -> None:
    dropped: list[int] = []
    monkeypatch.setattr(assess_in_pool, "drop_parse_memos", lambda: dropped.append(1))
    monkeypatch.setattr(assess_in_pool, "understand_and_assess", lambda work, packed: assess_in_pool.SiteDone(
        entry={}, data=None, counts={}, seconds={}))
    small = assess_in_pool.SiteWork(site=None, as_of=AS_OF, rulebook=None, stored={"pages": [{}] * 10})
    large = assess_in_pool.SiteWork(site=None, as_of=AS_OF, rulebook=None,
                                    stored={"pages": [{}] * assess_in_pool.DROP_MEMOS_AT_PAGES})
    assess_in_pool.assess_and_release(small)
    assert dropped == []
    assess_in_pool.assess_and_release(large)
    assert dropped == [1]
