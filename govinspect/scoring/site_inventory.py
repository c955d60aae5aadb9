"""The column inventory and understanding coverage of a site, as the result JSON carries them
(``sites[].columns``, ``sites[].understanding``; docs/result_json.md)."""
from __future__ import annotations

from typing import Any

from govinspect.model.artifacts import Column, SiteArtifacts


def column_entry(col: Column) -> dict[str, Any]:
    return {
        "location": col.location, "url": col.url, "level": col.level, "type": col.column_type,
        "found_by": col.source, "page_kind": col.page_kind, "kind_evidence": col.kind_evidence,
        "newest_date": col.newest_date.isoformat() if col.newest_date else None,
        "newest_text": col.newest_text, "items_seen": col.item_count, "pages_read": col.pages_read,
        "total_count": col.total_count, "blank": col.blank, "blank_evidence": col.blank_evidence,
        "historical": col.historical, "unread": col.fetch_error, "needs_review": col.needs_review,
    }


def understanding_entry(art: SiteArtifacts) -> dict[str, Any] | None:
    u = art.understanding
    if u is None:
        return None
    reasons: dict[str, list[str]] = {}
    for reason, url in u.not_understood:
        reasons.setdefault(reason, []).append(url)
    return {
        "pages": u.pages, "pages_confident": u.pages_confident, "page_share": round(u.page_share, 3),
        "page_kinds": dict(sorted(u.kinds.items())), "columns": u.columns, "columns_dated": u.columns_dated,
        "column_share": round(u.column_share, 3), "columns_unread": u.columns_unread,
        "not_understood": [{"reason": r, "urls": urls} for r, urls in reasons.items()],
        "other_hosts": list(u.other_hosts),
    }


def inventory(art: SiteArtifacts) -> dict[str, Any]:
    return {"columns": [column_entry(c) for c in art.columns or []], "understanding": understanding_entry(art)}
