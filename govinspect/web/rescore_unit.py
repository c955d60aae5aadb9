"""Re-score one unit after review with the same engine a scan uses (govinspect.scoring).

The effective findings (machine findings not dismissed, plus manual ones) and the 加分 entries go
through the run's rulebook exactly as a scan's findings do, so the score on screen is the score the
通报 will print.
"""
from __future__ import annotations

from typing import Any

from govinspect.model.findings import Finding
from govinspect.scoring.rulebook import RulebookError, load_rulebook
from govinspect.scoring.score_account import ACCOUNT_VETOES, verdict
from govinspect.scoring.score_site import score_site

DEFAULT_RULEBOOK = "national-2019"


def rulebook_id(doc: dict[str, Any]) -> str:
    return str((doc.get("rulebook") or {}).get("id") or DEFAULT_RULEBOOK)


def indicator_choices(rulebook: str) -> list[tuple[str, str]]:
    try:
        book = load_rulebook(rulebook)
    except (RulebookError, OSError):
        return []
    return [(ind.id, getattr(ind, "title", "") or ind.id) for ind in book.indicators]


def _with_review(scored: list[dict[str, Any]], effective: list[dict[str, Any]]) -> list[dict[str, Any]]:
    review = {f.get("fingerprint"): f["review"] for f in effective if f.get("review")}
    return [{**f, "review": review[f["fingerprint"]]} if f.get("fingerprint") in review else f for f in scored]


def rescore_site(site: dict[str, Any], effective: list[dict[str, Any]], bonus: list[dict[str, Any]],
                 rulebook: str) -> None:
    """Updates ``site`` in place (result, score, vetoes, deductions, 加分, findings annotated)."""
    findings = [Finding.from_dict(f) for f in effective]
    bonus_entries = [{"item": b["item"], "points": float(b["points"]), "who": b.get("who", "")} for b in bonus]
    score = score_site(rulebook, findings, is_portal=bool(site.get("is_portal")),
                       has_services=bool(site.get("has_services", True)), bonus=bonus_entries)
    site.update(result=score.result, score=score.score, vetoes=list(score.vetoes),
                veto_rules=list(score.veto_rules), not_assessed_reason=score.not_assessed_reason,
                deductions=dict(score.deductions), part2=score.part2, bonus=score.bonus,
                bonus_items=list(score.bonus_items), problems=list(score.problems),
                findings=_with_review([f.to_dict() for f in score.findings], effective))


def rescore_account(account: dict[str, Any], effective: list[dict[str, Any]]) -> None:
    """The scan's account verdict rule over the effective findings (manual ones keep their veto flag)."""
    findings = []
    for raw in effective:
        f = Finding.from_dict(raw)
        if not f.manual:
            f.indicator = ACCOUNT_VETOES.get(f.check)
            f.veto = f.indicator is not None and f.status == "fail"
        findings.append(f)
    result, reason = verdict(findings)
    account.update(result=result, not_assessed_reason=reason or "",
                   findings=_with_review([f.to_dict() for f in findings], effective))
