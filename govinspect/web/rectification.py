"""整改 tracking: each unit with problems gets a deadline and a state; 逾期 is computed, never stored stale."""
from __future__ import annotations

from datetime import date
from typing import Any

from govinspect.web.review_overlay import account_unit_key, site_unit_key

STATES = ("待整改", "已整改")


def effective_state(row: dict[str, Any] | None, today: date) -> str:
    if row is None:
        return "未下发"
    deadline = row["deadline"] if isinstance(row["deadline"], date) else date.fromisoformat(str(row["deadline"]))
    if row["state"] != "已整改" and deadline < today:
        return "逾期"
    return "已整改" if row["state"] == "已整改" else "待整改"


def rectification_rows(sites: list[dict[str, Any]], accounts: list[dict[str, Any]],
                       stored: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    by_key = {r["unit_key"]: r for r in stored}
    rows = []
    for kind, units, keyer in (("site", sites, site_unit_key), ("account", accounts, account_unit_key)):
        for unit in units:
            problems = [f for f in unit.get("findings") or [] if f.get("status") == "fail"]
            key = keyer(unit)
            if not problems and key not in by_key:
                continue
            row = by_key.get(key)
            rows.append({"kind": kind, "key": key, "unit": unit, "problems": len(problems), "row": row,
                         "state": effective_state(row, today)})
    return rows


def finding_diff(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Problems added and resolved between two finding lists, matched by fingerprint."""
    def problems(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {f.get("fingerprint") or f"{f.get('check')}|{f.get('subject')}": f for f in items
                if f.get("status") in ("fail", "needs_review")}
    old, new = problems(before), problems(after)
    return {"added": [new[k] for k in new if k not in old], "resolved": [old[k] for k in old if k not in new],
            "kept": [new[k] for k in new if k in old]}
