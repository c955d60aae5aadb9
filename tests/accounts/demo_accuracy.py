"""Precision/recall of the account checks against the demo city's planted ground truth."""
from __future__ import annotations

from typing import Any

DETERMINISTIC = ("account_not_updated", "account_without_interaction", "account_unfiled", "duplicate_accounts",
                 "account_feed_unavailable")


def _pairs(entries: list[dict[str, Any]], findings_key: str, checks: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {(e["name"] + "|" + e["platform"], f["check"], f["subject"], f["status"])
            for e in entries for f in e[findings_key] if f["check"] in checks and f["status"] in ("fail", "error")}


def measure(entries: list[dict[str, Any]], truth: list[dict[str, Any]],
            checks: tuple[str, ...] = DETERMINISTIC) -> dict[str, Any]:
    """Per check: tp/fp/fn on (account, check, subject, status); verdicts compared account by account."""
    found = _pairs(entries, "findings", checks)
    expected = _pairs(truth, "expected_findings", checks)
    per_check = {}
    for check in checks:
        f = {p for p in found if p[1] == check}
        e = {p for p in expected if p[1] == check}
        tp = len(f & e)
        per_check[check] = {"tp": tp, "fp": len(f - e), "fn": len(e - f),
                            "precision": tp / len(f) if f else 1.0, "recall": tp / len(e) if e else 1.0}
    want = {t["name"] + "|" + t["platform"]: t["expected_result"] for t in truth}
    wrong = {e["name"] + "|" + e["platform"]: (e["result"], want.get(e["name"] + "|" + e["platform"]))
             for e in entries if e["result"] != want.get(e["name"] + "|" + e["platform"])}
    tp = sum(c["tp"] for c in per_check.values())
    return {"per_check": per_check, "found": len(found), "expected": len(expected), "matched": tp,
            "precision": tp / len(found) if found else 1.0, "recall": tp / len(expected) if expected else 1.0,
            "wrong_verdicts": wrong, "missed": sorted(expected - found), "extra": sorted(found - expected)}
