"""Which stored decisions apply to a run, and the unit keys decisions are filed under.

Confirm / dismiss are keyed by fingerprint only, so they carry over to the next run while the
fingerprint holds. Manual findings and 加分 entered in the dashboard carry the run they were entered
for (``payload.run_id``) and apply to that run only: a later inspection is a new assessment.
"""
from __future__ import annotations

from typing import Any

from govinspect.model.result import DEFAULT_RULEBOOK
from govinspect.review import Decision, from_store_rows


def site_unit_key(entry: dict[str, Any]) -> str:
    return str(entry.get("site_code") or "")


def account_unit_key(entry: dict[str, Any]) -> str:
    return str(entry.get("key") or f"{entry.get('platform', '')}:{entry.get('name', '')}:{entry.get('organizer', '')}")


def rulebook_id(doc: dict[str, Any]) -> str:
    return str((doc.get("rulebook") or {}).get("id") or DEFAULT_RULEBOOK["id"])


def applies_to_run(row: dict[str, Any], run_id: str) -> bool:
    if row["action"] in ("confirm", "dismiss"):
        return True
    entered_for = (row.get("payload") or {}).get("run_id")
    return entered_for in (None, "", run_id)


def decisions_for_run(rows: list[dict[str, Any]], run_id: str) -> dict[str, list[Decision]]:
    """The run's decisions grouped by unit key, in the order they were made."""
    grouped: dict[str, list[Decision]] = {}
    for d in from_store_rows(r for r in rows if applies_to_run(r, run_id)):
        grouped.setdefault(d.unit_key, []).append(d)
    return grouped
