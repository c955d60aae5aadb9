"""`govinspect worker`: a dramatiq worker consuming site jobs from Redis."""
from __future__ import annotations

import signal
import threading

from dramatiq import Worker

from govinspect.workers.broker_setup import use_redis
from govinspect.settings import Settings


def run_worker(settings: Settings, redis_url: str, processes: int = 1, threads: int = 4,
               stop: threading.Event | None = None) -> None:
    """Runs in this process until SIGINT/SIGTERM (or ``stop`` is set). ``processes`` > 1: start
    several `govinspect worker` commands instead (one process each keeps the code path single)."""
    use_redis(redis_url)
    from govinspect.workers.site_jobs import gather_site_job  # registers the actor on that broker

    worker = Worker(gather_site_job.broker, worker_threads=threads)
    worker.start()
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        worker.stop()
