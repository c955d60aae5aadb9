"""Verdicts for new-media accounts (indicators.md §2 item 6, §6), by the rulebook's ``account_vetoes``.

Any account 单项否决 (national: M1 wording, M2 not updated, M3 no interaction) met by a ``fail`` → 不合格.
Otherwise an ``error`` on a veto check or on a check the rulebook lists in ``account_undecided_on_error``
(national: ``account_feed_unavailable``) → 未能检测 with the reason: a broken or empty adapter is never
evidence of a stale account. Otherwise 合格. The checks themselves run in the pipeline
(pipeline/assess_accounts.py); this module only applies the rulebook to their findings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding
from govinspect.model.result import FindingStatus, Verdict, account_entry
from govinspect.scoring.rulebook import Rulebook, load_rulebook

SEVERE_WORDING = "严重表述错误需人工确认"


@dataclass
class AccountVerdicts:
    entries: list[dict[str, Any]] = field(default_factory=list)       # result JSON "accounts"
    manual_look: list[dict[str, str]] = field(default_factory=list)   # accounts an inspector must open


def _mark(book: Rulebook, f: Finding) -> Finding:
    rule = book.account_veto_for(f)
    f.indicator = rule.id if rule else None
    f.veto = rule is not None and f.status == FindingStatus.FAIL
    return f


def verdict(findings: list[Finding], rulebook: Rulebook | str) -> tuple[Verdict, str | None]:
    """(result, not_assessed_reason). Also used by review/rescore on reviewer-edited findings: a
    ``fail`` of a veto check counts whether or not its ``veto`` flag was set (manual additions)."""
    book = load_rulebook(rulebook)
    if any(f.status == FindingStatus.FAIL and (f.veto or book.account_veto_for(f)) for f in findings):
        return Verdict.FAILED, None
    blocking = [f for f in findings if f.status == FindingStatus.ERROR
                and (f.check in book.account_undecided or book.account_veto_for(f))]
    if blocking:
        prefix = f"{Verdict.NOT_ASSESSED}："
        return Verdict.NOT_ASSESSED, "；".join(dict.fromkeys(f.message.removeprefix(prefix) for f in blocking))
    return Verdict.QUALIFIED, None


def score_account(art: AccountArtifacts, findings: list[Finding], rulebook: Rulebook | str) -> dict[str, Any]:
    """One account's result-JSON entry from its findings (per account and its share of the set's)."""
    book = load_rulebook(rulebook)
    rec = art.record
    marked = [_mark(book, f) for f in findings]
    result, reason = verdict(marked, book)
    health = art.health
    return account_entry({
        "name": rec.name if rec else art.key, "platform": rec.platform if rec else "",
        "organizer": rec.organizer if rec else "", "region": rec.region if rec else "",
        "result": result, "filed": rec.filed if rec else True,
        "findings": [f.to_dict() for f in marked],
        "not_assessed_reason": reason,
        "key": art.key, "feed_url": rec.feed_url if rec else None,
        "feed_health": health.status if health else None,
        "newest_post": health.newest.isoformat() if health and health.newest else None,
    })


def manual_look(entry: dict[str, Any]) -> dict[str, str] | None:
    """Accounts an inspector must open: not assessed, or a severe wording error a person must confirm."""
    if entry["result"] == Verdict.NOT_ASSESSED:
        why = entry["not_assessed_reason"]
    elif any(f["check"] == "account_wording_errors" and f["status"] == FindingStatus.FAIL for f in entry["findings"]):
        why = SEVERE_WORDING
    else:
        return None
    return {"name": entry["name"], "platform": entry["platform"], "region": entry["region"],
            "feed_url": entry.get("feed_url") or "", "reason": why}


def score_accounts(artifacts: list[AccountArtifacts], findings: dict[str, list[Finding]],
                   rulebook: Rulebook | str) -> AccountVerdicts:
    """Decide each account from its findings (``findings[key]``, as the pipeline ran them)."""
    book = load_rulebook(rulebook)
    verdicts = AccountVerdicts()
    for art in artifacts:
        entry = score_account(art, findings.get(art.key, []), book)
        verdicts.entries.append(entry)
        look = manual_look(entry)
        if look:
            verdicts.manual_look.append(look)
    return verdicts
