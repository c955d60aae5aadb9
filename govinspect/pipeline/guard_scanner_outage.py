"""No false 站点无法访问 from our own outage: when every site of a scan failed every probe, the likelier
cause is the inspecting machine's network (DNS down, cable out), so no site is judged on it."""
from __future__ import annotations

from typing import Any

from govinspect.model.result import FindingStatus, Verdict, revise_site

MIN_SITES = 3
OUTAGE_REASON = (f"本次检查中所有网站的首页探测均失败，疑为检查机器自身网络故障，{Verdict.NOT_ASSESSED}"
                 "（请恢复网络后重新检查）")


def scanner_outage(entries: list[dict[str, Any]]) -> bool:
    probed = [e for e in entries if any(f.get("check") == "homepage_unreachable" for f in e.get("findings", []))
              or e.get("result") != Verdict.NOT_ASSESSED]
    if len(entries) < MIN_SITES or len(probed) < len(entries):
        return False
    return all("homepage_unreachable" in e.get("vetoes", []) or _all_probes_failed(e) for e in entries)


def _all_probes_failed(entry: dict[str, Any]) -> bool:
    """Every probe failed, whether or not the window could decide V2 (a one-shot scan goes to review)."""
    return any(f.get("check") == "homepage_unreachable" and f.get("evidence", {}).get("probes")
               and f["evidence"].get("failed") == f["evidence"]["probes"] for f in entry.get("findings", []))


def guard_scanner_outage(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not scanner_outage(entries):
        return entries
    guarded = []
    for e in entries:
        findings = [{**f, "status": FindingStatus.ERROR, "veto": False, "deduction": 0.0, "message": OUTAGE_REASON}
                    if f.get("check") == "homepage_unreachable" else f for f in e.get("findings", [])]
        guarded.append(revise_site(e, result=Verdict.NOT_ASSESSED, score=None, vetoes=[],
                                   not_assessed_reason=OUTAGE_REASON, findings=findings))
    return guarded
