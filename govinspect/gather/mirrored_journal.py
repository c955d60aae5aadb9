"""A crawl journal whose writes are also queued for the shared store (distributed scans).

The crawl keeps writing its local SQLite journal (fast, synchronous, one site's pages). Every page and
finished step also goes to an outbox that the site job pushes to the shared store (PostgreSQL) about
once a second, so a job redelivered to another machine restores the journal from there and refetches
at most the pages of the last second. ``restore`` loads the shared rows without queueing them again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from govinspect.gather.crawl_journal import CrawlJournal, pack_json
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.serialize import to_jsonable

PageRow = tuple[int, str, bytes, bytes | None]      # seq, url, packed snapshot, packed digest


class MirroredJournal(CrawlJournal):
    def __init__(self, path: Path):
        super().__init__(path)
        self._pages: dict[str, PageRow] = {}
        self._facts: dict[str, bytes] = {}

    def add_page(self, page: PageSnapshot, packed: bytes | None = None, digest: bytes | None = None) -> None:
        data = packed if packed is not None else pack_json(to_jsonable(page))
        cur = self._write("INSERT OR IGNORE INTO pages (url, data, digest) VALUES (?, ?, ?)", (page.url, data, digest))
        if cur.rowcount == 1:
            self._pages[page.url] = (int(cur.lastrowid or 0), page.url, data, digest)

    def replace_page(self, page: PageSnapshot, packed: bytes, digest: bytes | None) -> None:
        super().replace_page(page, packed, digest)
        row = self._db.execute("SELECT seq FROM pages WHERE url = ?", (page.url,)).fetchone()
        if row:
            self._pages[page.url] = (int(row[0]), page.url, packed, digest)

    def put_fact(self, kind: str, value: Any) -> None:
        super().put_fact(kind, value)
        self._facts[kind] = pack_json(value)

    def take_outbox(self) -> tuple[list[PageRow], dict[str, bytes]]:
        """What was written since the last call (the caller pushes it; on failure ``requeue`` it)."""
        pages, facts = list(self._pages.values()), dict(self._facts)
        self._pages.clear()
        self._facts.clear()
        return pages, facts

    def requeue(self, pages: list[PageRow], facts: dict[str, bytes]) -> None:
        for row in pages:
            self._pages.setdefault(row[1], row)
        for kind, blob in facts.items():
            self._facts.setdefault(kind, blob)

    def restore(self, pages: list[PageRow], facts: dict[str, bytes]) -> int:
        """Load the shared rows (crawl order) into the local file; local pages the shared store lacks
        (written here after the last push of an earlier attempt) are queued to be pushed. Returns how
        many pages the shared store held."""
        shared = set()
        for _seq, url, data, digest in sorted(pages):
            shared.add(url)
            self._db.execute("INSERT OR IGNORE INTO pages (url, data, digest) VALUES (?, ?, ?)", (url, data, digest))
        for kind, blob in facts.items():
            self._db.execute("INSERT OR IGNORE INTO facts (kind, data) VALUES (?, ?)", (kind, blob))
        for seq, url, data, digest in self._db.execute("SELECT seq, url, data, digest FROM pages ORDER BY seq"):
            if url not in shared:
                self._pages[url] = (int(seq), url, data, digest)
        return len(shared)
