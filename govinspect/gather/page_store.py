"""Where a crawl's pages go as they arrive: the HTML and the page's digest (its one parse), compressed.

With a journal (every scan) that is the journal's file, so a page leaves memory once it is read and the
extract stage, in another process, reads the digests back one at a time; without one (tests, tools) the
compressed rows stay in memory. ``PageSource`` is the picklable handle the extract stage is given.
"""
from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import overload

from govinspect.extract.page_digest import PageDigest, digest_page, strip_text
from govinspect.gather.crawl_journal import CrawlJournal, unpack_json
from govinspect.gather.page_blob import compress_row, decompress_row
from govinspect.gather.shared_values import ValuePool
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.serialize import from_jsonable

Row = tuple[bytes, bytes | None]


def pack_digest(digest: PageDigest) -> bytes:
    return compress_row(pickle.dumps(digest, protocol=pickle.HIGHEST_PROTOCOL))


def unpack_digest(blob: bytes | None) -> PageDigest | None:
    """None when absent or written by another version (then the page is parsed again from its HTML)."""
    if not blob:
        return None
    try:
        digest = pickle.loads(decompress_row(blob))
    except Exception:  # noqa: BLE001 - an older layout: re-digest
        return None
    return digest if isinstance(digest, PageDigest) else None


@dataclass
class PageSource:
    """The pages of one crawl as the extract stage reads them: a journal file or in-memory rows."""

    path: Path | None = None
    rows: dict[str, Row] = field(default_factory=dict)

    def _digest_rows(self) -> Iterator[tuple[str, bytes | None]]:
        if self.path is None:
            yield from ((url, row[1]) for url, row in self.rows.items())
            return
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            yield from db.execute("SELECT url, digest FROM pages ORDER BY seq")
        finally:
            db.close()

    def _row(self, url: str) -> Row | None:
        if self.path is None:
            return self.rows.get(url)
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return db.execute("SELECT data, digest FROM pages WHERE url = ?", (url,)).fetchone()
        finally:
            db.close()

    def digests(self, as_of: date, home_url: str) -> dict[str, PageDigest]:
        """Each readable page's digest by its URL; a page without a usable one (another version, another
        监测时间点, a journal of an older crawl) is parsed again from its stored HTML, read only then."""
        return self.read(as_of, home_url)[1]

    def read(self, as_of: date, home_url: str) -> tuple[dict[str, PageSnapshot], dict[str, PageDigest]]:
        """In one pass: every stored page's snapshot without its HTML (a readable page's is its digest's),
        by the URL it was stored under, and the digests as ``digests`` gives them."""
        snaps: dict[str, PageSnapshot] = {}
        out: dict[str, PageDigest] = {}
        pool = ValuePool()        # the strings, menus, links and items every page of a template repeats, held once
        for url, blob in self._digest_rows():
            digest = unpack_digest(blob)
            if digest is None or digest.as_of != as_of or digest.home_url != home_url:
                snap = self._stored_snapshot(url)
                if snap is None:
                    continue
                if not snap.text:
                    snaps.setdefault(url, pool.share(snap))
                    continue
                digest = digest_page(snap, as_of, home_url)
            digest = pool.share(digest)
            snaps.setdefault(url, digest.snap)
            out.setdefault(digest.snap.url, digest)
        return snaps, out

    def snapshots(self) -> dict[str, PageSnapshot]:
        """Every stored page's snapshot without its HTML, by URL (nothing parsed again)."""
        snaps: dict[str, PageSnapshot] = {}
        for url, blob in self._digest_rows():
            digest = unpack_digest(blob)
            snap = digest.snap if digest is not None else self._stored_snapshot(url)
            if snap is not None:
                snaps.setdefault(url, strip_text(snap))
        return snaps

    def _stored_snapshot(self, url: str) -> PageSnapshot | None:
        row = self._row(url)
        return from_jsonable(PageSnapshot, unpack_json(row[0])) if row else None

    def text(self, url: str) -> str | None:
        row = self._row(url)
        return from_jsonable(PageSnapshot, unpack_json(row[0])).text if row else None


class StoredPages(Sequence[PageSnapshot]):
    """A crawl's pages (without their HTML) in the outcome's order, read from the gather store when asked.

    The crawl keeps only a small record of each page (crawl_site.CrawledPage); the process that assesses
    the site reads the snapshots once, together with the digests (``with_digests``). Pickled, it is the
    store's handle and the URLs.
    """

    def __init__(self, source: PageSource, urls: list[str]):
        self.source, self.urls = source, urls

    def with_digests(self, as_of: date, home_url: str) -> tuple[list[PageSnapshot], dict[str, PageDigest]]:
        snaps, digests = self.source.read(as_of, home_url)
        return [snaps[u] for u in self.urls if u in snaps], digests

    def _load(self) -> list[PageSnapshot]:
        snaps = self.source.snapshots()
        return [snaps[u] for u in self.urls if u in snaps]

    def __len__(self) -> int:
        return len(self.urls)

    def __iter__(self) -> Iterator[PageSnapshot]:
        return iter(self._load())

    @overload
    def __getitem__(self, i: int) -> PageSnapshot: ...
    @overload
    def __getitem__(self, i: slice) -> list[PageSnapshot]: ...

    def __getitem__(self, i: int | slice) -> PageSnapshot | list[PageSnapshot]:
        return self._load()[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._load() == list(other)

    def __repr__(self) -> str:
        return f"StoredPages({len(self.urls)} pages)"


class PageStore:
    """The crawl's side: put each page as it is read."""

    def __init__(self, journal: CrawlJournal | None):
        self.journal = journal
        self.rows: dict[str, Row] = {}

    def put(self, snap: PageSnapshot, packed: bytes, digest: bytes | None) -> None:
        if self.journal is not None:
            self.journal.add_page(snap, packed, digest)
        else:
            self.rows.setdefault(snap.url, (packed, digest))

    def replace(self, snap: PageSnapshot, packed: bytes, digest: bytes | None) -> None:
        """A page read again (rendered in a browser): its new HTML and digest win."""
        if self.journal is not None:
            self.journal.replace_page(snap, packed, digest)
        else:
            self.rows[snap.url] = (packed, digest)

    def source(self) -> PageSource:
        if self.journal is not None and hasattr(self.journal, "path"):
            return PageSource(path=self.journal.path)
        return PageSource(rows=dict(self.rows))

    def text(self, url: str) -> str | None:
        if self.journal is not None:
            row = self.journal.page_row(url)
            return from_jsonable(PageSnapshot, unpack_json(row[0])).text if row else None
        row = self.rows.get(url)
        return from_jsonable(PageSnapshot, unpack_json(row[0])).text if row else None
