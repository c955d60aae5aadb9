"""Findings nobody has decided yet (待人工判定) and how the 通报 shows them.

A ``needs_review`` finding is undecided: a reviewer's confirm turns it into ``fail`` and a dismiss
into ``not_applicable`` (review/apply_decisions.py, applied by ``govinspect rescore --decisions`` and by
the dashboard's 通报), so whatever is still ``needs_review`` in a result is exactly what no one has
judged. Scoring never counts it, so such a unit's ``result`` (合格/不合格/未能检测) may still change.

The 通报 keeps the result's own verdicts (and every number of the prose follows them) but marks the
unit: its 结果 cell reads "合格（待复核）", and the notice opens with a draft notice naming how many units
wait. "可能单项否决" is added when a pending finding belongs to a 单项否决 check and the unit is not
already vetoed (an already vetoed unit is 不合格 whatever the review decides).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govinspect.model.result import FindingStatus, Verdict

MARK = "待复核"
VETO_MARK = "待复核，可能单项否决"


@dataclass(frozen=True)
class Pending:
    count: int          # undecided needs_review findings of the unit
    veto: bool          # one of them belongs to a 单项否决 check and the unit is not vetoed yet

    @property
    def label(self) -> str:
        return VETO_MARK if self.veto else MARK


@dataclass(frozen=True)
class PendingSummary:
    sites: int = 0
    accounts: int = 0
    veto_sites: int = 0
    veto_accounts: int = 0

    @property
    def units(self) -> int:
        return self.sites + self.accounts

    def __bool__(self) -> bool:
        return self.units > 0


def _veto_checks(rulebook: dict[str, Any], key: str) -> frozenset[str]:
    """The checks behind the rulebook's 单项否决 (``vetoes`` for sites, ``account_vetoes`` for new media), as
    the result's rulebook block carries them (schema 2; older results are completed on read)."""
    rules = (rulebook or {}).get(key) or {}
    return frozenset(c for r in rules.values() if isinstance(r, dict) for c in r.get("checks") or [])


def site_pending(site: dict[str, Any], rulebook: dict[str, Any]) -> Pending | None:
    """None when the site has no undecided finding."""
    waiting = [f for f in site.get("findings") or [] if f.get("status") == FindingStatus.NEEDS_REVIEW]
    if not waiting:
        return None
    checks = _veto_checks(rulebook, "vetoes")
    veto = not site.get("vetoes") and any(f.get("veto") or f.get("check") in checks for f in waiting)
    return Pending(len(waiting), veto)


def account_pending(account: dict[str, Any], rulebook: dict[str, Any]) -> Pending | None:
    waiting = [f for f in account.get("findings") or [] if f.get("status") == FindingStatus.NEEDS_REVIEW]
    if not waiting:
        return None
    checks = _veto_checks(rulebook, "account_vetoes")
    # an account is 不合格 only by a 单项否决 (scoring/score_account.py): it cannot become "more" vetoed
    veto = account.get("result") != Verdict.FAILED and any(f.get("veto") or f.get("check") in checks
                                                           for f in waiting)
    return Pending(len(waiting), veto)


def marked_result(label: str, pending: Pending | None) -> str:
    """The 结果 cell: "合格" or "合格（待复核）"."""
    return f"{label}（{pending.label}）" if pending else label


def pending_summary(result: dict[str, Any]) -> PendingSummary:
    rulebook = result.get("rulebook") or {}
    sites = [p for p in (site_pending(s, rulebook) for s in result.get("sites") or []) if p]
    accounts = [p for p in (account_pending(a, rulebook) for a in result.get("accounts") or []) if p]
    return PendingSummary(sites=len(sites), accounts=len(accounts), veto_sites=sum(p.veto for p in sites),
                          veto_accounts=sum(p.veto for p in accounts))


def _units(sites: int, accounts: int) -> str:
    return "、".join(x for x in (f"{sites}家网站" if sites else "", f"{accounts}个政务新媒体" if accounts else "")
                    if x)


def draft_notice(summary: PendingSummary) -> str:
    """The draft notice printed above the title; "" for a fully reviewed result."""
    if not summary:
        return ""
    text = f"本通报为草稿：{_units(summary.sites, summary.accounts)}尚有待人工判定的问题"
    if summary.veto_sites or summary.veto_accounts:
        text += f"，其中{_units(summary.veto_sites, summary.veto_accounts)}的待判定问题可能导致单项否决"
    return (text + "，附件中结果注有“待复核”的单位，其结论在人工复核前可能改变。"
            "请完成人工判定后重新生成通报，再行印发。")


def cli_warning(summary: PendingSummary) -> str:
    """The stderr warning of ``govinspect report``; "" when nothing is pending."""
    if not summary:
        return ""
    total = f"（共{summary.units}个单位）" if summary.sites and summary.accounts else ""
    text = f"警告：{_units(summary.sites, summary.accounts)}{total}尚有待人工判定的问题"
    if summary.veto_sites or summary.veto_accounts:
        text += f"，其中{_units(summary.veto_sites, summary.veto_accounts)}可能被单项否决"
    return (text + "。生成的通报为草稿，结果注有“待复核”；请在审核平台（govinspect serve）完成判定，"
            "或用 govinspect rescore --decisions 应用复核决定后重新生成。")
