"""Where a crawl's pages go as they arrive: the HTML and the page's digest (its one parse), compressed.

With a journal (every scan) that is the journal's file, so a page leaves memory once it is read and the
extract stage, in another process, reads the digests back one at a time; without one (tests, tools) the
compressed rows stay in memory. ``PageSource`` is the picklable handle the extract stage is given.
"""
from __future__ import annotations

import contextlib
import pickle
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import overload

from govinspect.extract.page_digest import (
    PER_PAGE_PARTS,
    PageDigest,
    digest_page,
    page_parts,
    strip_text,
    with_page_parts,
    without_page_parts,
)
from govinspect.gather.crawl_journal import CrawlJournal, unpack_json
from govinspect.gather.page_blob import compress_row, decompress_row
from govinspect.gather.shared_values import ValuePool
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.serialize import from_jsonable

Row = tuple[bytes, bytes | None]


_TWO_PARTS = b"GD2"      # then the length of the first pickle (4 bytes), the digest's rest, its per-page parts


def pack_digest(digest: PageDigest) -> bytes:
    """The digest as two pickles: what the site's reading needs, then the page's own parts
    (page_digest.PER_PAGE_PARTS), so the reading of a large site unpickles only the first."""
    rest = pickle.dumps(without_page_parts(digest), protocol=pickle.HIGHEST_PROTOCOL)
    parts = pickle.dumps(page_parts(digest), protocol=pickle.HIGHEST_PROTOCOL)
    return compress_row(_TWO_PARTS + len(rest).to_bytes(4, "little") + rest + parts)


def _stored(blob: bytes) -> tuple[bytes, int]:
    """A stored digest's row decompressed, and where its per-page parts start (0: a digest stored whole)."""
    raw = decompress_row(blob)
    return raw, (7 + int.from_bytes(raw[3:7], "little") if raw[:3] == _TWO_PARTS else 0)


def unpack_digest(blob: bytes | None, light: bool = False) -> PageDigest | None:
    """None when absent or written by another version (then the page is parsed again from its HTML).
    ``light``: without its per-page parts (a digest stored whole, by an older version, comes whole)."""
    if not blob:
        return None
    try:
        raw, parts_at = _stored(blob)
        if not parts_at:
            digest = pickle.loads(raw)
            if light and isinstance(digest, PageDigest):
                digest = without_page_parts(digest)
        else:
            digest = pickle.loads(memoryview(raw)[7:parts_at])
            if not light and isinstance(digest, PageDigest):
                digest = with_page_parts(digest, pickle.loads(memoryview(raw)[parts_at:]))
    except Exception:  # noqa: BLE001 - an older layout: re-digest
        return None
    return digest if isinstance(digest, PageDigest) else None


def unpack_page_parts(blob: bytes | None) -> tuple | None:
    """Only the per-page parts of a digest stored in two parts (None: stored whole, or unreadable)."""
    if not blob:
        return None
    try:
        raw, parts_at = _stored(blob)
        parts = pickle.loads(memoryview(raw)[parts_at:]) if parts_at else None
    except Exception:  # noqa: BLE001 - as unpack_digest
        return None
    return parts if isinstance(parts, tuple) and len(parts) == len(PER_PAGE_PARTS) else None


@dataclass
class PageSource:
    """The pages of one crawl as the extract stage reads them: a journal file or in-memory rows."""

    path: Path | None = None
    rows: dict[str, Row] = field(default_factory=dict)
    # after a light read: whole digests of pages parsed again, and stored URLs differing from their snapshot's
    _whole: dict[str, PageDigest] = field(default_factory=dict, init=False, repr=False, compare=False)
    _stored_as: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

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

    def read(self, as_of: date, home_url: str, light: bool = False
             ) -> tuple[dict[str, PageSnapshot], dict[str, PageDigest]]:
        """In one pass: every stored page's snapshot without its HTML (a readable page's is its digest's),
        by the URL it was stored under, and the digests as ``digests`` gives them. ``light``: the digests
        without their per-page parts (page_digest.PER_PAGE_PARTS), read again by ``whole_digests``."""
        snaps: dict[str, PageSnapshot] = {}
        out: dict[str, PageDigest] = {}
        pool = ValuePool()        # the strings, menus, links and items every page of a template repeats, held once
        self._whole.clear()
        self._stored_as.clear()
        for url, blob in self._digest_rows():
            digest = unpack_digest(blob, light)
            if digest is None or digest.as_of != as_of or digest.home_url != home_url:
                snap = self._stored_snapshot(url)
                if snap is None:
                    continue
                if not snap.text:
                    snaps.setdefault(url, pool.share(snap))
                    continue
                digest = digest_page(snap, as_of, home_url)
                if light:        # parsed again here: its whole digest is kept (pooled), not parsed a third time
                    digest = pool.share(digest)
                    self._whole.setdefault(digest.snap.url, digest)
                    digest = without_page_parts(digest)
            elif light and digest.snap.url != url:
                self._stored_as.setdefault(digest.snap.url, url)
            digest = pool.share(digest)
            snaps.setdefault(url, digest.snap)
            out.setdefault(digest.snap.url, digest)
        return snaps, out

    @contextlib.contextmanager
    def whole_digests(self, as_of: date, home_url: str) -> Iterator[Callable[[str, PageDigest], PageDigest]]:
        """After ``read(light=True)``: a page's whole digest from its light one (by its snapshot's URL), the
        per-page parts read from the store one page at a time, so a site's reading never holds them all."""
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) if self.path is not None else None

        def whole(url: str, light: PageDigest) -> PageDigest:
            if (held := self._whole.get(url)) is not None:
                return held
            key = self._stored_as.get(url, url)
            if db is None:
                row = self.rows.get(key)
                blob = row[1] if row else None
            else:
                found = db.execute("SELECT digest FROM pages WHERE url = ?", (key,)).fetchone()
                blob = found[0] if found else None
            parts = unpack_page_parts(blob)
            if parts is not None:
                return with_page_parts(light, parts)
            digest = unpack_digest(blob)         # stored whole (an older journal): its parts are in it
            return with_page_parts(light, page_parts(digest)) if digest is not None else light

        try:
            yield whole
        finally:
            self._whole.clear()
            if db is not None:
                db.close()

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

    def with_digests(self, as_of: date, home_url: str, light: bool = False
                     ) -> tuple[list[PageSnapshot], dict[str, PageDigest]]:
        snaps, digests = self.source.read(as_of, home_url, light)
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
