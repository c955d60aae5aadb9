"""(SiteRecord, SiteScore) → the site entry of the result JSON, through the result builder."""
from __future__ import annotations

from typing import Any

from govinspect.model.records import SiteRecord
from govinspect.model.result import site_entry as build_site_entry
from govinspect.scoring.score_site import SiteScore


def site_entry(site: SiteRecord, score: SiteScore, **more: Any) -> dict[str, Any]:
    """``more``: further fields of the entry (the column inventory), validated with the rest."""
    return build_site_entry({
        "site_code": site.site_code, "name": site.name, "url": site.url, "region": site.region,
        "organizer": site.organizer, "is_portal": site.is_portal, "has_services": site.has_services,
        "result": score.result, "score": score.score, "vetoes": list(score.vetoes),
        "veto_rules": list(score.veto_rules), "not_assessed_reason": score.not_assessed_reason,
        "deductions": dict(score.deductions), "part2": score.part2, "bonus": score.bonus,
        "bonus_items": list(score.bonus_items), "problems": list(score.problems),
        "findings": [f.to_dict() for f in score.findings], **more,
    })
