"""One site's artifacts → checks → rulebook score → the result-JSON site entry."""
from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from govinspect.checks.run_checks import run_checks
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import RunContext
from govinspect.model.records import SiteRecord
from govinspect.pipeline.load_sources import name_self_checked_site
from govinspect.scoring.score_site import score_site
from govinspect.scoring.site_entry import site_entry
from govinspect.scoring.site_inventory import inventory


def site_context(site: SiteRecord, as_of: date, portal_host: str | None = None) -> RunContext:
    return RunContext(as_of=as_of, site_code=site.site_code, site_name=site.name, is_portal=site.is_portal,
                      has_services=site.has_services, organizer=site.organizer, region=site.region,
                      portal_host=portal_host)


def assess_site(site: SiteRecord, artifacts: SiteArtifacts, as_of: date, rulebook: Any,
                portal_host: str | None = None) -> dict[str, Any]:
    site = name_self_checked_site(site, artifacts)
    ctx = site_context(site, as_of, portal_host or urlsplit(site.url).hostname)
    ctx.options.update(getattr(rulebook, "raw", {}).get("check_options") or {})   # rulebooks are data
    findings = run_checks(artifacts, ctx, unit_key=site.site_code, target="site")
    score = score_site(rulebook, findings, is_portal=site.is_portal, has_services=site.has_services)
    return site_entry(site, score, **inventory(artifacts))
