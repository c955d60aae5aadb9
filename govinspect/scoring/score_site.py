"""(rulebook, findings) → the site's verdict: vetoes, itemised deductions, caps, 4/3 rule, 加分, 合格/不合格.

Order of decisions (indicators.md §2):
1. any 单项否决 rule met by ``fail`` findings (or a reviewer's veto) → 不合格, no score;
2. else, when a check that feeds a veto could not run (``error``: blocked site, missing artifact) →
   未能检测 with the reason: without that check a 合格 would be unproven;
3. else 100 − deductions (per-indicator caps, group totals, no double deduction); units without
   services are scored out of ``full − 办事服务`` and scaled (75 × 4/3); < 60 → 不合格;
4. portals above 80 get the reviewers' 加分 entries, capped.
Only ``fail`` findings count; ``needs_review`` ones are kept (annotated with their indicator) for the
reviewer, never deducted.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from govinspect.model.findings import Finding
from govinspect.model.result import Verdict
from govinspect.scoring.rulebook import Indicator, Rulebook, RulebookError, load_rulebook


@dataclass(slots=True)
class SiteScore:
    result: Verdict
    score: float | None                          # None when vetoed or not assessed
    vetoes: list[str] = field(default_factory=list)          # check ids behind a 单项否决
    veto_rules: list[str] = field(default_factory=list)      # rulebook ids (V2, V4a…)
    findings: list[Finding] = field(default_factory=list)    # annotated copies
    deductions: dict[str, float] = field(default_factory=dict)   # indicator → points after its cap
    part2: float | None = None                   # 扣分指标 score before 加分
    bonus: float = 0.0
    bonus_items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_assessed_reason: str = ""
    rulebook: str = ""


def _dec(x: float | Decimal) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def plain(x: float | Decimal) -> str:
    """97.80 → 97.8, 95.0 → 95 (the seeds' number style)."""
    text = format(_dec(x).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _item_points(f: Finding, ind: Indicator) -> Decimal:
    explicit = f.evidence.get("manual_deduction") if f.manual else None
    if explicit is not None:                     # a reviewer's explicit deduction wins
        if isinstance(explicit, bool) or not isinstance(explicit, (int, float)) or explicit < 0:
            raise RulebookError(f"人工问题记录 {f.subject!r} 的扣分应为非负数，实为 {explicit!r}")
        return _dec(explicit)
    count = f.evidence.get("count", 1) if f.manual else 1
    if isinstance(count, bool) or not isinstance(count, (int, float)) or count < 0:
        raise RulebookError(f"人工问题记录 {f.subject!r} 的 count 应为非负数，实为 {count!r}")
    return _dec(ind.points) * _dec(count)


def _indicator_of(rulebook: Rulebook, f: Finding) -> Indicator | None:
    if f.manual and f.indicator:
        ind = rulebook.indicator(f.indicator)
        if ind is None:
            raise RulebookError(f"人工问题记录引用了评分规则 {rulebook.id} 中不存在的指标 {f.indicator!r}")
        return ind
    return rulebook.indicator_for(f)


def _annotate(rulebook: Rulebook, findings: list[Finding], has_services: bool) -> None:
    """Set indicator and per-item deduction on each finding (in place, on copies)."""
    order = {ind.id: n for n, ind in enumerate(rulebook.indicators)}
    service_groups = {g.name for g in rulebook.groups.values() if g.services}
    keyed: list[tuple[int, int, Finding]] = []
    for n, f in enumerate(findings):
        ind = _indicator_of(rulebook, f)
        f.indicator = ind.id if ind else f.indicator
        f.deduction = 0.0
        if ind is None or f.status != "fail" or ind.record:
            continue
        if ind.group in service_groups and not has_services:
            f.evidence = {**f.evidence, "not_scored": "无对外服务职能，办事服务指标不检查"}
            continue
        f.deduction = float(_item_points(f, ind))
        keyed.append((order[ind.id], n, f))
    seen: dict[str, str] = {}
    for _, _, f in sorted(keyed, key=lambda t: (t[0], t[1])):
        if f.check not in rulebook.no_double_checks or f.manual:
            continue
        key = f.location or f.subject
        if key in seen:
            f.evidence = {**f.evidence, "not_deducted": f"已按{seen[key]}扣分，不重复扣分"}
            f.deduction = 0.0
        else:
            seen[key] = f.indicator or ""


def _vetoes(rulebook: Rulebook, findings: list[Finding], has_services: bool) -> tuple[list[str], list[str]]:
    rules: list[str] = []
    for rule in rulebook.vetoes:
        if rule.services_only and not has_services:
            continue
        hits = [f for f in findings if rule.counts(f)]
        if hits and len(hits) >= rule.min_count:
            rules.append(rule.id)
            for f in hits:
                f.veto = True
    manual = [f for f in findings if f.manual and f.veto and f.status == "fail"]
    if manual and "manual" not in rules:
        rules.append("manual")
    checks = sorted({f.check for f in findings if f.veto and f.status == "fail"})
    return checks, rules


def _undecided(rulebook: Rulebook, findings: list[Finding], has_services: bool) -> list[Finding]:
    veto_checks = {c for r in rulebook.vetoes if has_services or not r.services_only for c in r.checks}
    return [f for f in findings if f.status == "error" and f.check in veto_checks]


def _rounded(x: Decimal, decimals: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _part2(rulebook: Rulebook, findings: list[Finding], has_services: bool) -> tuple[Decimal, dict[str, float]]:
    per_ind: dict[str, Decimal] = defaultdict(Decimal)
    for f in findings:
        if f.status == "fail" and f.deduction > 0 and f.indicator:
            per_ind[f.indicator] += _dec(f.deduction)
    capped: dict[str, Decimal] = {}
    per_group: dict[str, Decimal] = defaultdict(Decimal)
    for ind in rulebook.indicators:
        if ind.id in per_ind:
            value = min(per_ind[ind.id], _dec(ind.cap)) if ind.cap is not None else per_ind[ind.id]
            capped[ind.id] = value
            per_group[ind.group] += value
    total = sum((min(v, _dec(rulebook.groups[g].total)) for g, v in per_group.items()), Decimal(0))
    base = _dec(rulebook.full)
    if not has_services:
        base -= sum((_dec(g.total) for g in rulebook.groups.values() if g.services), Decimal(0))
        part2 = (base - total) * rulebook.no_services_factor.numerator / rulebook.no_services_factor.denominator
    else:
        part2 = base - total
    return _rounded(part2, rulebook.score_decimals), {k: float(v) for k, v in capped.items()}


def _bonus(rulebook: Rulebook, bonus: Iterable[dict[str, Any]]) -> tuple[Decimal, list[dict[str, Any]]]:
    items: list[dict[str, Any]] = []
    total = Decimal(0)
    for entry in bonus:
        points = entry.get("points")
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
            raise RulebookError(f"加分项 {entry.get('item')!r} 的分值应为非负数，实为 {points!r}")
        items.append(dict(entry))
        total += _dec(points)
    return min(total, _dec(rulebook.bonus_cap)), items


def _problems(rulebook: Rulebook, findings: list[Finding], deductions: dict[str, float],
              veto_rules: list[str]) -> list[str]:
    out = []
    for rule in rulebook.vetoes:
        if rule.id in veto_rules:
            out.append(f"单项否决（{rule.title}）：{rule.rule}")
    if "manual" in veto_rules:
        out += [f"单项否决：{f.message or f.subject}" for f in findings if f.manual and f.veto]
    for ind in rulebook.indicators:
        if ind.id not in deductions:
            continue
        where = [f.location or f.subject for f in findings
                 if f.indicator == ind.id and f.status == "fail" and f.deduction > 0]
        listed = "、".join(dict.fromkeys(w for w in where if w))
        out.append(f"{ind.rule}" + (f"：{listed}" if listed else "") + f"；共扣{plain(deductions[ind.id])}分。")
    return out


def score_site(rulebook: Rulebook | str, findings: list[Finding], *, is_portal: bool, has_services: bool,
               bonus: Iterable[dict[str, Any]] = ()) -> SiteScore:
    """Score one site's findings with a rulebook (id, path or loaded :class:`Rulebook`)."""
    book = load_rulebook(rulebook)
    annotated = [dataclasses.replace(f, evidence=dict(f.evidence)) for f in findings]
    _annotate(book, annotated, has_services)
    vetoes, veto_rules = _vetoes(book, annotated, has_services)
    out = SiteScore(result=Verdict.FAILED, score=None, vetoes=vetoes, veto_rules=veto_rules, findings=annotated,
                    rulebook=book.id)
    if veto_rules:
        out.problems = _problems(book, annotated, {}, veto_rules)
        return out
    undecided = _undecided(book, annotated, has_services)
    if undecided:
        out.result = Verdict.NOT_ASSESSED
        out.not_assessed_reason = "；".join(dict.fromkeys(f.message or f"{f.check} {Verdict.NOT_ASSESSED}" for f in undecided))
        return out
    part2, out.deductions = _part2(book, annotated, has_services)
    out.part2 = float(part2)
    out.problems = _problems(book, annotated, out.deductions, [])
    final = part2
    bonus_list = list(bonus)
    if bonus_list and (is_portal or not book.bonus_portals_only) and part2 > _dec(book.bonus_above):
        points, out.bonus_items = _bonus(book, bonus_list)
        out.bonus = float(points)
        final = part2 + points
    out.score = float(final)
    out.result = Verdict.FAILED if part2 < _dec(book.fail_below) else Verdict.QUALIFIED
    return out
