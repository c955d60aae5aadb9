"""Resumable gathering: an append-only SQLite journal per site and run (stdlib sqlite3, WAL).

One row per fetched page (the snapshot with its HTML, compressed (page_blob.py), and the page's digest — the one
parse of it, extract/page_digest.py — in the order the crawl took it in) and one row per finished gather step (link checks, probes, network facts, spider views). A gather killed at
any moment (kill -9) reopens the file, replays the pages into the frontier and goes on: nothing
committed is fetched again. WAL with synchronous=NORMAL survives a killed process.
"""
from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from govinspect.gather.page_blob import compress_row, decompress_row
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.serialize import from_jsonable, to_jsonable

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (seq INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT UNIQUE NOT NULL,
                                  data BLOB NOT NULL, digest BLOB);
CREATE TABLE IF NOT EXISTS facts (kind TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


def pack_json(obj: Any) -> bytes:
    return compress_row(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def unpack_json(blob: bytes) -> Any:
    return json.loads(decompress_row(blob).decode("utf-8"))


class CrawlJournal:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        # written once, read back once at the end: SQLite's default 2 MB cache per journal (one per site
        # being crawled) would only fill up (4 x 4,000 pages: 297 -> 288 MB summed peak at 256 KB)
        self._db.execute("PRAGMA cache_size=-256")
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(pages)")}
        if "digest" not in columns:       # a journal written before digests were kept
            self._db.execute("ALTER TABLE pages ADD COLUMN digest BLOB")

    @classmethod
    def for_site(cls, journal_dir: Path, site_code: str) -> CrawlJournal:
        return cls(cls.path_for(journal_dir, site_code))

    @staticmethod
    def path_for(journal_dir: Path, site_code: str) -> Path:
        safe = re.sub(r"[^0-9A-Za-z_.-]", "_", site_code) or "site"
        return Path(journal_dir) / f"{safe}.gather.sqlite"

    def close(self) -> None:
        self.commit()
        self._db.close()

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        """Writes made in one turn of the event loop share one transaction, committed as the loop's next
        turn begins: a batch of pages back from the parse pool is absorbed in one turn, and a commit per
        page was most of the journal's cost. Nothing waits in between that a kill could lose beyond the
        pages of that turn, which were in flight anyway. Outside an event loop each write commits."""
        if not self._db.in_transaction:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return self._db.execute(sql, params)
            self._db.execute("BEGIN")
            loop.call_soon(self.commit)
        return self._db.execute(sql, params)

    def commit(self) -> None:
        """Commit the writes of this loop turn now (before another process reads the file)."""
        try:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
        except sqlite3.ProgrammingError:       # closed meanwhile (close commits first)
            pass

    def add_page(self, page: PageSnapshot, packed: bytes | None = None, digest: bytes | None = None) -> None:
        """``packed``: the snapshot already packed (``pack_json``) where it was parsed; ``digest``: its
        packed digest (``page_digests.pack_digest``)."""
        data = packed if packed is not None else pack_json(to_jsonable(page))
        self._write("INSERT OR IGNORE INTO pages (url, data, digest) VALUES (?, ?, ?)", (page.url, data, digest))

    def pages(self) -> list[PageSnapshot]:
        """Fetched pages in the order the crawl took them in (replaying them repeats its decisions)."""
        return [from_jsonable(PageSnapshot, unpack_json(blob))
                for (blob,) in self._db.execute("SELECT data FROM pages ORDER BY seq")]

    def page_digests(self) -> list[tuple[str, bytes | None]]:
        """(URL, packed digest or None) in crawl order; the pages' HTML stays on disk (``page_row``)."""
        return self._db.execute("SELECT url, digest FROM pages ORDER BY seq").fetchall()

    def page_row(self, url: str) -> tuple[bytes, bytes | None] | None:
        return self._db.execute("SELECT data, digest FROM pages WHERE url = ?", (url,)).fetchone()

    def replace_page(self, page: PageSnapshot, packed: bytes, digest: bytes | None) -> None:
        self._write("UPDATE pages SET data = ?, digest = ? WHERE url = ?", (packed, digest, page.url))

    def page_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM pages").fetchone()[0])

    def put_fact(self, kind: str, value: Any) -> None:
        self._write("INSERT OR REPLACE INTO facts (kind, data) VALUES (?, ?)", (kind, pack_json(value)))

    def get_fact(self, kind: str) -> Any | None:
        row = self._db.execute("SELECT data FROM facts WHERE kind = ?", (kind,)).fetchone()
        return unpack_json(row[0]) if row else None
