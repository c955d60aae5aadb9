"""A digest is stored in two parts; a light read leaves its per-page parts out, and a digest stored whole
(by the version before) is read either way."""
from __future__ import annotations

import pickle
from datetime import date

from govinspect.extract.page_digest import PER_PAGE_PARTS, digest_page, page_parts
from govinspect.gather.page_blob import compress_row
from govinspect.gather.page_store import PageSource, pack_digest, unpack_digest, unpack_page_parts
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.serialize import to_jsonable

AS_OF = date(2020, 7, 17)
HOME = "http://www.example.gov.cn/"
HTML = ("<html><head><title>关于做好防汛工作的通知_示例市人民政府</title></head><body><nav><a href='/'>首页</a>"
        "<a href='/tzgg/'>通知公告</a></nav><h1>关于做好防汛工作的通知</h1><div>发布时间：2020-07-10 来源：市应急局</div>"
        "<p>各区县：现将有关事项通知如下。联系电话：0715-8123456</p><a href='http://spam.example.com/'>在线赌场</a>"
        "<footer>主办单位：示例市人民政府办公室 网站标识码：4212000001</footer></body></html>")


def _digest():
    snap = PageSnapshot(url=HOME + "tzgg/t1.html", final_url=HOME + "tzgg/t1.html", status=200,
                        content_type="text/html; charset=utf-8", text=HTML,
                        fetched_at="2020-07-17T09:00:00+08:00", elapsed_ms=12.0)
    return digest_page(snap, AS_OF, HOME)


def test_two_parts_read_whole_and_light() -> None:
    digest = _digest()
    assert digest.article is not None and digest.footer is not None and digest.analysis is not None
    blob = pack_digest(digest)
    whole = unpack_digest(blob)
    assert whole is not None and to_jsonable(whole) == to_jsonable(digest)
    light = unpack_digest(blob, light=True)
    assert light is not None and all(not v for v in page_parts(light))
    assert light.links == digest.links and light.facts == digest.facts          # the site's reading keeps these
    parts = unpack_page_parts(blob)
    assert parts is not None and to_jsonable(list(parts)) == to_jsonable(list(page_parts(digest)))


def test_a_digest_stored_whole_is_read_both_ways() -> None:
    digest = _digest()
    old = compress_row(pickle.dumps(digest, protocol=pickle.HIGHEST_PROTOCOL))      # the previous layout
    assert to_jsonable(unpack_digest(old)) == to_jsonable(digest)
    light = unpack_digest(old, light=True)
    assert light is not None and all(not v for v in page_parts(light)) and unpack_page_parts(old) is None
    source = PageSource(rows={digest.snap.url: (b"", old)})
    _, digests = source.read(AS_OF, HOME, light=True)
    with source.whole_digests(AS_OF, HOME) as whole:
        again = whole(digest.snap.url, digests[digest.snap.url])
    assert [to_jsonable(getattr(again, n)) for n in PER_PAGE_PARTS] == \
           [to_jsonable(getattr(digest, n)) for n in PER_PAGE_PARTS]
