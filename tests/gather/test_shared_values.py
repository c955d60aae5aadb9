"""A site's repeated values are held once (gather/shared_values.py), and nothing read changes by it."""
from __future__ import annotations

from datetime import date

from govinspect.extract.list_items import ListPage
from govinspect.gather.page_store import PageStore, unpack_digest
from govinspect.gather.read_page import read_snapshot
from govinspect.gather.shared_values import ValuePool
from govinspect.model.artifacts import Link, ListItem, PageSnapshot
from govinspect.model.serialize import to_jsonable
from tests.gather.site_pages import page

AS_OF = date(2020, 7, 17)
HOME = "http://share.test/"


def _fresh(text: str) -> str:
    return "".join(list(text))        # an equal string that is another object


def test_equal_immutable_values_are_held_once_and_stay_equal() -> None:
    pool = ValuePool()
    a = Link(_fresh("http://share.test/xxgk/"), _fresh("信息公开"), _fresh("nav"))
    b = Link(_fresh("http://share.test/xxgk/"), _fresh("信息公开"), _fresh("nav"))
    assert a is not b and a.url is not b.url
    assert pool.share(a) is a and pool.share(b) is a
    item = ListItem(_fresh("通知"), _fresh("http://share.test/xxgk/"), date(2020, 7, 1))
    shared = pool.share(item)
    assert shared == item and shared.url is a.url         # strings inside records are shared too
    path_a, path_b = (_fresh("首页"), _fresh("信息公开")), (_fresh("首页"), _fresh("信息公开"))
    assert pool.share(path_b) is pool.share(path_a)
    menu = (Link(_fresh("http://share.test/xxgk/"), _fresh("信息公开"), _fresh("nav")), None)
    assert pool.share(menu) is pool.share((b, None)) and pool.share(menu)[0] is a     # a menu repeated by pages


def test_bools_are_not_swapped_for_equal_ints() -> None:
    pool = ValuePool()
    pool.share((1, 0))
    kept = pool.share((True, False))
    assert kept == (True, False) and [type(v) for v in kept] == [bool, bool]


def test_mutable_records_are_walked_not_shared() -> None:
    pool = ValuePool()
    one = ListPage(items=[ListItem("a", _fresh("http://share.test/1"), None)])
    two = ListPage(items=[ListItem("a", _fresh("http://share.test/1"), None)])
    assert pool.share(one) is one and pool.share(two) is two and one.items is not two.items
    assert two.items[0] is one.items[0]
    headers = {"content-type": "text/html"}
    assert pool.share(headers) == headers and pool.share(headers) is not headers


def test_the_pool_is_bounded() -> None:
    pool = ValuePool(max_entries=3)
    for n in range(10):
        assert pool.share(f"value {n}") == f"value {n}"
    assert len(pool) == 3


def _snap(path: str, body: str) -> PageSnapshot:
    html = page("测试", body)
    return PageSnapshot(url=HOME.rstrip("/") + path, final_url=HOME.rstrip("/") + path, status=200,
                        fetched_at="2020-07-17T00:00:00", elapsed_ms=1.0, content_type="text/html; charset=utf-8",
                        encoding="utf-8", text=html, size=len(html.encode()), headers={"server": "nginx"})


def test_stored_digests_read_back_equal_with_their_repeats_shared() -> None:
    store = PageStore(None)
    blobs = {}
    for path in ("/", "/xxgk/a.html", "/xxgk/b.html"):
        read = read_snapshot(_snap(path, f"<h1>正文</h1><p>{path}</p>"), AS_OF, HOME)
        store.put(read.snap, read.packed, read.digest)
        blobs[read.snap.url] = read.digest
    digests = store.source().digests(AS_OF, HOME)
    assert set(digests) == set(blobs)
    for url, digest in digests.items():
        assert to_jsonable(digest) == to_jsonable(unpack_digest(blobs[url]))    # the same reading, value for value
    footers = [d.footer for d in digests.values()]
    assert footers[0].organizer and all(f.organizer is footers[0].organizer for f in footers)
    navs = [{link.url: link for link in d.links} for d in digests.values()]
    assert navs[1][HOME + "xxgk/"] is navs[2][HOME + "xxgk/"]
