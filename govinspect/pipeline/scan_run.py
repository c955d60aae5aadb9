"""`scan`: for each site gather → extract → check → score; accounts through adapters; one result JSON.

Artifacts are saved per site as soon as they exist, so a crashed scan resumes (``resume_run``)
without gathering finished sites again; inside a site the gather journal resumes the crawl.
"""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from govinspect import __version__
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.model.serialize import from_jsonable, to_jsonable
from govinspect.pipeline.assess_accounts import assess_accounts
from govinspect.pipeline.assess_site import assess_site
from govinspect.pipeline.gather_and_extract import gather_and_extract
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.probe_sites import monitored_probes
from govinspect.pipeline.scan_progress import ScanProgress
from govinspect.report.result import build_result
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings
from govinspect.store import Store

SITE_CONCURRENCY = 4


def new_run_id(as_of: date) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    return f"{as_of:%Y%m%d}-{stamp}-{uuid.uuid4().hex[:6]}"


async def scan_sources(settings: Settings, sites: list[SiteRecord], accounts: list[AccountRecord], as_of: date,
                       rulebook_id: str, resume_run: str | None = None,
                       store: Store | None = None) -> tuple[dict[str, Any], str]:
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
        gate = asyncio.Semaphore(SITE_CONCURRENCY)

        async def one(site: SiteRecord) -> dict[str, Any]:
            async with gate:
                artifacts = await site_artifacts(store, settings, run_id, site, as_of, journal_dir,
                                                 reuse=site.site_code in done, progress=progress)
                monitored = await monitored_probes(store, site.site_code, as_of)
                if monitored:   # a monitored week decides V2; one-shot probes alone cannot
                    artifacts.probes = monitored + list(artifacts.probes or [])
                progress.site_done(site, artifacts)
                return assess_site(site, artifacts, as_of, rulebook)

        with progress:
            site_entries = await asyncio.gather(*(one(s) for s in sites))
        account_entries, manual_look = await assess_accounts(accounts, settings, as_of, rulebook)
        result = build_result(as_of=as_of, rulebook={"id": rulebook.id, "title": rulebook.title},
                              sites=list(site_entries), accounts=account_entries, tool_version=__version__)
        result["run_id"] = run_id
        result["accounts_manual_look"] = manual_look
        result["gathered"] = progress.totals()
        await store.finish_run(run_id, result)
        return result, run_id
    finally:
        if own_store:
            await store.close()


async def site_artifacts(store: Store, settings: Settings, run_id: str, site: SiteRecord, as_of: date,
                         journal_dir: Path, reuse: bool, progress: ScanProgress | None = None) -> SiteArtifacts:
    """Stored artifacts of this run when present (resume / rescore), else gather and store them."""
    if reuse:
        data = await store.load_site_artifacts(run_id, site.site_code)
        if data is not None:
            return from_jsonable(SiteArtifacts, data)
    artifacts = await gather_and_extract(site, settings, as_of, journal_dir, progress)
    await store.save_site_artifacts(run_id, site.site_code, to_jsonable(artifacts))
    return artifacts
