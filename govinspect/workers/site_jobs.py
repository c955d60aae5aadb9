"""The per-site job: gather + extract one site and store its artifacts for the run."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import dramatiq

from govinspect.model.records import SiteRecord
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.scan_run import site_artifacts
from govinspect.settings import load_settings

# Crawling one site can take long; dramatiq's defaults (10 min, 20 retries) suit neither.
SITE_JOB_TIME_LIMIT_MS = 60 * 60 * 1000


@dramatiq.actor(queue_name="govinspect-sites", time_limit=SITE_JOB_TIME_LIMIT_MS, max_retries=2)
async def gather_site_job(run_id: str, site: dict[str, Any], as_of: str, settings: dict[str, Any]) -> None:
    cfg = load_settings(**settings)
    store = await open_store(cfg)
    try:
        journal_dir = Path(cfg.workspace) / "runs" / run_id
        journal_dir.mkdir(parents=True, exist_ok=True)
        await site_artifacts(store, cfg, run_id, SiteRecord(**site), date.fromisoformat(as_of), journal_dir,
                             reuse=True)
    finally:
        await store.close()
