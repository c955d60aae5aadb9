"""Acceptance: kill -9 in the middle of a crawl, resume; the artifacts equal an uninterrupted run's and
no committed page is fetched again."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.gather.loopback import serve_hosts
from tests.gather.resume_child import HOST
from tests.gather.site_pages import small_site, small_site_page_count

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 20
TRAP_LINKS = 30          # a calendar on the homepage: the trap guard's records must survive the kill too
CALENDAR = "".join(f'<a href="/cal?date=2020-07-{d:02d}">{d}</a>' for d in range(1, TRAP_LINKS + 1))


async def _child(port: int, journal: Path, out: Path, in_memory: int | None = None) -> asyncio.subprocess.Process:
    bound = [] if in_memory is None else [str(in_memory)]
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.gather.resume_child", str(port), str(journal), str(out), *bound, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def _journal_pages(journal: Path) -> int:
    files = list(journal.glob("*.gather.sqlite"))
    if not files:
        return 0
    try:
        with sqlite3.connect(f"file:{files[0]}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM pages").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("in_memory", [None, 3], ids=["in-memory", "spilled"])
async def test_kill_9_mid_crawl_then_resume_equals_uninterrupted_run(tmp_path, in_memory):
    """``spilled``: the killed and the resumed crawl hold 3 queued URLs and 3 link targets in memory and spill
    the rest (frontier.py, link_index.py); they must still equal the uninterrupted crawl that held all."""
    total = small_site_page_count(ARTICLES) + 20          # + max_query_variants calendar pages (404)
    async with serve_hosts({HOST: small_site(ARTICLES, extra_links=CALENDAR, delay_s=0.03)}) as vh:
        clean = await _child(vh.port, tmp_path / "clean", tmp_path / "clean.json")
        assert await clean.wait() == 0
        clean_hits = Counter(vh.hits[HOST])
        vh.hits[HOST].clear()

        victim = await _child(vh.port, tmp_path / "resumed", tmp_path / "resumed.json", in_memory)
        for _ in range(2000):
            if _journal_pages(tmp_path / "resumed") >= total // 3:
                break
            await asyncio.sleep(0.01)
        victim.send_signal(signal.SIGKILL)
        assert await victim.wait() == -signal.SIGKILL
        committed = _journal_pages(tmp_path / "resumed")
        assert 0 < committed < total, committed

        resumed = await _child(vh.port, tmp_path / "resumed", tmp_path / "resumed.json", in_memory)
        assert await resumed.wait() == 0
        resumed_hits = Counter(vh.hits[HOST])

    a = json.loads((tmp_path / "clean.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "resumed.json").read_text(encoding="utf-8"))
    assert len(a["pages"]) == total and a["pages"] == b["pages"] and a["digests"] == b["digests"]
    assert any("陷阱防护" in e for e in a["errors"])
    assert a["link_checks"] == b["link_checks"] and a["network"] == b["network"]
    assert a["spider_views"] == b["spider_views"] and a["errors"] == b["errors"] and a["blocked"] == b["blocked"]
    # Pages committed before the kill were not fetched again: only requests in flight at the kill repeat.
    page_paths = {p for p in clean_hits if clean_hits[p] == 1 and not p.startswith("/robots")}
    repeated = [p for p in page_paths if resumed_hits[p] > 1]
    assert len(repeated) <= 2 + 1, repeated          # per_host_connections in flight (+1 for the kill race)
