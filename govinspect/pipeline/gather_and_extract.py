"""One site: gather (network) then extract (pure) → SiteArtifacts ready for the checks."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from govinspect.extract.scan_personal_data import scan_personal_data
from govinspect.extract.security.read_site import read_content
from govinspect.extract.understand_site import understand_digests
from govinspect.gather.gather_outcome import GatherOutcome
from govinspect.gather.page_store import StoredPages
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.packed_list import PackedList
from govinspect.model.records import SiteRecord
from govinspect.pipeline.scan_timings import ScanTimings
from govinspect.settings import Settings


async def gather_and_extract(site: SiteRecord, settings: Settings, as_of: date, journal_dir: Path,
                             progress: Any = None) -> SiteArtifacts:
    from govinspect.gather.gather_site import gather_site  # the crawler: not in the assessment processes

    timings = getattr(progress, "timings", None) or ScanTimings()
    with timings.stage("gather"):
        outcome = await gather_site(site, settings, journal_dir, progress=progress, as_of=as_of)
    with timings.stage("extract"):
        return artifacts_from_outcome(site, outcome, as_of)


def artifacts_from_outcome(site: SiteRecord, outcome: GatherOutcome, as_of: date) -> SiteArtifacts:
    """The pure half: what the network gave → artifacts (runs in a worker process during a scan)."""
    # each page was parsed once as it arrived, its personal numbers masked first (gather/read_page.py)
    page_hits: list = []
    if isinstance(outcome.pages, StoredPages):
        # a scan's: snapshots and light digests read in one pass, each page's per-page parts read again last
        source = outcome.pages.source
        pages, digests = outcome.pages.with_digests(as_of, site.url, light=True)
        with source.whole_digests(as_of, site.url) as whole:
            artifacts = understand_digests(pages, digests, site.url, as_of, whole, page_hits, PackedList)
    else:
        pages, digests = list(outcome.pages), outcome.source.digests(as_of, site.url)
        for snap in pages:          # the digest's copy of a snapshot the outcome carries too is held once
            if (d := digests.get(snap.url)) is not None and d.snap is not snap and d.snap == snap:
                d.snap = snap
        artifacts = understand_digests(pages, digests, site.url, as_of, personal_hits=page_hits)
    leaks = scan_personal_data([], outcome.attachments, as_of)
    del digests       # what the artifacts keep of them stays; the rest is garbage before the content reading
    if isinstance(outcome.pages, StoredPages) and artifacts.pages is not None:
        artifacts.pages = PackedList(artifacts.pages)     # the digests held the same snapshots until now
    artifacts.personal_data, artifacts.attachments = page_hits + leaks.hits, leaks.attachments
    artifacts.site_code = site.site_code
    artifacts.probes = None if outcome.probes is None else list(outcome.probes)
    artifacts.link_checks = None if outcome.link_checks is None else PackedList(outcome.link_checks)
    artifacts.network = outcome.network
    artifacts.spider_views = dict(outcome.spider_views) if outcome.spider_views is not None else None
    artifacts.blocked = bool(outcome.blocked)
    artifacts.gather_errors = list(outcome.errors)
    if outcome.rendered_links:   # --render-js: links as the browser computed them (incl. script-written)
        artifacts.links = list(artifacts.links or []) + list(outcome.rendered_links)
    # last: it reads the spider views and the browser's links set above
    artifacts.content_reading = read_content(artifacts, as_of)
    return artifacts
