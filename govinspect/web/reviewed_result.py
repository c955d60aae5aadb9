"""A run's result with the reviewers' decisions applied and every reviewed unit re-scored at once.

The decisions go through ``govinspect.review`` (the same code as ``govinspect rescore --decisions``):
dismissed findings stay as ``not_applicable`` with the reason, confirmed ``needs_review`` findings
become ``fail``, manual findings and 加分 are scored by the run's rulebook. For display each unit also
gets ``dismissed_findings`` (split out of ``findings``), ``entered_bonus`` and ``machine`` (the scan's
own verdict); :func:`report_ready` folds them back into a plain result document.
"""
from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from govinspect.model.result import load_result
from govinspect.review import Decision, DecisionError
from govinspect.review.rescore_result import rescore_account, rescore_site
from govinspect.scoring.rulebook import Rulebook, RulebookError, load_rulebook, rulebook_facts
from govinspect.web.review_overlay import account_unit_key, decisions_for_run, rulebook_id, site_unit_key

DISPLAY_KEYS = ("dismissed_findings", "entered_bonus", "machine", "review_error")


@lru_cache(maxsize=8)
def _rulebook(rulebook: str) -> Rulebook:
    return load_rulebook(rulebook)


def _split(unit: dict[str, Any], decisions: list[Decision]) -> None:
    kept, dismissed = [], []
    for f in unit.get("findings") or []:
        review = (f.get("evidence") or {}).get("review")
        f = {**f, "review": review} if review else f
        (dismissed if review and review.get("action") == "dismiss" else kept).append(f)
    unit.update(findings=kept, dismissed_findings=dismissed,
                entered_bonus=[{"item": d.payload.get("item", ""), "points": d.payload.get("points"), "who": d.who,
                                "reason": d.reason} for d in decisions if d.action == "bonus"])


def _rescore(unit: dict[str, Any], decisions: list[Decision], rescore: Any) -> None:
    try:
        unit.update(rescore(unit, decisions))
    except (RulebookError, DecisionError) as exc:   # shown on the unit; the scan's verdict stays
        unit["review_error"] = f"复核后重新评分失败：{exc}"


def reviewed_result(result: dict[str, Any], rows: list[dict[str, Any]], run_id: str) -> dict[str, Any]:
    """Never mutates ``result``; a unit without decisions keeps the scan's entry unchanged."""
    doc = copy.deepcopy(result)
    by_unit = decisions_for_run(rows, run_id)
    for site in doc.get("sites") or []:
        mine = by_unit.get(site_unit_key(site), [])
        site["machine"] = {"score": site.get("score"), "result": site.get("result")}
        if mine:
            _rescore(site, mine, lambda u, d: rescore_site(u, _rulebook(rulebook_id(doc)), d))
        _split(site, mine)
    for account in doc.get("accounts") or []:
        mine = by_unit.get(account_unit_key(account), [])
        account["machine"] = {"result": account.get("result")}
        if mine:
            _rescore(account, mine, lambda u, d: rescore_account(u, _rulebook(rulebook_id(doc)), d))
        _split(account, mine)
    return doc


def report_ready(doc: dict[str, Any]) -> dict[str, Any]:
    """The reviewed result as the 通报 renderer reads it: dismissed findings back in (not_applicable),
    read back through the result builder (an older run's rulebook block completed from its rulebook)."""
    out = copy.deepcopy(doc)
    for unit in (out.get("sites") or []) + (out.get("accounts") or []):
        unit["findings"] = (unit.get("findings") or []) + (unit.get("dismissed_findings") or [])
        for key in DISPLAY_KEYS:
            unit.pop(key, None)
        for f in unit["findings"]:
            f.pop("review", None)
    return load_result(out, rulebook_facts)
