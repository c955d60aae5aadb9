"""The unit job as a dramatiq actor: one message per site or accounts batch, carrying only the run and the
unit (the store holds the rest; pipeline/run_unit_job.py does the work). Late acks (dramatiq's default):
a worker killed mid-site leaves its message unacknowledged and the broker gives it to another worker,
which resumes the site from the crawl journal in the shared store."""
from __future__ import annotations

import dramatiq

from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.run_unit_job import run_unit
from govinspect.settings import Settings
from govinspect.workers.broker_setup import QUEUE

# Crawling one big site politely takes hours; a retry waits 1 s … 30 s (a database restart, a crash).
UNIT_TIME_LIMIT_MS = 6 * 60 * 60 * 1000
_worker_settings: list[Settings] = []      # this worker process's own settings (set by run_worker)


def serve_with(settings: Settings) -> None:
    _worker_settings[:] = [settings]


def bound_to(broker: dramatiq.Broker) -> dramatiq.Actor:
    """The actor, sending to and consumed from ``broker`` (a process may have met another one first)."""
    if unit_job.broker is not broker:
        unit_job.broker = broker
        broker.declare_actor(unit_job)
    return unit_job


@dramatiq.actor(queue_name=QUEUE, time_limit=UNIT_TIME_LIMIT_MS, max_retries=12, min_backoff=1000,
                max_backoff=30_000)
async def unit_job(run_id: str, unit: str) -> None:
    if not _worker_settings:
        raise RuntimeError("unit_job runs only inside `govinspect worker` (serve_with was not called)")
    settings = _worker_settings[0]
    store = await open_store(settings)
    try:
        await run_unit(settings, store, run_id, unit)
    finally:
        await store.close()
