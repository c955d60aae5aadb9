"""A run's result with the reviewers' decisions applied and every reviewed unit re-scored at once."""
from __future__ import annotations

import copy
from typing import Any

from govinspect.scoring.rulebook import RulebookError
from govinspect.web.rescore_unit import rescore_account, rescore_site, rulebook_id
from govinspect.web.review_overlay import UnitReview, account_unit_key, site_unit_key, unit_review


def apply_review(entry: dict[str, Any], review: UnitReview) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Annotate machine findings with their review state; return (effective, dismissed) findings."""
    effective, dismissed = [], []
    for f in entry.get("findings") or []:
        state = review.verdicts.get(f.get("fingerprint", ""))
        annotated = {**f, "review": state} if state else dict(f)
        (dismissed if state and state["action"] == "dismiss" else effective).append(annotated)
    kept = [m for m in review.manual if review.state_of(m["fingerprint"]) != "dismiss"]
    withdrawn = [{**m, "review": review.verdicts[m["fingerprint"]]} for m in review.manual if m not in kept]
    return effective + kept, dismissed + withdrawn


def _changes_score(review: UnitReview, dismissed: list[dict[str, Any]]) -> bool:
    return bool(dismissed or review.manual or review.bonus)


def reviewed_result(result: dict[str, Any], decisions: list[dict[str, Any]], run_id: str) -> dict[str, Any]:
    """Never mutates ``result``. Units gain ``dismissed_findings``, ``bonus_items`` and ``machine`` (the
    scan's own verdict) for display; a unit whose decisions change nothing keeps the scan's entry."""
    doc = copy.deepcopy(result)
    book = rulebook_id(doc)
    for site in doc.get("sites") or []:
        review = unit_review(decisions, site_unit_key(site), run_id)
        effective, dismissed = apply_review(site, review)
        site["machine"] = {"score": site.get("score"), "result": site.get("result")}
        site.update(findings=effective, dismissed_findings=dismissed)
        site.setdefault("bonus_items", [])
        if _changes_score(review, dismissed):
            try:
                rescore_site(site, effective, review.bonus, book)
            except RulebookError as exc:
                site["review_error"] = f"复核后重新评分失败：{exc}"
    for account in doc.get("accounts") or []:
        review = unit_review(decisions, account_unit_key(account), run_id)
        effective, dismissed = apply_review(account, review)
        account["machine"] = {"result": account.get("result")}
        account.update(findings=effective, dismissed_findings=dismissed)
        if _changes_score(review, dismissed):
            rescore_account(account, effective)
    return doc


def report_ready(doc: dict[str, Any]) -> dict[str, Any]:
    """The reviewed result as the 通报 renderer reads it (display-only keys dropped)."""
    out = copy.deepcopy(doc)
    for unit in (out.get("sites") or []) + (out.get("accounts") or []):
        for key in ("dismissed_findings", "machine", "review_error"):
            unit.pop(key, None)
        for f in unit.get("findings") or []:
            f.pop("review", None)
    return out
