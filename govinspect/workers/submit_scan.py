"""The coordinator of a distributed run: submit one message per unit, then watch the store.

It holds no site's data: the units' entries and the result are written by the workers (the job that ends
the last unit composes the result), so a closed terminal loses nothing and its memory does not grow with
the number of sites. While watching it repairs what the broker lost: units whose worker's lease ran out
and units still queued when Redis holds no message of ours (Redis restarted without its data) are sent
again — the store's claim makes a second delivery harmless.
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.model.serialize import to_jsonable
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.run_unit_job import account_batches
from govinspect.pipeline.scan_run import new_run_id
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.store.run_jobs_store import RunJobs, RunProgress
from govinspect.workers.broker_setup import outstanding, use_redis

SWEEP_S = 15.0


@dataclass
class Watched:
    status: str
    progress: RunProgress
    result: dict[str, Any] | None = None


def _unit_job(redis_url: str, settings: Settings) -> Any:
    broker = use_redis(redis_url, settings.worker_heartbeat_s)
    from govinspect.workers.site_jobs import bound_to

    return bound_to(broker)


async def submit_run(settings: Settings, sites: list[SiteRecord], accounts: list[AccountRecord], as_of: date,
                     rulebook_id: str, redis_url: str, store: Store | None = None) -> str:
    """Create the run and its units in the store and send their messages; returns the run id."""
    unit_job = _unit_job(redis_url, settings)
    rulebook = load_rulebook(rulebook_id)
    run_id = new_run_id(as_of)
    own = store is None
    store = store or await open_store(settings)
    try:
        await store.create_run(run_id, as_of, rulebook.id, {
            "sites": [s.site_code for s in sites], "accounts": [a.key for a in accounts], "distributed": True,
            "settings": settings.crawl_part(), "rulebook_raw": rulebook.raw})
        units = [(s.site_code, "site", to_jsonable(s)) for s in sites]
        units += [(unit, "accounts", batch) for unit, batch in account_batches(accounts)]
        await RunJobs(store).add(run_id, units)
        for unit, _kind, _payload in units:
            unit_job.send(run_id, unit)
        return run_id
    finally:
        if own:
            await store.close()


async def watch_run(settings: Settings, run_id: str, redis_url: str,
                    on_progress: Callable[[Watched], None] | None = None, poll_s: float = 1.0,
                    until: Callable[[], bool] | None = None) -> Watched:
    """Watch ``run_id`` until it is done (or ``until()`` says stop), re-sending what the broker lost."""
    unit_job = _unit_job(redis_url, settings)
    store = await open_store(settings)
    jobs = RunJobs(store)
    last_sweep = time.monotonic()
    try:
        while True:
            run = await store.get_run(run_id)
            if run is None:
                raise ValueError(f"找不到运行编号 {run_id}")
            watched = Watched(run["status"], await jobs.progress(run_id), run.get("result"))
            if on_progress is not None:
                on_progress(watched)
            if run["status"] == "done" or (until is not None and until()):
                return watched
            if time.monotonic() - last_sweep >= SWEEP_S:
                last_sweep = time.monotonic()
                await _resend_lost(jobs, run_id, unit_job)
            await asyncio.sleep(poll_s)
    finally:
        await store.close()


async def _resend_lost(jobs: RunJobs, run_id: str, unit_job: Any) -> list[str]:
    lost = [unit for unit, _, _ in await jobs.stale(run_id)]
    if await asyncio.to_thread(outstanding, unit_job.broker) == 0:
        lost += [unit for unit, _, _ in await jobs.units(run_id, ("queued", "running")) if unit not in lost]
    for unit in lost:
        unit_job.send(run_id, unit)
    return lost
