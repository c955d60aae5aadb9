"""Re-score a stored result (other rulebook, reviewers' decisions) without the network.

Review sits below report in the layers, so this returns the new ``sites``/``accounts`` entries and
the rulebook summary; the caller (pipeline/cli) passes them to ``govinspect.model.result.build_result``:

    parts = rescore_result(load_result(path), "xianning-2020", load_decisions(dfile))
    result = build_result(as_of=parts["as_of"], rulebook=parts["rulebook"], sites=parts["sites"],
                          accounts=parts["accounts"], tool_version=__version__)
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govinspect.model.findings import Finding
from govinspect.model.records import SiteRecord
from govinspect.model.result import DEFAULT_RULEBOOK, Verdict, account_entry, revise_site
from govinspect.review.apply_decisions import apply_decisions, bonus_entries, manual_finding
from govinspect.review.decisions import Decision
from govinspect.scoring.rulebook import Rulebook, load_rulebook
from govinspect.scoring.score_account import verdict
from govinspect.scoring.score_site import score_site
from govinspect.scoring.site_entry import site_entry

_ANNOTATIONS = ("indicator", "veto", "deduction")


def _fresh(raw: dict[str, Any]) -> Finding:
    """A stored finding without the previous rulebook's annotations (manual indicators are kept)."""
    f = Finding.from_dict(raw)
    if not f.manual:
        f.indicator = None
    f.veto = f.veto if f.manual else False
    f.deduction = 0.0
    return f


def site_record(entry: dict[str, Any]) -> SiteRecord:
    return SiteRecord(site_code=str(entry.get("site_code") or ""), name=str(entry.get("name") or ""),
                      url=str(entry.get("url") or ""), organizer=str(entry.get("organizer") or ""),
                      is_portal=bool(entry.get("is_portal")), region=str(entry.get("region") or ""),
                      has_services=bool(entry.get("has_services", True)))


def site_unit_key(entry: dict[str, Any]) -> str:
    return str(entry.get("site_code") or "") or str(entry.get("url") or "")


def account_unit_key(entry: dict[str, Any]) -> str:
    return str(entry.get("key") or f"{entry.get('platform')}:{entry.get('name')}:{entry.get('organizer')}")


def rescore_site(entry: dict[str, Any], rulebook: Rulebook, decisions: list[Decision]) -> dict[str, Any]:
    record = site_record(entry)
    unit = site_unit_key(entry)
    findings = apply_decisions([_fresh(f) for f in entry.get("findings") or []], decisions, unit_key=unit)
    score = score_site(rulebook, findings, is_portal=record.is_portal, has_services=record.has_services,
                       bonus=bonus_entries(unit, decisions))
    # what was read does not change with decisions
    out = site_entry(record, score, **{k: entry[k] for k in ("columns", "understanding") if k in entry})
    if entry.get("result") == Verdict.NOT_ASSESSED and not entry.get("findings"):
        out = revise_site(out, result=Verdict.NOT_ASSESSED, score=None,
                          not_assessed_reason=entry.get("not_assessed_reason") or "")
    return out


def rescore_account(entry: dict[str, Any], rulebook: Rulebook, decisions: list[Decision]) -> dict[str, Any]:
    unit = account_unit_key(entry)
    findings = apply_decisions([Finding.from_dict(f) for f in entry.get("findings") or []], decisions,
                               unit_key=unit)
    for f in findings:
        if f.status != "fail":
            f.veto = False
    result, reason = verdict(findings, rulebook)
    return account_entry({**entry, "result": result, "not_assessed_reason": reason,
                          "findings": [f.to_dict() for f in findings]})


def rescore_result(result: dict[str, Any], rulebook: str | Rulebook | None = None,
                   decisions: Iterable[Decision] = ()) -> dict[str, Any]:
    """New site/account entries under ``rulebook`` (default: the result's own) and ``decisions``."""
    book = load_rulebook(rulebook or (result.get("rulebook") or {}).get("id") or DEFAULT_RULEBOOK["id"])
    decided = list(decisions)
    return {
        "as_of": result.get("as_of"),
        "rulebook": {**book.summary(), "id": book.id, "title": book.title},
        "sites": [rescore_site(s, book, decided) for s in result.get("sites") or []],
        "accounts": [rescore_account(a, book, decided) for a in result.get("accounts") or []],
    }


def unmatched_decisions(result: dict[str, Any], decisions: Iterable[Decision]) -> list[str]:
    """Decisions that apply to nothing in ``result`` (unknown unit, or a fingerprint no finding has),
    worded for the user: a reviewer's dismissal must never vanish silently."""
    units: dict[str, set[str]] = {}
    not_assessed: set[str] = set()
    for entry, key in [(s, site_unit_key(s)) for s in result.get("sites") or []] + \
                      [(a, account_unit_key(a)) for a in result.get("accounts") or []]:
        units[key] = set()
        for f in entry.get("findings") or []:
            if f.get("fingerprint"):
                (not_assessed if f.get("status") == "error" else units[key]).add(str(f["fingerprint"]))
    decided = list(decisions)
    for d in decided:                       # a manual finding may be withdrawn in the same file
        if d.action == "add" and d.unit_key in units:
            units[d.unit_key].add(manual_finding(d.unit_key, d).fingerprint)
    out = []
    for n, d in enumerate(decided, 1):
        if d.unit_key not in units:
            out.append(f"第{n}条（{d.action}）：结果中没有单位 {d.unit_key}，未应用")
        elif d.action in ("confirm", "dismiss") and d.fingerprint in not_assessed:
            out.append(f"第{n}条（{d.action}）：{d.fingerprint} 是{Verdict.NOT_ASSESSED}项目，不能确认或忽略，未应用")
        elif d.action in ("confirm", "dismiss") and d.fingerprint not in units[d.unit_key]:
            out.append(f"第{n}条（{d.action}）：单位 {d.unit_key} 没有指纹为 {d.fingerprint} 的问题，未应用")
    return out
