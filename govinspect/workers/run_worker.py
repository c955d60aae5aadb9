"""`govinspect worker`: a dramatiq worker consuming a distributed run's units from Redis."""
from __future__ import annotations

import signal
import threading

from dramatiq import Worker

from govinspect.settings import Settings
from govinspect.workers.broker_setup import use_redis
from govinspect.workers.repair_runs import keep_sweeping


def run_worker(settings: Settings, redis_url: str, threads: int = 8, stop: threading.Event | None = None) -> None:
    """Runs in this process until SIGINT/SIGTERM (or ``stop`` is set). ``threads``: units worked on at
    once; a polite crawl mostly waits, so one process keeps several sites going (its CPU work runs on
    one core: start one worker per core)."""
    broker = use_redis(redis_url, settings.worker_heartbeat_s)
    from govinspect.workers.site_jobs import bound_to, serve_with

    serve_with(settings)
    unit_job = bound_to(broker)
    worker = Worker(unit_job.broker, worker_threads=threads, worker_timeout=1000)
    worker.start()
    stop = stop or threading.Event()
    keep_sweeping(settings, unit_job, stop, every_s=max(15.0, settings.worker_heartbeat_s))
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        worker.stop()
