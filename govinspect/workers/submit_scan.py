"""The coordinator of a distributed run: submit one message per unit, then watch the store.

It holds no site's data: the units' entries and the result are written by the workers (the job that ends
the last unit composes the result), so a closed terminal loses nothing and its memory does not grow with
the number of sites. While watching it re-sends what the broker lost (repair_runs.py).
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.model.serialize import to_jsonable
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.run_unit_job import account_batches
from govinspect.pipeline.scan_run import new_run_id
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.store.run_jobs_store import RunJobs, RunProgress
from govinspect.workers.broker_setup import use_redis
from govinspect.workers.repair_runs import resend_lost

SWEEP_S = 15.0
log = logging.getLogger(__name__)


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
                    until: Callable[[], bool] | None = None, sweep_s: float = SWEEP_S) -> Watched:
    """Watch ``run_id`` until it is done (or ``until()`` says stop), re-sending what the broker lost."""
    unit_job = _unit_job(redis_url, settings)
    store = await open_store(settings)
    jobs = RunJobs(store)
    last_sweep = time.monotonic()
    try:
        while True:
            try:
                run = await store.get_run(run_id)
                progress = await jobs.progress(run_id) if run is not None else None
            except (OSError, SQLAlchemyError):      # the store restarts: the run goes on, so do we
                log.warning("store unavailable while watching %s; retrying", run_id, exc_info=True)
                await asyncio.sleep(max(poll_s, 2.0))
                continue
            if run is None or progress is None:
                raise ValueError(f"找不到运行编号 {run_id}")
            watched = Watched(run["status"], progress, run.get("result"))
            if on_progress is not None:
                on_progress(watched)
            if run["status"] == "done" or (until is not None and until()):
                return watched
            if time.monotonic() - last_sweep >= sweep_s:
                last_sweep = time.monotonic()
                try:
                    await resend_lost(jobs, run_id, unit_job)
                except (OSError, SQLAlchemyError, RedisError):
                    log.warning("could not check %s for lost units; next sweep retries", run_id, exc_info=True)
            await asyncio.sleep(poll_s)
    finally:
        await store.close()
