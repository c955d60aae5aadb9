"""Coordinator side: enqueue one job per site, wait for the store to hold every site's artifacts,
then assess and score exactly as a local scan does (scan_sources with the run resumed)."""
from __future__ import annotations

import asyncio
import time
from dataclasses import asdict
from datetime import date
from typing import Any

from govinspect.workers.broker_setup import use_redis
from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.scan_run import new_run_id, scan_sources
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings


def settings_for_jobs(settings: Settings) -> dict[str, Any]:
    """The settings a worker needs, as plain JSON (the shared store URL above all)."""
    return {"db_url": settings.database_url, "workspace": str(settings.workspace),
            "resolve": {h: list(ips) for h, ips in settings.resolve.items()},
            "only_mapped_hosts": settings.only_mapped_hosts, "page_budget": settings.page_budget,
            "per_host_delay_s": settings.per_host_delay_s, "robots": settings.robots, "quiet": True,
            "probe_interval_s": settings.probe_interval_s}


async def distributed_scan(settings: Settings, sites: list[SiteRecord], accounts: list[AccountRecord],
                           as_of: date, rulebook_id: str, redis_url: str,
                           timeout_s: float = 3600) -> tuple[dict[str, Any], str]:
    use_redis(redis_url)
    from govinspect.workers.site_jobs import gather_site_job

    rulebook = load_rulebook(rulebook_id)
    run_id = new_run_id(as_of)
    store = await open_store(settings)
    try:
        await store.create_run(run_id, as_of, rulebook.id, {"sites": [s.site_code for s in sites],
                                                              "distributed": True})
        job_settings = settings_for_jobs(settings)
        for site in sites:
            gather_site_job.send(run_id, asdict(site), as_of.isoformat(), job_settings)
        deadline = time.monotonic() + timeout_s
        wanted = {s.site_code for s in sites}
        while not wanted <= await store.sites_with_artifacts(run_id):
            if time.monotonic() > deadline:
                raise TimeoutError(f"分布式检查超时：{run_id}")
            await asyncio.sleep(0.5)
        return await scan_sources(settings, sites, accounts, as_of, rulebook_id, resume_run=run_id, store=store)
    finally:
        await store.close()
