"""`scan`: for each site gather → extract → check → score; accounts through adapters; one result JSON.

Artifacts are saved per site as soon as a worker has extracted and assessed them, so a crashed scan
resumes (``resume_run``) without gathering finished sites again; inside a site the gather journal
resumes the crawl.
"""
from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import Executor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from govinspect.gather.gather_site import gather_site
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.model.serialize import from_jsonable, to_jsonable
from govinspect.pipeline.assess_accounts import assess_accounts
from govinspect.pipeline.assess_in_pool import AssessPool, SiteWork, default_workers, release_heap
from govinspect.pipeline.compose_result import compose_result
from govinspect.pipeline.gather_and_extract import gather_and_extract
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.probe_sites import monitored_probes
from govinspect.pipeline.scan_progress import ScanProgress
from govinspect.pipeline.scan_timings import ScanTimings
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings
from govinspect.store import Store

SITE_CONCURRENCY = 4


def new_run_id(as_of: date) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    return f"{as_of:%Y%m%d}-{stamp}-{uuid.uuid4().hex[:6]}"


async def scan_sources(settings: Settings, sites: list[SiteRecord], accounts: list[AccountRecord], as_of: date,
                       rulebook_id: str, resume_run: str | None = None,
                       store: Store | None = None, timings: ScanTimings | None = None,
                       workers: int | None = None) -> tuple[dict[str, Any], str]:
    """Scan sites and accounts into one result JSON.

    Gathering runs on the event loop; extraction, checks and scoring of each gathered site run in
    ``workers`` processes (default: cores − 1; 0 = inline) so the CPU half never stalls the crawl.
    ``timings`` (optional) receives seconds per stage.
    """
    timings = timings if timings is not None else ScanTimings()
    rulebook = load_rulebook(rulebook_id)
    own_store = store is None
    store = store or await open_store(settings)
    try:
        run_id = resume_run or new_run_id(as_of)
        if resume_run:
            run = await store.get_run(resume_run)
            if run is None:
                raise ValueError(f"找不到运行编号 {resume_run}")
            as_of = run["as_of"] if isinstance(run["as_of"], date) else date.fromisoformat(str(run["as_of"]))
        else:
            await store.create_run(run_id, as_of, rulebook.id, {
                "sites": [s.site_code for s in sites], "accounts": [a.key for a in accounts]})
        done = await store.sites_with_artifacts(run_id)
        journal_dir = settings.workspace / "runs" / run_id
        journal_dir.mkdir(parents=True, exist_ok=True)
        progress = ScanProgress(len(sites), quiet=settings.quiet)
        progress.timings = timings
        # One site cannot overlap its own gather with its assessment: spawning workers would only cost.
        n_workers = max(0, min(default_workers(), len(sites) - 1) if workers is None else workers)
        gate = asyncio.Semaphore(SITE_CONCURRENCY)
        # Gathered sites waiting for a worker hold their pages in memory: bound how many.
        in_flight = asyncio.Semaphore(SITE_CONCURRENCY + max(1, n_workers))
        storing = asyncio.Lock()

        async def one(site: SiteRecord, pool: AssessPool) -> dict[str, Any]:
            async with in_flight:
                async with gate:
                    work = await _site_work(store, settings, run_id, site, as_of, rulebook, journal_dir,
                                            reuse=site.site_code in done, progress=progress,
                                            parse_pool=pool.executor)
                work.monitored = await monitored_probes(store, site.site_code, as_of)
                with timings.stage("worker_wait+work"):
                    result = await pool.run(work)
                for name, (wall, cpu) in result.seconds.items():
                    timings.add(name, wall, cpu)
                if result.to_store:
                    async with storing:      # one site's artifacts at a time (compressed from a worker)
                        with timings.stage("store"):
                            await store.save_site_artifacts(run_id, site.site_code, result.stored_form())
                        result.data = result.packed = None
                        release_heap()
                progress.site_counted(site, **result.counts)
                return result.entry

        with progress, AssessPool(n_workers) as pool:
            site_entries = list(await asyncio.gather(*(one(s, pool) for s in sites)))
        with timings.stage("accounts"):
            account_entries, manual_look = await assess_accounts(accounts, settings, as_of, rulebook)
        result = compose_result(run_id=run_id, as_of=as_of, rulebook=rulebook, site_entries=site_entries,
                                account_entries=account_entries, manual_look=manual_look, gathered=progress.totals())
        await store.finish_run(run_id, result)
        return result, run_id
    finally:
        if own_store:
            await store.close()


async def _site_work(store: Store, settings: Settings, run_id: str, site: SiteRecord, as_of: date, rulebook: Any,
                     journal_dir: Path, reuse: bool, progress: ScanProgress,
                     parse_pool: Executor | None = None) -> SiteWork:
    """The run's stored artifacts when present (resume, distributed mode), else a fresh gather."""
    if reuse:
        data = await store.load_site_artifacts(run_id, site.site_code)
        if data is not None:
            return SiteWork(site=site, as_of=as_of, rulebook=rulebook, stored=data)
    with progress.timings.stage("gather"):
        outcome = await gather_site(site, settings, journal_dir, progress=progress, parse_pool=parse_pool, as_of=as_of)
    return SiteWork(site=site, as_of=as_of, rulebook=rulebook, outcome=outcome)


async def site_artifacts(store: Store, settings: Settings, run_id: str, site: SiteRecord, as_of: date,
                         journal_dir: Path, reuse: bool, progress: ScanProgress | None = None) -> SiteArtifacts:
    """Stored artifacts of this run when present (resume / rescore), else gather and store them."""
    if reuse:
        data = await store.load_site_artifacts(run_id, site.site_code)
        if data is not None:
            return from_jsonable(SiteArtifacts, data)
    artifacts = await gather_and_extract(site, settings, as_of, journal_dir, progress)
    timings = getattr(progress, "timings", None) or ScanTimings()
    with timings.stage("store"):
        await store.save_site_artifacts(run_id, site.site_code, to_jsonable(artifacts))
    return artifacts
