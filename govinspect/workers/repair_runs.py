"""Re-send what the broker lost. A unit whose worker's lease ran out (the worker died and the broker has
not redelivered yet, or a retry was dropped) and units still queued while Redis holds no message of ours
(Redis restarted without its data) get a new message; the store's claim makes any extra delivery
harmless. The coordinator does this while it watches, and every worker does it for all open runs, so a
run completes even when nobody watches it."""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from govinspect.pipeline.open_store import open_store
from govinspect.settings import Settings
from govinspect.store.run_jobs_store import RunJobs
from govinspect.workers.broker_setup import outstanding

log = logging.getLogger(__name__)


async def resend_lost(jobs: RunJobs, run_id: str, unit_job: Any) -> list[str]:
    lost = [unit for unit, _, _ in await jobs.stale(run_id)]
    if await asyncio.to_thread(outstanding, unit_job.broker) == 0:
        lost += [unit for unit, _, _ in await jobs.units(run_id, ("queued", "running")) if unit not in lost]
    for unit in lost:
        unit_job.send(run_id, unit)
    if lost:
        log.warning("run %s: re-sent %d lost unit(s): %s", run_id, len(lost), ", ".join(lost[:10]))
    return lost


async def sweep_open_runs(settings: Settings, unit_job: Any) -> None:
    store = await open_store(settings)
    try:
        jobs = RunJobs(store)
        for run in await store.list_runs():
            if run["status"] == "running":
                await resend_lost(jobs, run["id"], unit_job)
    finally:
        await store.close()


def keep_sweeping(settings: Settings, unit_job: Any, stop: threading.Event, every_s: float) -> threading.Thread:
    def loop() -> None:
        while not stop.wait(every_s):
            try:
                asyncio.run(sweep_open_runs(settings, unit_job))
            except (OSError, SQLAlchemyError, RedisError):
                log.warning("sweep of open runs failed; the next one retries", exc_info=True)

    thread = threading.Thread(target=loop, name="govinspect-sweep", daemon=True)
    thread.start()
    return thread
