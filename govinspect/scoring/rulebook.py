"""Rulebooks: load (with `extends` overlays) and validate like code.

A rulebook is data (scoring/rulebooks/*.yaml, format in docs/rulebooks.md). Loading fails with a
Chinese :class:`RulebookError` naming the file and the bad entry: unknown check ids, indicators in
unknown groups, caps above the group total, group totals that do not add up, veto rules without a
source, matchers on evidence keys that no check records.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from govinspect.model.check_ids import ALL_CHECKS
from govinspect.model.findings import Finding

RULEBOOK_DIR = Path(__file__).resolve().parent / "rulebooks"
# evidence keys a matcher may test: those some check's spec declares (CheckSpec.evidence_keys), tabled by
# scripts/generate_check_docs.py so that scoring reads them without importing checks
_EVIDENCE_KEYS = Path(__file__).resolve().parent / "check_evidence_keys.json"
MATCH_KEYS = {k for keys in json.loads(_EVIDENCE_KEYS.read_text(encoding="utf-8"))["evidence_keys"].values()
              for k in keys}


class RulebookError(ValueError):
    """A rulebook that cannot be used; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Matcher:
    check: str
    where: tuple[tuple[str, tuple[Any, ...]], ...] = ()

    def matches(self, f: Finding) -> bool:
        if f.check != self.check:
            return False
        return all(f.evidence.get(key) in allowed for key, allowed in self.where)


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str
    title: str
    points: float
    rule: str = ""
    cap: float | None = None
    matchers: tuple[Matcher, ...] = ()
    uncertain: bool = False
    record: bool = False             # recorded, never deducted
    manual_kind: str = ""            # the dashboard's manual finding kind that feeds it (inaccurate_profile …)

    def matches(self, f: Finding) -> bool:
        return any(m.matches(f) for m in self.matchers)


@dataclass(frozen=True)
class VetoRule:
    id: str
    title: str
    rule: str
    matchers: tuple[Matcher, ...]
    min_count: int = 1
    min_evidence: tuple[tuple[str, float], ...] = ()
    services_only: bool = False
    uncertain: bool = False

    def counts(self, f: Finding) -> bool:
        if f.status != "fail" or not any(m.matches(f) for m in self.matchers):
            return False
        for key, least in self.min_evidence:
            value = f.evidence.get(key)
            if not isinstance(value, (int, float)) or value < least:
                return False
        return True

    @property
    def checks(self) -> set[str]:
        return {m.check for m in self.matchers}


@dataclass(frozen=True)
class Group:
    name: str
    total: float
    services: bool = False
    uncertain: bool = False


@dataclass(frozen=True)
class Rulebook:
    id: str
    title: str
    groups: dict[str, Group]
    indicators: tuple[Indicator, ...]
    vetoes: tuple[VetoRule, ...]
    full: float = 100
    fail_below: float = 60
    bonus_above: float = 80
    bonus_cap: float = 30
    bonus_portals_only: bool = True
    no_services_factor: Fraction = Fraction(4, 3)
    score_decimals: int = 1
    no_double_checks: frozenset[str] = frozenset()
    bonus_items: tuple[str, ...] = ()
    account_vetoes: tuple[VetoRule, ...] = ()     # 政务新媒体: any one met → 不合格 (indicators.md §6.1)
    account_undecided: frozenset[str] = frozenset()   # an error of these (or of a veto check) → 未能检测
    source: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def indicator_for(self, f: Finding) -> Indicator | None:
        return next((i for i in self.indicators if i.matches(f)), None)

    @property
    def veto_checks(self) -> set[str]:
        return {c for v in self.vetoes for c in v.checks}

    def account_veto_for(self, f: Finding) -> VetoRule | None:
        """The new-media veto a finding's check feeds (whatever its status)."""
        return next((v for v in self.account_vetoes if any(m.matches(f) for m in v.matchers)), None)

    def manual_indicators(self) -> dict[str, str]:
        """Manual finding kind (dashboard) → the indicator it feeds when the reviewer picks none."""
        return {i.manual_kind: i.id for i in self.indicators if i.manual_kind}

    def summary(self) -> dict[str, Any]:
        """The rulebook block of the result JSON: every rule text and point value the notice prints, and
        which checks feed each 单项否决 (report/ renders from this alone)."""
        def vetoes(rules: tuple[VetoRule, ...]) -> dict[str, Any]:
            return {v.id: {"title": v.title, "rule": v.rule, "checks": list(dict.fromkeys(m.check for m in v.matchers))}
                    for v in rules}
        return {"id": self.id, "title": self.title,
                "indicators": {i.id: {"title": i.title, "rule": i.rule, "points": i.points,
                                      "group": i.group} for i in self.indicators},
                "vetoes": vetoes(self.vetoes), "account_vetoes": vetoes(self.account_vetoes),
                "fail_below": self.fail_below}


# ---- loading --------------------------------------------------------------------------------------

def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulebookError(f"评分规则文件不存在：{path}") from None
    except yaml.YAMLError as exc:
        raise RulebookError(f"评分规则文件 {path} 不是有效的 YAML：{exc}") from None
    except UnicodeDecodeError:
        raise RulebookError(f"评分规则文件 {path} 不是 UTF-8 编码，请另存为 UTF-8 后重试") from None
    except RecursionError:
        raise RulebookError(f"评分规则文件 {path} 嵌套层次过深，不是有效的评分规则") from None
    if not isinstance(data, dict):
        raise RulebookError(f"评分规则文件 {path} 的顶层应为对象（键值表）")
    return data


def _resolve(id_or_path: str | Path) -> Path:
    text = str(id_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return Path(text)
    path = RULEBOOK_DIR / f"{text}.yaml"
    if not path.exists():
        known = "、".join(sorted(p.stem for p in RULEBOOK_DIR.glob("*.yaml")))
        raise RulebookError(f"未知的评分规则：{text}（可用：{known}）")
    return path


def _merge_by_id(base: list[dict[str, Any]], overlay: list[dict[str, Any]], what: str,
                 where: str) -> list[dict[str, Any]]:
    """Overlay entries replace keys of the base entry with the same id; new ids are appended;
    `remove: true` drops an entry."""
    out = [copy.deepcopy(e) for e in base]
    index = {e.get("id"): i for i, e in enumerate(out)}
    for entry in overlay:
        if not isinstance(entry, dict) or not entry.get("id"):
            raise RulebookError(f"{where}：{what} 的每一项都必须是带 id 的对象，实为 {entry!r}")
        if entry.get("remove"):
            out = [e for e in out if e.get("id") != entry["id"]]
            index = {e.get("id"): i for i, e in enumerate(out)}
        elif entry["id"] in index:
            out[index[entry["id"]]].update(copy.deepcopy(entry))
        else:
            out.append(copy.deepcopy(entry))
            index[entry["id"]] = len(out) - 1
    return out


def _raw_with_parents(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    if path.resolve() in seen:
        raise RulebookError(f"评分规则 extends 循环引用：{' → '.join(str(p) for p in (*seen, path))}")
    data = _read_yaml(path)
    parent_id = data.get("extends")
    if not parent_id:
        return data
    parent = _raw_with_parents(_resolve(parent_id), (*seen, path.resolve()))
    merged = copy.deepcopy(parent)
    for key, value in data.items():
        if key in ("indicators", "vetoes", "account_vetoes"):
            if not isinstance(value, list):
                raise RulebookError(f"{path}：{key} 应为列表")
            merged[key] = _merge_by_id(parent.get(key) or [], value, key, str(path))
        elif key in ("scale", "groups") and isinstance(value, dict):
            merged[key] = {**(parent.get(key) or {}),
                           **{k: ({**(parent.get(key) or {}).get(k, {}), **v} if isinstance(v, dict) else v)
                              for k, v in value.items()}}
        else:
            merged[key] = copy.deepcopy(value)
    merged["extends"] = parent_id
    return merged


def _matchers(raw: Any, where: str) -> tuple[Matcher, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RulebookError(f"{where}：from 应为列表")
    out = []
    for m in raw:
        if not isinstance(m, dict) or "check" not in m:
            raise RulebookError(f"{where}：from 的每一项应为 {{check: 检查项编号}}，实为 {m!r}")
        if m["check"] not in ALL_CHECKS:
            raise RulebookError(f"{where}：未知的检查项编号 {m['check']!r}")
        cond = m.get("where") or {}
        if not isinstance(cond, dict):
            raise RulebookError(f"{where}：where 应为 {{证据字段: [取值…]}}")
        bad = set(cond) - MATCH_KEYS
        if bad:
            raise RulebookError(f"{where}：where 使用了检查不记录的证据字段 {sorted(bad)}（可用：{sorted(MATCH_KEYS)}）")
        out.append(Matcher(m["check"], tuple((k, tuple(v if isinstance(v, list) else [v]))
                                             for k, v in sorted(cond.items()))))
    return tuple(out)


def _number(value: Any, where: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RulebookError(f"{where}：应为数字，实为 {value!r}")
    if value < 0 or (positive and value == 0):
        raise RulebookError(f"{where}：应为{'正数' if positive else '非负数'}，实为 {value!r}")
    return float(value)


def _veto_rules(raw_rules: Any, what: str) -> tuple[VetoRule, ...]:
    if raw_rules is not None and not isinstance(raw_rules, list):
        raise RulebookError(f"{what}：应为列表")
    vetoes: list[VetoRule] = []
    for raw in raw_rules or []:
        vw = f"{what} {raw.get('id', '?')}"
        matchers = _matchers(raw.get("from"), vw)
        if not matchers:
            raise RulebookError(f"{vw}：没有指明由哪个检查项触发（from）")
        min_count = raw.get("min_count", 1)
        if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
            raise RulebookError(f"{vw}：min_count 应为正整数，实为 {min_count!r}")
        min_ev = raw.get("min_evidence") or {}
        vetoes.append(VetoRule(str(raw["id"]), str(raw.get("title") or raw["id"]), str(raw.get("rule") or ""),
                               matchers, min_count,
                               tuple((k, _number(v, f"{vw} min_evidence.{k}")) for k, v in min_ev.items()),
                               bool(raw.get("services_only")), bool(raw.get("uncertain"))))
    return tuple(vetoes)


def build_rulebook(data: dict[str, Any], source: str = "") -> Rulebook:
    """Validate raw (merged) rulebook data and build the :class:`Rulebook`."""
    where = source or str(data.get("id") or "评分规则")
    for key in ("id", "title", "groups", "indicators"):
        if not data.get(key):
            raise RulebookError(f"{where}：缺少 {key}")
    scale = data.get("scale") or {}
    full = _number(scale.get("full", 100), f"{where} scale.full", positive=True)
    groups: dict[str, Group] = {}
    for name, g in data["groups"].items():
        if not isinstance(g, dict):
            raise RulebookError(f"{where}：一级指标 {name} 应为 {{total: 分值}}")
        groups[name] = Group(name, _number(g.get("total"), f"{where} groups.{name}.total", positive=True),
                             bool(g.get("services")), bool(g.get("uncertain")))
    total = sum(g.total for g in groups.values())
    if abs(total - full) > 1e-9:
        raise RulebookError(f"{where}：各一级指标分值之和为 {total:g}，应等于扣分指标总分 {full:g}")
    if sum(1 for g in groups.values() if g.services) > 1:
        raise RulebookError(f"{where}：只能有一个办事服务类一级指标（services: true）")
    indicators: list[Indicator] = []
    for raw in data["indicators"]:
        iw = f"{where} 指标 {raw.get('id', '?')}"
        if raw.get("id") in {i.id for i in indicators}:
            raise RulebookError(f"{iw}：指标编号重复")
        if raw.get("group") not in groups:
            raise RulebookError(f"{iw}：未知的一级指标 {raw.get('group')!r}（可用：{'、'.join(groups)}）")
        record = bool(raw.get("record"))
        points = _number(raw.get("points"), f"{iw} points", positive=not record)
        cap = raw.get("cap")
        if cap is not None:
            cap = _number(cap, f"{iw} cap", positive=True)
            if cap < points:
                raise RulebookError(f"{iw}：封顶分值 {cap:g} 小于单项扣分 {points:g}")
        group_total = groups[raw["group"]].total
        if (cap if cap is not None else points) > group_total:
            raise RulebookError(f"{iw}：扣分上限超过一级指标 {raw['group']} 的总分 {group_total:g}")
        indicators.append(Indicator(str(raw["id"]), raw["group"], str(raw.get("title") or raw["id"]), points,
                                    str(raw.get("rule") or ""), cap, _matchers(raw.get("from"), iw),
                                    bool(raw.get("uncertain")), record, str(raw.get("manual_kind") or "")))
    vetoes = _veto_rules(data.get("vetoes"), f"{where} 单项否决")
    account_vetoes = _veto_rules(data.get("account_vetoes"), f"{where} 政务新媒体单项否决")
    undecided = data.get("account_undecided_on_error") or []
    for check in undecided:
        if check not in ALL_CHECKS:
            raise RulebookError(f"{where}：account_undecided_on_error 中未知的检查项编号 {check!r}")
    factor = scale.get("no_services_factor", [4, 3])
    try:
        factor_frac = Fraction(int(factor[0]), int(factor[1]))
    except (TypeError, ValueError, IndexError, ZeroDivisionError):
        raise RulebookError(f"{where}：scale.no_services_factor 应为 [分子, 分母]，实为 {factor!r}") from None
    fail_below = _number(scale.get("fail_below", 60), f"{where} scale.fail_below")
    bonus_above = _number(scale.get("bonus_above", 80), f"{where} scale.bonus_above")
    if not fail_below <= bonus_above <= full:
        raise RulebookError(f"{where}：应满足 不合格线 ≤ 加分线 ≤ 总分")
    ndd = data.get("no_double_deduction") or {}
    for check in ndd.get("checks") or []:
        if check not in ALL_CHECKS:
            raise RulebookError(f"{where}：no_double_deduction 中未知的检查项编号 {check!r}")
    return Rulebook(
        id=str(data["id"]), title=str(data["title"]), groups=groups, indicators=tuple(indicators),
        vetoes=tuple(vetoes), full=full, fail_below=fail_below, bonus_above=bonus_above,
        bonus_cap=_number(scale.get("bonus_cap", 30), f"{where} scale.bonus_cap"),
        bonus_portals_only=bool(scale.get("bonus_portals_only", True)), no_services_factor=factor_frac,
        score_decimals=int(scale.get("score_decimals", 1)),
        no_double_checks=frozenset(ndd.get("checks") or ()),
        bonus_items=tuple(data.get("bonus_items") or ()), account_vetoes=account_vetoes,
        account_undecided=frozenset(undecided), source=source, raw=data)


def load_rulebook(id_or_path: str | Path | Rulebook) -> Rulebook:
    """A rulebook by id (scoring/rulebooks/<id>.yaml) or by file path; overlays are merged."""
    if isinstance(id_or_path, Rulebook):
        return id_or_path
    return _load_cached(str(_resolve(id_or_path).resolve()))


@cache
def _load_cached(path: str) -> Rulebook:
    try:
        return build_rulebook(_raw_with_parents(Path(path)), source=path)
    except RulebookError:
        raise
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        # a value of the wrong shape (a list where a table belongs, a null, text for a number…)
        raise RulebookError(f"评分规则文件 {path} 的结构不符合格式（{type(exc).__name__}: {exc}）；"
                            "格式见 docs/rulebooks.md") from None


def rulebook_facts(rulebook_id: str) -> dict[str, Any] | None:
    """The result-JSON rulebook block of a known rulebook, or None (readers of older results pass this
    to ``model.result.load_result``)."""
    try:
        return load_rulebook(rulebook_id).summary()
    except (RulebookError, OSError):
        return None


def available_rulebooks() -> list[str]:
    return sorted(p.stem for p in RULEBOOK_DIR.glob("*.yaml"))
