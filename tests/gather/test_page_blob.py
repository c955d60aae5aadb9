"""Page rows are zstd-compressed; rows an older govinspect wrote with zlib are still read (page_blob.py)."""
from __future__ import annotations

import json
import pickle
import zlib

from govinspect.gather.crawl_journal import CrawlJournal, pack_json, unpack_json
from govinspect.gather.page_blob import compress_row, decompress_row
from govinspect.gather.page_store import unpack_digest
from govinspect.model.artifacts import PageSnapshot

HTML = "<html><body>" + "<p>关于做好2020年政务公开工作的通知</p>" * 200 + "</body></html>"


def test_rows_round_trip_and_are_small():
    data = HTML.encode("utf-8")
    blob = compress_row(data)
    assert blob[:4] == b"\x28\xb5\x2f\xfd" and len(blob) < len(data) // 10
    assert decompress_row(blob) == data


def test_rows_written_with_zlib_are_read(tmp_path):
    snap = PageSnapshot(url="http://www.example.gov.cn/", final_url="http://www.example.gov.cn/", status=200,
                        fetched_at="2020-07-17T00:00:00", elapsed_ms=1, text=HTML)
    old_row = zlib.compress(json.dumps({"url": snap.url, "text": HTML}, ensure_ascii=False).encode("utf-8"), 3)
    assert unpack_json(old_row)["text"] == HTML
    assert unpack_json(pack_json({"text": HTML}))["text"] == HTML
    # an old journal file: zlib rows, and a zlib digest of another layout (re-digested, not an error)
    journal = CrawlJournal(tmp_path / "old.gather.sqlite")
    journal.add_page(snap, zlib.compress(pack_json_plain(snap), 3), zlib.compress(pickle.dumps({"other": 1}), 1))
    journal.close()
    reopened = CrawlJournal(tmp_path / "old.gather.sqlite")
    [page] = reopened.pages()
    assert page.text == HTML and page.url == snap.url
    [(url, digest)] = reopened.page_digests()
    assert url == snap.url and unpack_digest(digest) is None


def pack_json_plain(snap: PageSnapshot) -> bytes:
    from govinspect.model.serialize import to_jsonable
    return json.dumps(to_jsonable(snap), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_threads_compress_and_decompress_at_once():
    """A distributed worker runs sites in threads: rows made and read concurrently stay intact."""
    from concurrent.futures import ThreadPoolExecutor

    payloads = [(HTML * (1 + i % 5) + str(i)).encode("utf-8") for i in range(64)]

    def round_trip(data: bytes) -> bool:
        return all(decompress_row(compress_row(data)) == data for _ in range(40))

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(round_trip, payloads))
