"""Compares a result's findings with the demo city's ground truth: per-check precision and recall.

Matching is on (unit, check, subject) for ``fail`` findings (and ``needs_review`` ones where the truth
expects a review); other ``needs_review`` findings are counted apart (a reviewer sees them), and units the
truth marks 未能检测 are compared on their verdict only.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from govinspect.model.result import Verdict


def _pairs(entries: list[dict[str, Any]], key: str, statuses: tuple[str, ...]) -> set[tuple[str, str, str]]:
    return {(e[key], f["check"], f["subject"]) for e in entries for f in e.get("findings", [])
            if f.get("status") in statuses}


def measure_accuracy(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    skipped = {s["site_code"] for s in truth["sites"] if s.get("expected_result") == Verdict.NOT_ASSESSED}
    truth_sites = [s for s in truth["sites"] if s["site_code"] not in skipped]
    got_sites = [s for s in result["sites"] if s["site_code"] not in skipped]
    expected = {(s["site_code"], f["check"], f["subject"]) for s in truth_sites for f in s["expected_findings"]}
    found = _pairs(got_sites, "site_code", ("fail",))
    review = _pairs(got_sites, "site_code", ("needs_review",))
    # what the truth itself sends to a reviewer (personal_data_leaks) is found when the scan does the same
    found |= review & {(s["site_code"], f["check"], f["subject"]) for s in truth_sites
                       for f in s["expected_findings"] if f.get("status") == "needs_review"}
    acct_key = {a["name"] + "|" + a["platform"]: a for a in truth.get("accounts", [])}
    for a in result.get("accounts", []):
        t = acct_key.get(a["name"] + "|" + a["platform"])
        if t is None or t.get("expected_result") == Verdict.NOT_ASSESSED:
            continue
        unit = "acct:" + a["name"] + "|" + a["platform"]
        found |= {(unit, f["check"], f["subject"]) for f in a.get("findings", []) if f.get("status") == "fail"}
        expected |= {(unit, f["check"], f["subject"]) for f in t["expected_findings"]}
    per_check: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "review": 0})
    for item in expected | found:
        stats = per_check[item[1]]
        if item in expected and item in found:
            stats["tp"] += 1
        elif item in found:
            stats["fp"] += 1
        elif item in review or (item[0], item[1], item[2]) in review:
            stats["review"] += 1
        else:
            stats["fn"] += 1
    verdicts_right = sum(1 for s in result["sites"]
                         for t in truth["sites"] if t["site_code"] == s["site_code"]
                         and t.get("expected_result") == s.get("result"))
    tp = sum(v["tp"] for v in per_check.values())
    return {
        "expected": len(expected), "found": len(found), "matched": tp,
        "recall": tp / len(expected) if expected else 1.0,
        "precision": tp / len(found) if found else 1.0,
        "per_check": {k: {**v, "recall": v["tp"] / (v["tp"] + v["fn"] + v["review"]) if v["tp"] + v["fn"] + v["review"] else 1.0,
                          "precision": v["tp"] / (v["tp"] + v["fp"]) if v["tp"] + v["fp"] else 1.0}
                      for k, v in sorted(per_check.items())},
        "verdicts_right": verdicts_right, "sites": len(result["sites"]),
    }
