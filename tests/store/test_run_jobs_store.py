"""A distributed run's units in the store, on SQLite and on a real PostgreSQL: claims answer duplicates,
dead workers and ended units consistently; exactly one caller finishes the run; the crawl journal round-trips."""
from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from govinspect.model.records import SiteRecord
from govinspect.model.serialize import to_jsonable
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.store.run_jobs_store import RunJobs


async def _run(store: Store, units: int = 2) -> RunJobs:
    sites = [SiteRecord(site_code=f"42120000{i:02d}", name=f"网站{i}", url=f"http://s{i}.example.gov.cn/")
             for i in range(units)]
    await store.create_run("r1", date(2020, 7, 17), "national-2019",
                           {"sites": [s.site_code for s in sites], "accounts": []})
    jobs = RunJobs(store)
    await jobs.add("r1", [(s.site_code, "site", to_jsonable(s)) for s in sites])
    await jobs.add("r1", [(sites[0].site_code, "site", {"ignored": True})])      # resubmitting keeps the row
    return jobs


async def test_claims_answer_twins_dead_workers_and_ended_units(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        jobs = await _run(store)
        first = await jobs.claim("r1", "4212000000", "a", lease_s=60, max_starts=3)
        assert (first.outcome, first.starts, first.payload["name"]) == ("claimed", 1, "网站0")
        assert (await jobs.claim("r1", "4212000000", "b", lease_s=60, max_starts=3)).outcome == "busy"
        await jobs.renew("r1", "4212000000", "a", lease_s=-1, pages=7)          # a dead worker's lease runs out
        assert [u for u, _, _ in await jobs.stale("r1")] == ["4212000000"]
        taken = await jobs.claim("r1", "4212000000", "b", lease_s=60, max_starts=3)
        assert (taken.outcome, taken.starts) == ("claimed", 2)
        assert await jobs.end("r1", "4212000000", {"site_code": "4212000000"}, {"pages": 7}) is True
        assert await jobs.end("r1", "4212000000", {"late": True}, {}) is False  # a duplicate's late answer
        assert (await jobs.claim("r1", "4212000000", "c", lease_s=60, max_starts=3)).outcome == "ended"
        assert (await jobs.claim("r1", "nope", "c", lease_s=60, max_starts=3)).outcome == "missing"
        progress = await jobs.progress("r1")
        assert (progress.total, progress.by_state, progress.pages) == (2, {"done": 1, "queued": 1}, 7)
        assert [entry async for entry in jobs.entries("r1", "site")] == \
            [("4212000000", {"site_code": "4212000000"}, {"pages": 7})]
    finally:
        await store.close()


async def test_failures_give_up_and_only_one_caller_finishes(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        jobs = await _run(store)
        for n in range(1, 4):
            assert (await jobs.claim("r1", "4212000001", f"w{n}", lease_s=60, max_starts=9)).outcome == "claimed"
            assert await jobs.failed_attempt("r1", "4212000001", f"出错 {n}", max_failures=3) is (n == 3)
        assert (await jobs.claim("r1", "4212000001", "w9", lease_s=60, max_starts=4)).outcome == "claimed"
        assert (await jobs.claim("r1", "4212000001", "w10", lease_s=-1, max_starts=4)).outcome == "busy"
        assert await jobs.claim_finish("r1") is False                            # units still open
        await jobs.end("r1", "4212000000", {}, {})
        await jobs.end("r1", "4212000001", {}, {}, state="failed", reason="x")
        answers = await asyncio.gather(*(jobs.claim_finish("r1") for _ in range(5)))
        assert sorted(answers) == [False] * 4 + [True]
        assert (await store.get_run("r1"))["status"] == "finishing"
    finally:
        await store.close()


async def test_the_crawl_journal_round_trips_and_is_dropped(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        jobs = await _run(store)
        pages = [(1, "http://s0.example.gov.cn/", b"\x00html", b"digest"), (2, "http://s0.example.gov.cn/a", b"a", None)]
        await jobs.push_journal("r1", "4212000000", pages, {"robots": b"r1"})
        await jobs.push_journal("r1", "4212000000", [(2, "http://s0.example.gov.cn/a", b"a2", b"d2")],
                                {"robots": b"r2", "probes": b"p"})
        got_pages, got_facts = await jobs.pull_journal("r1", "4212000000")
        assert got_pages == [pages[0], (2, "http://s0.example.gov.cn/a", b"a2", b"d2")]
        assert got_facts == {"robots": b"r2", "probes": b"p"}
        assert await jobs.pull_journal("r1", "4212000001") == ([], {})
        await jobs.drop_journal("r1", "4212000000")
        assert await jobs.pull_journal("r1", "4212000000") == ([], {})
    finally:
        await store.close()


async def test_a_unit_whose_worker_keeps_dying_is_not_assessed_and_the_run_finishes(tmp_path: Path) -> None:
    from govinspect.pipeline.run_unit_job import KILLED_REASON, MAX_STARTS, run_unit

    store = await Store.open(f"sqlite:///{tmp_path / 'ws.db'}")
    try:
        jobs = await _run(store, units=1)
        for n in range(MAX_STARTS):                    # every attempt's worker died: its lease ran out
            assert (await jobs.claim("r1", "4212000000", f"dead{n}", lease_s=-1, max_starts=MAX_STARTS)).outcome \
                == "claimed"
        outcome = await run_unit(Settings(workspace=tmp_path, quiet=True), store, "r1", "4212000000")
        run = await store.get_run("r1")
    finally:
        await store.close()
    assert outcome == "failed"
    site = run["result"]["sites"][0]
    assert run["status"] == "done"
    assert (site["result"], site["score"], site["not_assessed_reason"]) == ("未能检测", None, KILLED_REASON)
