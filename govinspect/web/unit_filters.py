"""Filters and per-unit counts of the run page (region, check, status, verdict)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govinspect.model.result import Verdict

VERDICTS = tuple(v.value for v in Verdict)
STATUS_FILTERS = {"fail": "有问题", "needs_review": "有待人工判定", "error": f"有{Verdict.NOT_ASSESSED}项", "unreviewed": "有未复核问题"}


@dataclass(frozen=True)
class UnitFilter:
    region: str = ""
    check: str = ""
    status: str = ""
    verdict: str = ""

    def keep(self, unit: dict[str, Any]) -> bool:
        findings = unit.get("findings") or []
        if self.region and unit.get("region") != self.region:
            return False
        if self.verdict and unit.get("result") != self.verdict:
            return False
        if self.check and not any(f.get("check") == self.check for f in findings):
            return False
        if self.status == "unreviewed":
            return counts(unit)["unreviewed"] > 0
        if self.status and not any(f.get("status") == self.status for f in findings):
            return False
        return True


def counts(unit: dict[str, Any]) -> dict[str, int]:
    findings = unit.get("findings") or []
    by = lambda status: sum(1 for f in findings if f.get("status") == status)
    return {
        "fail": by("fail"), "needs_review": by("needs_review"), "error": by("error"),
        "unreviewed": sum(1 for f in findings if not f.get("review") and not f.get("manual")
                          and f.get("status") in ("fail", "needs_review")),
        "dismissed": len(unit.get("dismissed_findings") or []),
        "manual": sum(1 for f in findings if f.get("manual")),
    }


def facet_values(units: list[dict[str, Any]]) -> dict[str, list[str]]:
    regions = sorted({str(u.get("region") or "") for u in units} - {""})
    checks = sorted({str(f.get("check")) for u in units for f in u.get("findings") or []})
    return {"regions": regions, "checks": checks}
