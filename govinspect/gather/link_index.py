"""Every distinct link target seen on crawled pages, with where it was first seen.

One entry per target keeps memory to the number of distinct targets, not pages × links; a target
on the homepage is marked so (F1 costs more than F2). Past ``bound`` targets (``Settings.crawl_state_in_memory``)
new ones go to a spill file (spill_file.py); the link check reads them back in its order (``ordered``).
"""
from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from sys import intern

from govinspect.gather.canonical_url import canonical_url
from govinspect.gather.spill_file import open_spill
from govinspect.model.artifacts import Link

CHECKED_TAGS = frozenset({"a", "img", "attachment", "iframe", "embed", "area"})
LINKS_SCHEMA = """CREATE TABLE links (target TEXT PRIMARY KEY, source_url TEXT, anchor TEXT, position TEXT, tag TEXT,
                                      on_homepage INTEGER) WITHOUT ROWID;"""
# first seen wins, except that a homepage occurrence replaces one seen elsewhere (as in memory)
_SPILL_ADD = "INSERT OR IGNORE INTO links VALUES (?, ?, ?, ?, ?, 0)"
_SPILL_ADD_HOME = ("INSERT INTO links VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (target) DO UPDATE SET "
                   "source_url = excluded.source_url, anchor = excluded.anchor, position = excluded.position, "
                   "tag = excluded.tag, on_homepage = 1 WHERE on_homepage = 0")


@dataclass(slots=True)
class LinkRef:
    source_url: str
    anchor: str
    position: str
    tag: str
    on_homepage: bool


def check_order(item: tuple[str, LinkRef]) -> tuple[bool, str]:
    """Homepage targets first, then by URL (the order of link checks and of their budget)."""
    return not item[1].on_homepage, item[0]


class LinkIndex:
    def __init__(self, home: str, bound: int = 1 << 62):
        self.home = home
        self.targets: dict[str, LinkRef] = {}      # in memory: the first ``bound`` targets
        self.bound = max(1, bound)
        self._spill: sqlite3.Connection | None = None   # the targets past them, once there are any
        self._spilled = 0

    def add_page(self, page_url: str, links: list[Link], canons: list[str | None] | None = None) -> None:
        """``canons``: each link's ``canonical_url(link.url)`` when the caller has them already."""
        on_home = page_url == self.home
        spill: list[tuple[str, str, str, str, str]] = []
        for i, link in enumerate(links):
            if link.tag not in CHECKED_TAGS:
                continue
            target = canonical_url(link.url) if canons is None else canons[i]
            if target is None:
                continue
            ref = self.targets.get(target)
            # position and tag are a handful of words: interned, not one copy per target
            if ref is None:
                if self._spill is not None or len(self.targets) >= self.bound:
                    spill.append((target, page_url, link.text or link.title, link.position, link.tag))
                    continue
                self.targets[target] = LinkRef(page_url, link.text or link.title, intern(link.position),
                                               intern(link.tag), on_home)
            elif on_home and not ref.on_homepage:
                self.targets[target] = LinkRef(page_url, link.text or link.title, intern(link.position),
                                               intern(link.tag), True)
        if spill:
            self._spill_rows(spill, on_home)

    def _spill_rows(self, rows: list[tuple[str, str, str, str, str]], on_home: bool) -> None:
        if self._spill is None:
            self._spill = open_spill(LINKS_SCHEMA)
        db = self._spill
        if not on_home:
            try:
                self._spilled += db.executemany(_SPILL_ADD, rows).rowcount      # rows inserted, not ignored
                return
            except UnicodeEncodeError:      # a lone surrogate SQLite cannot store: row by row below
                pass
        for row in rows:
            try:
                known = db.execute("SELECT 1 FROM links WHERE target = ?", row[:1]).fetchone() is not None
                db.execute(_SPILL_ADD_HOME if on_home else _SPILL_ADD, row)
                self._spilled += not known
            except UnicodeEncodeError:      # held in memory instead
                self.targets.setdefault(row[0], LinkRef(row[1], row[2], intern(row[3]), intern(row[4]), on_home))

    def _spilled_rows(self, order: str = "") -> Iterator[tuple[str, LinkRef]]:
        if self._spill is None:
            return
        # SQLite compares TEXT as UTF-8 bytes: the same order as Python's str comparison
        for target, source, anchor, position, tag, home in self._spill.execute(
                "SELECT target, source_url, anchor, position, tag, on_homepage FROM links " + order):
            yield target, LinkRef(source, anchor, intern(position), intern(tag), bool(home))

    def items(self) -> Iterator[tuple[str, LinkRef]]:
        """Every (target, where first seen), in memory first, then spilled (no particular order)."""
        yield from list(self.targets.items())
        yield from self._spilled_rows()

    def ordered(self, limit: int) -> list[tuple[str, LinkRef]]:
        """The first ``limit`` targets in check order (``check_order``), read from memory and the spill file."""
        held = sorted(self.targets.items(), key=check_order)
        spilled = self._spilled_rows("ORDER BY on_homepage DESC, target")
        return list(islice(heapq.merge(held, spilled, key=check_order), max(0, limit)))

    def drop(self, targets: set[str]) -> None:
        """Forget targets the trap guards refused (an endless calendar is not 10,000 links to check)."""
        for t in targets:
            self.targets.pop(t, None)
        if self._spill is not None and targets:
            self._spilled -= self._spill.executemany("DELETE FROM links WHERE target = ?",
                                                     ((t,) for t in targets)).rowcount

    def __len__(self) -> int:
        return len(self.targets) + self._spilled
