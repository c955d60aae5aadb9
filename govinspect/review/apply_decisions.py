"""Decisions → the effective findings of one unit (and its 加分 entries)."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from govinspect.model.findings import Finding, fingerprint
from govinspect.review.decisions import Decision


def manual_finding(unit_key: str, d: Decision) -> Finding:
    p = d.payload
    check = str(p.get("check") or "")
    subject = str(p["subject"])
    evidence: dict[str, Any] = dict(p.get("evidence") or {})
    if p.get("deduction") is not None:
        evidence["manual_deduction"] = p["deduction"]
    if p.get("count") is not None:
        evidence["count"] = p["count"]
    evidence["review"] = {"action": "add", "reason": d.reason, "who": d.who, "at": d.at}
    return Finding(check=check or f"manual:{p.get('indicator')}", subject=subject, status="fail",
                   location=str(p.get("location") or ""), url=str(p.get("url") or ""),
                   message=str(p.get("message") or d.reason or subject), evidence=evidence,
                   fingerprint=fingerprint(unit_key, check or str(p.get("indicator")), subject),
                   indicator=p.get("indicator") or None, veto=bool(p.get("veto")), manual=True)


def apply_decisions(findings: Iterable[Finding], decisions: Iterable[Decision], *,
                    unit_key: str | None = None) -> list[Finding]:
    """Effective findings: dismissed ones stay visible as ``not_applicable`` (with the reason),
    confirmed ``needs_review`` become ``fail``, ``error`` (未能检测) ones are left as they are, manual
    findings are added (replacing an earlier version with the same fingerprint). With ``unit_key``, decisions of other units are ignored;
    without it the decisions are taken to be this unit's already."""
    mine = [d for d in decisions if unit_key is None or d.unit_key == unit_key]
    verdict: dict[str, Decision] = {}
    for d in mine:
        if d.action in ("confirm", "dismiss") and d.fingerprint:
            verdict[d.fingerprint] = d          # the latest decision wins
    out: list[Finding] = []
    for f in findings:
        d = verdict.get(f.fingerprint)
        f = dataclasses.replace(f, evidence=dict(f.evidence))
        if d is not None and f.status == "error":
            d = None        # 未能检测 is not a finding to dismiss: that would make an uninspected unit 合格
        if d is not None:
            f.evidence["review"] = {"action": d.action, "reason": d.reason, "who": d.who, "at": d.at}
            if d.action == "dismiss":
                f.status = "not_applicable"
            elif f.status == "needs_review":
                f.status = "fail"
        out.append(f)
    added = {}
    for d in mine:
        if d.action == "add":
            m = manual_finding(unit_key or d.unit_key, d)
            added[m.fingerprint] = m
    out = [f for f in out if f.fingerprint not in added]
    for fp, m in added.items():
        d = verdict.get(fp)
        if d is not None and d.action == "dismiss":    # a manual finding withdrawn later stays visible
            m.status = "not_applicable"
            m.evidence["review"] = {"action": "dismiss", "reason": d.reason, "who": d.who, "at": d.at}
        out.append(m)
    return out


def bonus_entries(unit_key: str, decisions: Iterable[Decision]) -> list[dict[str, Any]]:
    return [{"item": str(d.payload.get("item") or "加分项"), "points": d.payload["points"], "reason": d.reason,
             "who": d.who} for d in decisions if d.unit_key == unit_key and d.action == "bonus"]
