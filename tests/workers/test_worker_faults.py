"""[dist] faults, each against real processes: a worker SIGKILLed mid-site, Redis and PostgreSQL restarted
mid-run, a site whose job keeps failing, duplicate deliveries. The run completes and nothing is lost or
counted twice."""
from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city import CityInThread
from govinspect.settings import Settings
from tests.workers.servers import WorkerProcess

pytestmark = [pytest.mark.redis, pytest.mark.pg, pytest.mark.slow]


class CountedCity:
    """The demo city, each request to it recorded with its time (to tell fetches before and after a kill)."""

    def __init__(self, seed: int, sites: int, pages: int):
        self.city = build_city(seed=seed, sites=sites, pages_per_site=pages, accounts=0)
        self.hits: dict[str, list[float]] = defaultdict(list)
        render = self.city.render

        def counted(host: str, path: str, headers: dict, **kw: Any) -> Any:
            self.hits[f"{host.split(':')[0]}{path}"].append(time.time())
            return render(host, path, headers, **kw)

        self.city.render = counted


def settings_for(running: Any, db: str, workspace: Path, delay_s: float = 0.0) -> Settings:
    cfg = demo_settings(Settings(workspace=workspace, quiet=True, db_url=db, worker_heartbeat_s=3.0),
                        running.resolve_map)
    return cfg.with_(per_host_delay_s=delay_s, per_host_connections=1)


def rows(db: str, sql: str) -> list[tuple]:
    async def go() -> list[tuple]:
        import asyncpg

        conn = await asyncpg.connect(db)
        try:
            return [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()
    return asyncio.run(go())


def scalar(db: str, sql: str) -> int:
    return int(rows(db, sql)[0][0] or 0)


def watch(cfg: Settings, run_id: str, redis_url: str, timeout_s: float = 400) -> Any:
    from govinspect.workers.submit_scan import watch_run

    deadline = time.monotonic() + timeout_s
    watched = asyncio.run(watch_run(cfg, run_id, redis_url, poll_s=0.5, sweep_s=3.0,
                                    until=lambda: time.monotonic() > deadline))
    assert watched.status == "done", f"run not done in {timeout_s} s: {watched.progress}"
    return watched


def submit(cfg: Settings, city: Any, redis_url: str) -> str:
    from govinspect.workers.submit_scan import submit_run

    return asyncio.run(submit_run(cfg, city.site_records(), [], city.as_of, "national-2019", redis_url))


def test_killed_worker_resumes_the_site_from_the_shared_journal(redis_server, pg_cluster, tmp_path: Path) -> None:
    counted = CountedCity(seed=21, sites=1, pages=70)
    db = pg_cluster.new_database()
    with CityInThread(counted.city) as running:
        cfg = settings_for(running, db, tmp_path / "coord", delay_s=0.15)
        first = WorkerProcess(db, redis_server.url, tmp_path / "machine-a")
        run_id = submit(cfg, counted.city, redis_server.url)
        deadline = time.monotonic() + 120
        while scalar(db, "SELECT count(*) FROM journal_pages") < 20:
            assert time.monotonic() < deadline, "the first worker journaled no pages"
            time.sleep(0.2)
        first.kill()
        killed_at = time.time()
        journaled = {u for (u,) in rows(db, "SELECT url FROM journal_pages")}
        second = WorkerProcess(db, redis_server.url, tmp_path / "machine-b")    # another machine: no local file
        try:
            watched = watch(cfg, run_id, redis_server.url)
        finally:
            second.stop()
            first.stop()
    result = watched.result
    assert len(result["sites"]) == 1 and result["gathered"]["sites"] == 1
    assert result["sites"][0]["result"] in ("合格", "不合格")
    assert rows(db, "SELECT starts, state FROM run_jobs") == [(2, "done")]
    # the homepage is asked for again by the steps after the crawl (network facts, spider views), which the
    # killed worker never reached: not a page fetched twice
    home = counted.city.site_records()[0].url.split("://", 1)[1].replace(f":{running.port}", "")
    again = {key for key, times in counted.hits.items() if min(times) < killed_at < max(times)} - {home}
    journaled_keys = {u.split("://", 1)[1].replace(f":{running.port}", "") for u in journaled}
    assert not again & journaled_keys, f"pages in the shared journal fetched again: {sorted(again & journaled_keys)}"
    assert len(again) <= 12, f"{len(again)} pages fetched twice: {sorted(again)}"
    assert scalar(db, "SELECT count(*) FROM journal_pages") == 0      # dropped once the site was done


def test_redis_restart_mid_run_loses_no_job(redis_server, pg_cluster, tmp_path: Path) -> None:
    counted = CountedCity(seed=22, sites=4, pages=25)
    db = pg_cluster.new_database()
    with CityInThread(counted.city) as running:
        cfg = settings_for(running, db, tmp_path / "coord", delay_s=0.05)
        worker = WorkerProcess(db, redis_server.url, tmp_path / "w", threads=2)
        try:
            run_id = submit(cfg, counted.city, redis_server.url)
            deadline = time.monotonic() + 120
            while scalar(db, "SELECT count(*) FROM run_jobs WHERE state = 'done'") < 1:
                assert time.monotonic() < deadline
                time.sleep(0.2)
            redis_server.stop()           # appendonly: the queue is on disk, as in production
            time.sleep(2)
            redis_server.start()
            watched = watch(cfg, run_id, redis_server.url)
        finally:
            worker.stop()
    assert watched.progress.by_state == {"done": 4}
    assert len(watched.result["sites"]) == 4 and watched.result["gathered"]["sites"] == 4


def test_postgresql_restart_mid_run_workers_retry_and_the_run_completes(redis_server, pg_cluster,
                                                                        tmp_path: Path) -> None:
    counted = CountedCity(seed=23, sites=3, pages=30)
    db = pg_cluster.new_database()
    with CityInThread(counted.city) as running:
        cfg = settings_for(running, db, tmp_path / "coord", delay_s=0.1)
        worker = WorkerProcess(db, redis_server.url, tmp_path / "w", threads=3)
        try:
            run_id = submit(cfg, counted.city, redis_server.url)
            deadline = time.monotonic() + 120
            while scalar(db, "SELECT count(*) FROM journal_pages") < 10:
                assert time.monotonic() < deadline
                time.sleep(0.2)
            pg_cluster.stop()
            time.sleep(3)
            pg_cluster.start()
            watched = watch(cfg, run_id, redis_server.url)
        finally:
            worker.stop()
    assert watched.progress.by_state == {"done": 3}
    assert [s["result"] for s in watched.result["sites"]].count("未能检测") == 0


def test_a_site_whose_job_keeps_failing_is_not_assessed_and_the_others_complete(
        redis_server, pg_cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govinspect.pipeline import run_unit_job
    from govinspect.workers.run_worker import run_worker

    counted = CountedCity(seed=24, sites=3, pages=15)
    broken = counted.city.site_records()[1].site_code
    real_site = run_unit_job._site

    async def crashing(settings: Settings, store: Any, jobs: Any, run_id: str, site: Any, *args: Any) -> Any:
        if site.site_code == broken:                     # fault injection: this site's job always raises
            raise RuntimeError("解析器崩溃（测试注入）")
        return await real_site(settings, store, jobs, run_id, site, *args)

    monkeypatch.setattr(run_unit_job, "_site", crashing)
    db = pg_cluster.new_database()
    with CityInThread(counted.city) as running:
        cfg = settings_for(running, db, tmp_path / "coord")
        stop = threading.Event()
        thread = threading.Thread(target=run_worker, args=(cfg.with_(workspace=tmp_path / "w"), redis_server.url),
                                  kwargs={"threads": 2, "stop": stop})
        thread.start()
        try:
            run_id = submit(cfg, counted.city, redis_server.url)
            watched = watch(cfg, run_id, redis_server.url)
        finally:
            stop.set()
            thread.join(timeout=60)
    by_code = {s["site_code"]: s for s in watched.result["sites"]}
    assert by_code[broken]["result"] == "未能检测" and by_code[broken]["score"] is None
    assert "3 次出错" in by_code[broken]["not_assessed_reason"] and "解析器崩溃" in by_code[broken]["not_assessed_reason"]
    assert all(s["result"] in ("合格", "不合格") for code, s in by_code.items() if code != broken)
    assert watched.progress.by_state == {"done": 2, "failed": 1}


def test_duplicate_deliveries_are_idempotent(redis_server, pg_cluster, tmp_path: Path) -> None:
    from govinspect.pipeline.open_store import open_store
    from govinspect.pipeline.run_unit_job import run_unit
    from govinspect.workers.broker_setup import use_redis
    from govinspect.workers.site_jobs import bound_to

    counted = CountedCity(seed=25, sites=2, pages=20)
    db = pg_cluster.new_database()
    with CityInThread(counted.city) as running:
        cfg = settings_for(running, db, tmp_path / "coord", delay_s=0.05)
        workers = [WorkerProcess(db, redis_server.url, tmp_path / f"w{i}", threads=2) for i in range(2)]
        try:
            run_id = submit(cfg, counted.city, redis_server.url)
            job = bound_to(use_redis(redis_server.url, 3.0))
            for site in counted.city.site_records():          # every message delivered twice more
                job.send(run_id, site.site_code)
                job.send(run_id, site.site_code)
            watched = watch(cfg, run_id, redis_server.url)
            first = watched.result

            async def late_duplicate() -> str:
                store = await open_store(cfg)
                try:
                    return await run_unit(cfg, store, run_id, counted.city.site_records()[0].site_code)
                finally:
                    await store.close()
            late = asyncio.run(late_duplicate())
            after = watch(cfg, run_id, redis_server.url).result
        finally:
            for w in workers:
                w.stop()
    assert late == "ended"
    assert after == first
    assert len(first["sites"]) == 2 and first["gathered"]["sites"] == 2
    homepages = [k for k in counted.hits if k.endswith(".cn/")]
    pages = {k: len(v) for k, v in counted.hits.items() if k.endswith(".html")}
    assert homepages and pages
    assert max(pages.values()) == 1, "a page was crawled by two deliveries of one site"
    assert {starts for (starts,) in rows(db, "SELECT starts FROM run_jobs")} == {1}
