"""The result document (contract.md "Result JSON"): typed entries, one builder, validation on write and read.

Every stage that produces or changes a result goes through this module: scoring builds its site and
account entries with :func:`site_entry` / :func:`account_entry`, the pipeline and ``rescore`` assemble
the document with :func:`build_result`, a later change to an entry (the scanner-outage guard, a reason
added after a failed extraction) goes through :func:`revise_site`, and :func:`write_result` validates
again before writing. Renderers read only what :func:`load_result` returns, so an older or hand-edited
file either renders exactly as its numbers say or fails with a Chinese message naming the bad entry.

Plain dataclasses, not pydantic: this is the lowest layer (workers, scoring and the report import it),
pydantic is not a declared dependency of the project (it only arrives with fastapi for the dashboard),
and the validation must word every failure in Chinese and accept the older spellings of a result
(qualified/pass/单项否决 …), which hand-written readers below do in a few lines each.

Schema version 2 (docs/result_json.md): the ``rulebook`` block also carries the checks behind each
单项否决 (``vetoes[ID].checks``), the new-media vetoes (``account_vetoes``) and the pass mark
(``fail_below``), so the report renders from the result alone. Version 1 documents (and older) are read: a caller that knows the rulebooks passes
``rulebook_facts`` to :func:`load_result` to complete their rulebook block.
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from govinspect.model.findings import Finding

SCHEMA_VERSION = 2


class Verdict(StrEnum):
    """A unit's result; the values are the JSON (and the notice's) words."""

    QUALIFIED = "合格"
    FAILED = "不合格"
    NOT_ASSESSED = "未能检测"


class FindingStatus(StrEnum):
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"     # undecided: a reviewer confirms (fail) or dismisses (not_applicable)
    ERROR = "error"                   # the check could not run: 未能检测, never a pass or a fail
    NOT_APPLICABLE = "not_applicable"


DEFAULT_RULEBOOK = {"id": "national-2019", "title": "政府网站与政务新媒体检查指标(国办秘函〔2019〕19号)"}
NOT_RECORDED = "未记录原因"

# Older spellings of a result seen in hand-made or pre-contract files.
_RESULT_ALIASES = {
    **{v.value: v for v in Verdict},
    "qualified": Verdict.QUALIFIED, "pass": Verdict.QUALIFIED, "passed": Verdict.QUALIFIED, "ok": Verdict.QUALIFIED,
    "unqualified": Verdict.FAILED, "fail": Verdict.FAILED, "failed": Verdict.FAILED, "单项否决": Verdict.FAILED,
    "error": Verdict.NOT_ASSESSED, "not_assessed": Verdict.NOT_ASSESSED, "未检测": Verdict.NOT_ASSESSED,
}


class ResultError(ValueError):
    """A result document that cannot be rendered; the message is for the user (Chinese)."""


# ---- field readers -------------------------------------------------------------------------------

def _iso_date(value: Any, where: str) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise ResultError(f"{where}：监测时间点应为 YYYY-MM-DD 格式的日期，实为 {value!r}")


def _number(value: Any, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ResultError(f"{where}：应为数字，实为 {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ResultError(f"{where}：应为数字，实为 {value!r}") from None
    if not math.isfinite(number):
        raise ResultError(f"{where}：应为有限数字，实为 {value!r}")
    return number


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    """Text as stored; characters no XML document may hold (crawled junk) are dropped here, once."""
    return "" if value is None else _ILLEGAL.sub("", str(value))


def _name(value: Any) -> str:
    """Names are printed inside sentences: one line, single spaces."""
    return " ".join(_text(value).split())


def _bool(value: Any, default: bool, where: str) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in ("是", "否", "true", "false", "True", "False", "1", "0"):
        return value.strip() in ("是", "true", "True", "1")
    raise ResultError(f"{where}：应为 是/否，实为 {value!r}")


def _verdict(entry: dict[str, Any], where: str) -> Verdict:
    raw = entry.get("result")
    if raw is None and "qualified" in entry:          # pre-contract form: a boolean
        raw = Verdict.QUALIFIED if entry["qualified"] else Verdict.FAILED
    label = _RESULT_ALIASES.get(_text(raw).strip())
    if label is None:
        raise ResultError(f"{where}：结果应为 {'/'.join(Verdict)}，实为 {raw!r}")
    return label


def _indicator(value: Any, where: str) -> str | None:
    """An indicator id (D12, V1 …) or none; the notice groups findings by it, so it must be text."""
    if isinstance(value, (list, dict, bool)):
        raise ResultError(f"{where}：indicator 应为指标编号（如 D12），实为 {type(value).__name__}")
    return _text(value).strip() or None


# ---- entries -------------------------------------------------------------------------------------

def read_finding(raw: Any, where: str) -> Finding:
    """A finding of the document, validated (``model.findings.Finding`` is its typed form)."""
    if not isinstance(raw, dict):
        raise ResultError(f"{where}：问题记录应为对象，实为 {type(raw).__name__}")
    if not _text(raw.get("check")).strip():
        raise ResultError(f"{where}：问题记录缺少 check（检查项编号）")
    status = _text(raw.get("status") or FindingStatus.FAIL)
    if status not in set(FindingStatus):
        raise ResultError(f"{where}：status 应为 {'/'.join(FindingStatus)}，实为 {status!r}")
    evidence = raw.get("evidence") or {}
    return Finding(
        check=_text(raw["check"]), subject=_text(raw.get("subject")), status=status,
        indicator=_indicator(raw.get("indicator"), where), veto=_bool(raw.get("veto"), False, where),
        deduction=_number(raw.get("deduction"), f"{where}.deduction") or 0.0,
        location=_text(raw.get("location")), url=_text(raw.get("url")), message=_text(raw.get("message")),
        evidence=evidence if isinstance(evidence, dict) else {}, fingerprint=_text(raw.get("fingerprint")),
        manual=_bool(raw.get("manual"), False, where))


def _findings(entry: dict[str, Any], where: str) -> list[Finding]:
    raw = entry.get("findings") or []
    if not isinstance(raw, list):
        raise ResultError(f"{where}：findings 应为列表")
    return [read_finding(f, f"{where} 的第{i + 1}条问题") for i, f in enumerate(raw)]


def _unit_head(entry: Any, kind: str, index: int) -> tuple[str, str, Verdict, str]:
    """(name, where, result, not_assessed_reason) of a site or account entry; ``where`` names it in errors."""
    if not isinstance(entry, dict):
        raise ResultError(f"第{index + 1}个{kind}应为对象，实为 {type(entry).__name__}")
    name = _name(entry.get("name"))
    if not name:
        raise ResultError(f"第{index + 1}个{kind}缺少名称（name）")
    where = f"第{index + 1}个{kind}（{name}）"
    result = _verdict(entry, where)
    reason = _text(entry.get("not_assessed_reason")).strip()
    return name, where, result, (reason or NOT_RECORDED) if result is Verdict.NOT_ASSESSED else reason


def _extra(entry: dict[str, Any], known: tuple[str, ...], where: str) -> dict[str, Any]:
    """Fields other stages add (scoring's problems, veto_rules, part2, the column inventory …) pass
    through untouched, except ``problems``, which the notice prints and so must be a list of text."""
    extra = {k: v for k, v in entry.items() if k not in known}
    if "problems" in extra:
        problems = extra["problems"] or []
        if not isinstance(problems, list):
            raise ResultError(f"{where}：problems 应为文字列表")
        extra["problems"] = [_text(p) for p in problems if _text(p).strip()]
    return extra


def _ordered(typed: dict[str, Any], extra: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """The JSON form in the contract's key order (what scoring writes), then any other extra field."""
    both = {**extra, **typed}
    return {**{k: both[k] for k in order if k in both}, **{k: v for k, v in extra.items() if k not in order}}


# the order scoring writes a site in (site_entry + the column inventory); the JSON keeps it
SITE_ORDER = ("site_code", "name", "url", "region", "organizer", "is_portal", "has_services", "result", "score",
              "vetoes", "veto_rules", "not_assessed_reason", "deductions", "part2", "bonus", "bonus_items",
              "problems", "findings", "columns", "understanding")
ACCOUNT_ORDER = ("name", "platform", "organizer", "region", "result", "filed", "findings", "not_assessed_reason",
                 "key", "feed_url", "feed_health", "newest_post")


@dataclass(slots=True)
class UnitEntry:
    """What sites and accounts share; ``extra`` keeps the fields other stages add, passed through."""

    name: str
    result: Verdict
    organizer: str = ""
    region: str = "未分组"
    not_assessed_reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SiteEntry(UnitEntry):
    site_code: str = ""
    url: str = ""
    is_portal: bool = False
    has_services: bool = True
    score: float | None = None                  # None when vetoed or not assessed
    vetoes: list[str] = field(default_factory=list)          # check ids behind a 单项否决
    deductions: dict[str, float] = field(default_factory=dict)
    bonus: float = 0.0

    @classmethod
    def read(cls, entry: Any, index: int = 0) -> SiteEntry:
        name, where, result, reason = _unit_head(entry, "网站", index)
        score = _number(entry.get("score"), f"{where}.score")
        vetoes = [str(v) for v in (entry.get("vetoes") or [])]
        if result is Verdict.NOT_ASSESSED:
            score = None
        elif result is Verdict.QUALIFIED and vetoes:
            raise ResultError(f"{where}：存在单项否决（{'、'.join(vetoes)}），结果不能为合格")
        elif result is Verdict.QUALIFIED and score is None:
            raise ResultError(f"{where}：结果为合格但没有得分")
        if vetoes:
            score = None
        deductions = entry.get("deductions") or {}
        if not isinstance(deductions, dict):
            raise ResultError(f"{where}：deductions 应为 指标→扣分 的对象")
        return cls(
            name=name, result=result, site_code=_text(entry.get("site_code")).strip(), url=_text(entry.get("url")),
            region=_name(entry.get("region")) or "未分组", organizer=_name(entry.get("organizer")),
            is_portal=_bool(entry.get("is_portal"), False, where),
            has_services=_bool(entry.get("has_services"), True, where), score=score, vetoes=vetoes,
            not_assessed_reason=reason,
            deductions={str(k): _number(v, f"{where}.deductions.{k}") or 0.0 for k, v in deductions.items()},
            bonus=_number(entry.get("bonus"), f"{where}.bonus") or 0.0, findings=_findings(entry, where),
            extra=_extra(entry, _SITE_TYPED, where))

    def to_dict(self) -> dict[str, Any]:
        typed = {"site_code": self.site_code, "name": self.name, "url": self.url, "region": self.region,
                 "organizer": self.organizer, "is_portal": self.is_portal, "has_services": self.has_services,
                 "result": self.result.value, "score": self.score, "vetoes": list(self.vetoes),
                 "not_assessed_reason": self.not_assessed_reason, "deductions": dict(self.deductions),
                 "bonus": self.bonus, "findings": [f.to_dict() for f in self.findings]}
        return _ordered(typed, self.extra, SITE_ORDER)


_SITE_TYPED = tuple(n for n in SiteEntry.__dataclass_fields__ if n != "extra")


@dataclass(slots=True)
class AccountEntry(UnitEntry):
    platform: str = "其他"
    filed: bool = True

    @classmethod
    def read(cls, entry: Any, index: int = 0) -> AccountEntry:
        name, where, result, reason = _unit_head(entry, "政务新媒体", index)
        return cls(name=name, result=result, platform=_text(entry.get("platform")).strip() or "其他",
                   organizer=_name(entry.get("organizer")), region=_name(entry.get("region")) or "未分组",
                   filed=_bool(entry.get("filed"), True, where), not_assessed_reason=reason,
                   findings=_findings(entry, where), extra=_extra(entry, _ACCOUNT_TYPED, where))

    def to_dict(self) -> dict[str, Any]:
        typed = {"name": self.name, "platform": self.platform, "organizer": self.organizer, "region": self.region,
                 "result": self.result.value, "filed": self.filed, "not_assessed_reason": self.not_assessed_reason,
                 "findings": [f.to_dict() for f in self.findings]}
        return _ordered(typed, self.extra, ACCOUNT_ORDER)


_ACCOUNT_TYPED = tuple(n for n in AccountEntry.__dataclass_fields__ if n != "extra")


def site_entry(fields: dict[str, Any], index: int = 0) -> dict[str, Any]:
    """A validated site entry in its JSON form (scoring and rescore build theirs here)."""
    return SiteEntry.read(fields, index).to_dict()


def account_entry(fields: dict[str, Any], index: int = 0) -> dict[str, Any]:
    """A validated new-media entry in its JSON form."""
    return AccountEntry.read(fields, index).to_dict()


def revise_site(entry: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of a site entry with ``changes``, validated again (never patched in place)."""
    return site_entry({**entry, **changes})


# ---- the document --------------------------------------------------------------------------------

def compute_summary(sites: list[dict[str, Any]], accounts: list[dict[str, Any]]) -> dict[str, int]:
    """Counts only; every rate in the 通报 is computed from these (percent.py)."""
    def count(units: list[dict[str, Any]], label: Verdict) -> int:
        return sum(1 for u in units if u["result"] == label)
    return {
        "sites": len(sites), "sites_qualified": count(sites, Verdict.QUALIFIED),
        "sites_failed": count(sites, Verdict.FAILED), "sites_not_assessed": count(sites, Verdict.NOT_ASSESSED),
        "accounts": len(accounts), "accounts_qualified": count(accounts, Verdict.QUALIFIED),
        "accounts_failed": count(accounts, Verdict.FAILED),
        "accounts_not_assessed": count(accounts, Verdict.NOT_ASSESSED),
    }


def _rulebook_ref(value: Any) -> dict[str, Any]:
    """The rulebook block (``Rulebook.summary()``); a bare id is accepted, anything else is not one."""
    if not value:
        return dict(DEFAULT_RULEBOOK)
    if isinstance(value, str):
        return {"id": value}
    if not isinstance(value, dict):
        raise ResultError(f"结果文件的 rulebook 应为 {{id: 规则编号, title: 名称}}，实为 {type(value).__name__}")
    return dict(value)


RUN_FIELDS = ("run_id", "accounts_manual_look", "gathered")   # a scan's own additions, after the summary


@dataclass(slots=True)
class ResultDocument:
    as_of: str
    rulebook: dict[str, Any]
    sites: list[SiteEntry]
    accounts: list[AccountEntry]
    tool_version: str = "unknown"
    run: dict[str, Any] = field(default_factory=dict)      # RUN_FIELDS and any other additive field

    def to_dict(self) -> dict[str, Any]:
        sites = [s.to_dict() for s in self.sites]
        accounts = [a.to_dict() for a in self.accounts]
        return {"schema_version": SCHEMA_VERSION, "tool": {"name": "govinspect", "version": self.tool_version},
                "as_of": self.as_of, "rulebook": self.rulebook, "sites": sites, "accounts": accounts,
                "summary": compute_summary(sites, accounts), **self.run}


def build_result(*, as_of: date | str, rulebook: dict[str, Any] | str | None, sites: list[dict[str, Any]],
                 accounts: list[dict[str, Any]], tool_version: str, **run: Any) -> dict[str, Any]:
    """The result document (the one builder); ``run`` takes a scan's additions (``run_id``,
    ``accounts_manual_look``, ``gathered``). Raises :class:`ResultError` on an inconsistent entry."""
    return ResultDocument(
        as_of=_iso_date(as_of, "as_of"), rulebook=_rulebook_ref(rulebook),
        sites=[SiteEntry.read(s, i) for i, s in enumerate(sites)],
        accounts=[AccountEntry.read(a, i) for i, a in enumerate(accounts)], tool_version=str(tool_version),
        run={k: run[k] for k in RUN_FIELDS if k in run} | {k: v for k, v in run.items() if k not in RUN_FIELDS},
    ).to_dict()


# ---- reading older documents ---------------------------------------------------------------------

RulebookFacts = Callable[[str], dict[str, Any] | None]


def _complete_rulebook(block: dict[str, Any], facts: RulebookFacts | None) -> dict[str, Any]:
    """Version ≤ 1 blocks lack the veto checks, the new-media vetoes and the pass mark: take them (and any missing
    texts) from the rulebook of the same id, keeping everything the document itself says."""
    if facts is None or ("account_vetoes" in block and "fail_below" in block and all(
            isinstance(v, dict) and "checks" in v for v in (block.get("vetoes") or {}).values())):
        return block
    known = facts(str(block.get("id") or DEFAULT_RULEBOOK["id"])) or facts(DEFAULT_RULEBOOK["id"]) or {}
    out = {**known, **block}
    for key in ("indicators", "vetoes", "account_vetoes"):
        mine = block.get(key) if isinstance(block.get(key), dict) else {}
        theirs = known.get(key) or {}
        out[key] = {**theirs, **{k: {**(theirs.get(k) or {}), **v} if isinstance(v, dict) else v
                                 for k, v in mine.items()}}
    return out


def _upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring an older form to the current schema. Version 0 (no schema_version): 'date' for as_of,
    'websites' for sites, booleans 'qualified' for results (read by the entries). Version 1: the
    rulebook block without veto checks (completed by :func:`_complete_rulebook` when the caller can)."""
    version = doc.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ResultError(f"schema_version 应为整数，实为 {version!r}")
    if version > SCHEMA_VERSION:
        raise ResultError(f"该结果文件由更新版本的 govinspect 生成（schema_version={version}），"
                          f"本版本只能读取 ≤{SCHEMA_VERSION}，请升级 govinspect")
    if version == 0:
        doc = dict(doc)
        doc.setdefault("as_of", doc.get("date") or doc.get("monitoring_date"))
        doc.setdefault("sites", doc.get("websites") or [])
        doc.setdefault("accounts", doc.get("new_media") or [])
    return doc


def _parse(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ResultError(f"找不到结果文件：{path}") from None
    except OSError as exc:
        raise ResultError(f"无法读取结果文件 {path}：{exc.strerror}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ResultError(f"结果文件 {path} 不是 UTF-8 编码的 JSON") from None
    except json.JSONDecodeError as exc:
        raise ResultError(f"结果文件 {path} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
    except RecursionError:
        raise ResultError(f"结果文件 {path} 嵌套层次过深，不是 govinspect 结果") from None


_BUILT = ("schema_version", "tool", "as_of", "rulebook", "sites", "accounts", "summary")


def load_result(source: str | os.PathLike[str] | dict[str, Any],
                rulebook_facts: RulebookFacts | None = None) -> dict[str, Any]:
    """Read, upgrade and validate a result; the summary is always recomputed from the entries.
    ``rulebook_facts`` (id → ``Rulebook.summary()``) completes the rulebook block of older documents."""
    doc = source if isinstance(source, dict) else _parse(Path(source))
    if not isinstance(doc, dict):
        raise ResultError("结果文件的顶层应为 JSON 对象")
    doc = _upgrade(doc)
    if doc.get("as_of") in (None, ""):
        raise ResultError("结果文件缺少监测时间点（as_of）")
    for key in ("sites", "accounts"):
        if not isinstance(doc.get(key) or [], list):
            raise ResultError(f"结果文件的 {key} 应为列表")
    tool = doc.get("tool") if isinstance(doc.get("tool"), dict) else {}
    rulebook = _complete_rulebook(_rulebook_ref(doc.get("rulebook") or DEFAULT_RULEBOOK), rulebook_facts)
    # keep any additive top-level fields (e.g. run ids) the renderer does not know
    return build_result(as_of=doc["as_of"], rulebook=rulebook, sites=doc.get("sites") or [],
                        accounts=doc.get("accounts") or [], tool_version=tool.get("version", "unknown"),
                        **{k: v for k, v in doc.items() if k not in _BUILT})


def write_result(result: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Validated (read back through :func:`load_result`), then written atomically (temp file + rename):
    an interrupted run never leaves half a result, and no stage can write one the report refuses."""
    checked = load_result(result)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".result-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(checked, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
