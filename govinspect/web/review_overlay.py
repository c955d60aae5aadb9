"""Reviewers' decisions laid over one unit's machine findings, for display and re-scoring.

Decisions are append-only rows keyed by (unit, fingerprint). The latest confirm/dismiss of a
fingerprint wins, whatever run it was made in, so a decision carries over to the next run while the
fingerprint holds. Manual findings and 加分 items belong to the run they were entered for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govinspect.model.findings import fingerprint as make_fingerprint


def site_unit_key(entry: dict[str, Any]) -> str:
    return str(entry.get("site_code") or "")


def account_unit_key(entry: dict[str, Any]) -> str:
    return f"{entry.get('platform', '')}:{entry.get('name', '')}:{entry.get('organizer', '')}"


@dataclass
class UnitReview:
    """What the reviewers decided for one unit in one run."""

    verdicts: dict[str, dict[str, Any]] = field(default_factory=dict)   # fingerprint -> last confirm/dismiss
    manual: list[dict[str, Any]] = field(default_factory=list)          # manual findings (finding dicts)
    bonus: list[dict[str, Any]] = field(default_factory=list)           # 加分 items {item, points, who, …}

    def state_of(self, fp: str) -> str:
        """'confirm', 'dismiss' or '' (not reviewed yet)."""
        return str(self.verdicts.get(fp, {}).get("action", ""))


def manual_finding(unit_key: str, payload: dict[str, Any]) -> dict[str, Any]:
    check = str(payload.get("check") or "manual")
    subject = str(payload.get("subject") or "")
    return {
        "check": check, "subject": subject, "status": "fail",
        "indicator": payload.get("indicator") or None, "veto": bool(payload.get("veto", False)),
        "deduction": float(payload.get("deduction") or 0.0), "location": str(payload.get("location") or ""),
        "url": str(payload.get("url") or ""), "message": str(payload.get("message") or subject),
        "evidence": {}, "manual": True,
        "fingerprint": make_fingerprint(unit_key, check, subject),
    }


def unit_review(decisions: list[dict[str, Any]], unit_key: str, run_id: str) -> UnitReview:
    review = UnitReview()
    for d in decisions:
        if d["unit_key"] != unit_key:
            continue
        at = d["at"]
        stamp = {"who": d["who"], "at": at.strftime("%Y-%m-%d %H:%M") if hasattr(at, "strftime") else str(at),
                 "reason": d["reason"], "action": d["action"]}
        payload = d.get("payload") or {}
        if d["action"] in ("confirm", "dismiss") and d.get("fingerprint"):
            review.verdicts[d["fingerprint"]] = stamp
        elif d["action"] == "add" and payload.get("run_id") == run_id:
            review.manual.append({**manual_finding(unit_key, payload), "review": stamp})
        elif d["action"] == "bonus" and payload.get("run_id") == run_id:
            review.bonus.append({"item": str(payload.get("item", "")),
                                 "points": float(payload.get("points") or 0.0), **stamp})
    return review
