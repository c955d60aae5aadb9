"""The crawl journal commits the writes of one event-loop turn together (gather/crawl_journal.py): another
connection sees them once the loop turns, and at once outside a loop or on close."""
from __future__ import annotations

import asyncio
import sqlite3

from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.model.artifacts import PageSnapshot


def _snap(i: int) -> PageSnapshot:
    url = f"http://www.example.gov.cn/{i}.html"
    return PageSnapshot(url=url, final_url=url, status=200, fetched_at="2020-07-17T00:00:00", elapsed_ms=1)


def _committed(path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM pages").fetchone()[0]
    finally:
        db.close()


def test_one_turn_is_one_transaction_committed_by_the_next_turn(tmp_path):
    journal = CrawlJournal(tmp_path / "site.gather.sqlite")

    async def crawl() -> list[int]:
        seen = []
        for i in range(3):
            journal.add_page(_snap(i), b"x", None)
        seen.append(_committed(journal.path))       # same turn: not yet on disk for others
        assert journal.page_count() == 3             # the journal's own connection sees its writes
        await asyncio.sleep(0)
        seen.append(_committed(journal.path))
        journal.put_fact("robots", {"rules": []})
        journal.add_page(_snap(3), b"x", None)
        journal.commit()                              # explicit: before another process reads
        seen.append(_committed(journal.path))
        return seen

    assert asyncio.run(crawl()) == [0, 3, 4]
    journal.close()
    assert CrawlJournal(journal.path).get_fact("robots") == {"rules": []}


def test_outside_a_loop_and_on_close_every_write_is_committed(tmp_path):
    journal = CrawlJournal(tmp_path / "site.gather.sqlite")
    journal.add_page(_snap(0), b"x", None)
    assert _committed(journal.path) == 1

    async def last_turn() -> None:
        journal.add_page(_snap(1), b"x", None)
        journal.close()                               # closed before the loop turned: close committed

    asyncio.run(last_turn())
    assert _committed(journal.path) == 2
