"""Verdicts for new-media accounts (indicators.md §2 item 6, §6) and their result-JSON entries.

Any 单项否决 (M1 wording, M2 not updated, M3 no interaction) with status ``fail`` → 不合格.
Otherwise an ``error`` on a veto check or on ``account_feed_unavailable`` → 未能检测 with the
reason: a broken or empty adapter is never evidence of a stale account. Otherwise 合格.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from govinspect.checks.run_checks import run_checks
from govinspect.model.artifacts import AccountArtifacts, AccountSetArtifacts
from govinspect.model.findings import Finding, RunContext, fingerprint

# check id → indicators.md §6.1 item (the national vetoes for 政务新媒体)
ACCOUNT_VETOES = {"account_wording_errors": "M1", "account_not_updated": "M2", "account_without_interaction": "M3"}
BLOCKING_ERRORS = set(ACCOUNT_VETOES) | {"account_feed_unavailable"}


@dataclass
class AccountVerdicts:
    entries: list[dict[str, Any]] = field(default_factory=list)       # result JSON "accounts"
    manual_look: list[dict[str, str]] = field(default_factory=list)   # accounts an inspector must open


def _mark(f: Finding) -> Finding:
    indicator = ACCOUNT_VETOES.get(f.check)
    f.indicator = indicator
    f.veto = indicator is not None and f.status == "fail"
    return f


def verdict(findings: list[Finding]) -> tuple[str, str | None]:
    """(result, not_assessed_reason). Also used by review/rescore on reviewer-edited findings: a
    ``fail`` of a veto check counts whether or not its ``veto`` flag was set (manual additions)."""
    if any(f.status == "fail" and (f.veto or f.check in ACCOUNT_VETOES) for f in findings):
        return "不合格", None
    blocking = [f for f in findings if f.status == "error" and f.check in BLOCKING_ERRORS]
    if blocking:
        return "未能检测", "；".join(dict.fromkeys(f.message.removeprefix("未能检测：") for f in blocking))
    return "合格", None


def account_entry(art: AccountArtifacts, findings: list[Finding]) -> dict[str, Any]:
    rec = art.record
    marked = [_mark(f) for f in findings]
    result, reason = verdict(marked)
    health = art.health
    return {
        "name": rec.name if rec else art.key, "platform": rec.platform if rec else "",
        "organizer": rec.organizer if rec else "", "region": rec.region if rec else "",
        "result": result, "filed": rec.filed if rec else True,
        "findings": [f.to_dict() for f in marked],
        "not_assessed_reason": reason,
        "key": art.key, "feed_url": rec.feed_url if rec else None,
        "feed_health": health.status if health else None,
        "newest_post": health.newest.isoformat() if health and health.newest else None,
    }


def _set_findings_for(key: str, set_findings: list[Finding]) -> list[Finding]:
    out = []
    for f in set_findings:
        if f.status != "error" and key not in f.evidence.get("keys", []):
            continue
        out.append(Finding.from_dict({**f.to_dict(), "fingerprint": fingerprint(key, f.check, f.subject)}))
    return out


def _manual_look(entry: dict[str, Any]) -> dict[str, str] | None:
    if entry["result"] == "未能检测":
        why = entry["not_assessed_reason"] or "未能检测"
    elif any(f["check"] == "account_wording_errors" and f["status"] == "fail" for f in entry["findings"]):
        why = "严重表述错误需人工确认"
    else:
        return None
    return {"name": entry["name"], "platform": entry["platform"], "region": entry["region"],
            "feed_url": entry.get("feed_url") or "", "reason": why}


def score_accounts(artifacts: list[AccountArtifacts], as_of: date,
                   options: dict[str, Any] | None = None) -> AccountVerdicts:
    """Run the account checks (per account and across the set) and decide each account."""
    ctx = RunContext(as_of=as_of, options=dict(options or {}))
    records = [a.record for a in artifacts if a.record is not None]
    set_findings = run_checks(AccountSetArtifacts(accounts=records), ctx, "account_set", target="account_set")
    verdicts = AccountVerdicts()
    for art in artifacts:
        findings = run_checks(art, ctx, art.key, target="account") + _set_findings_for(art.key, set_findings)
        entry = account_entry(art, findings)
        verdicts.entries.append(entry)
        look = _manual_look(entry)
        if look:
            verdicts.manual_look.append(look)
    return verdicts
