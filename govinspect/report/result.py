"""The frozen result document (contract.md "Result JSON"): build, validate/upgrade, load and write.

The pipeline and ``rescore`` call :func:`build_result`; every renderer reads only what
:func:`load_result` returns, so a result from an older version or a hand-edited file either renders
exactly as its numbers say or fails with a Chinese message naming the bad entry.
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
RESULTS = ("合格", "不合格", "未能检测")
FINDING_STATUSES = ("fail", "needs_review", "error", "not_applicable")
DEFAULT_RULEBOOK = {"id": "national-2019", "title": "政府网站与政务新媒体检查指标(国办秘函〔2019〕19号)"}

# Older spellings of a result seen in hand-made or pre-contract files.
_RESULT_ALIASES = {
    "qualified": "合格", "pass": "合格", "passed": "合格", "ok": "合格", "合格": "合格",
    "unqualified": "不合格", "fail": "不合格", "failed": "不合格", "不合格": "不合格", "单项否决": "不合格",
    "error": "未能检测", "not_assessed": "未能检测", "未检测": "未能检测", "未能检测": "未能检测",
}


class ResultError(ValueError):
    """A result document that cannot be rendered; the message is for the user (Chinese)."""


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


def _result_label(entry: dict[str, Any], where: str) -> str:
    raw = entry.get("result")
    if raw is None and "qualified" in entry:          # pre-contract form: a boolean
        raw = "合格" if entry["qualified"] else "不合格"
    label = _RESULT_ALIASES.get(_text(raw).strip())
    if label is None:
        raise ResultError(f"{where}：结果应为 合格/不合格/未能检测，实为 {raw!r}")
    return label


def _finding(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ResultError(f"{where}：问题记录应为对象，实为 {type(raw).__name__}")
    if not _text(raw.get("check")).strip():
        raise ResultError(f"{where}：问题记录缺少 check（检查项编号）")
    status = _text(raw.get("status") or "fail")
    if status not in FINDING_STATUSES:
        raise ResultError(f"{where}：status 应为 {'/'.join(FINDING_STATUSES)}，实为 {status!r}")
    evidence = raw.get("evidence") or {}
    return {
        "check": _text(raw["check"]), "subject": _text(raw.get("subject")), "status": status,
        "indicator": _indicator(raw.get("indicator"), where), "veto": _bool(raw.get("veto"), False, where),
        "deduction": _number(raw.get("deduction"), f"{where}.deduction") or 0.0,
        "location": _text(raw.get("location")), "url": _text(raw.get("url")),
        "message": _text(raw.get("message")), "evidence": evidence if isinstance(evidence, dict) else {},
        "fingerprint": _text(raw.get("fingerprint")), "manual": _bool(raw.get("manual"), False, where),
    }


def _indicator(value: Any, where: str) -> str | None:
    """An indicator id (D12, V1 …) or none; the notice groups findings by it, so it must be text."""
    if isinstance(value, (list, dict, bool)):
        raise ResultError(f"{where}：indicator 应为指标编号（如 D12），实为 {type(value).__name__}")
    return _text(value).strip() or None


def _findings(entry: dict[str, Any], where: str) -> list[dict[str, Any]]:
    raw = entry.get("findings") or []
    if not isinstance(raw, list):
        raise ResultError(f"{where}：findings 应为列表")
    return [_finding(f, f"{where} 的第{i + 1}条问题") for i, f in enumerate(raw)]


def _unit_name(entry: Any, kind: str, index: int) -> str:
    if not isinstance(entry, dict):
        raise ResultError(f"第{index + 1}个{kind}应为对象，实为 {type(entry).__name__}")
    name = _name(entry.get("name"))
    if not name:
        raise ResultError(f"第{index + 1}个{kind}缺少名称（name）")
    return name


def _extra_fields(entry: dict[str, Any], where: str) -> dict[str, Any]:
    """Fields other stages add (scoring's problems, veto_rules, part2 …) pass through untouched,
    except ``problems``, which the notice prints and so must be a list of text."""
    extra = dict(entry)
    if "problems" in extra:
        problems = extra["problems"] or []
        if not isinstance(problems, list):
            raise ResultError(f"{where}：problems 应为文字列表")
        extra["problems"] = [_text(p) for p in problems if _text(p).strip()]
    return extra


def normalise_site(entry: Any, index: int) -> dict[str, Any]:
    name = _unit_name(entry, "网站", index)
    where = f"第{index + 1}个网站（{name}）"
    result = _result_label(entry, where)
    score = _number(entry.get("score"), f"{where}.score")
    vetoes = [str(v) for v in (entry.get("vetoes") or [])]
    reason = _text(entry.get("not_assessed_reason")).strip()
    if result == "未能检测":
        score = None
        reason = reason or "未记录原因"
    elif result == "合格" and vetoes:
        raise ResultError(f"{where}：存在单项否决（{'、'.join(vetoes)}），结果不能为合格")
    elif result == "合格" and score is None:
        raise ResultError(f"{where}：结果为合格但没有得分")
    if vetoes:
        score = None
    deductions = entry.get("deductions") or {}
    if not isinstance(deductions, dict):
        raise ResultError(f"{where}：deductions 应为 指标→扣分 的对象")
    return {
        **_extra_fields(entry, where),
        "site_code": _text(entry.get("site_code")).strip(), "name": name, "url": _text(entry.get("url")),
        "region": _name(entry.get("region")) or "未分组", "organizer": _name(entry.get("organizer")),
        "is_portal": _bool(entry.get("is_portal"), False, where),
        "has_services": _bool(entry.get("has_services"), True, where),
        "result": result, "score": score, "vetoes": vetoes, "not_assessed_reason": reason,
        "deductions": {str(k): _number(v, f"{where}.deductions.{k}") or 0.0 for k, v in deductions.items()},
        "bonus": _number(entry.get("bonus"), f"{where}.bonus") or 0.0,
        "findings": _findings(entry, where),
    }


def normalise_account(entry: Any, index: int) -> dict[str, Any]:
    name = _unit_name(entry, "政务新媒体", index)
    where = f"第{index + 1}个政务新媒体（{name}）"
    result = _result_label(entry, where)
    reason = _text(entry.get("not_assessed_reason")).strip()
    if result == "未能检测":
        reason = reason or "未记录原因"
    return {
        **_extra_fields(entry, where),
        "name": name, "platform": _text(entry.get("platform")).strip() or "其他",
        "organizer": _name(entry.get("organizer")), "region": _name(entry.get("region")) or "未分组",
        "result": result, "filed": _bool(entry.get("filed"), True, where), "not_assessed_reason": reason,
        "findings": _findings(entry, where),
    }


def compute_summary(sites: list[dict[str, Any]], accounts: list[dict[str, Any]]) -> dict[str, int]:
    """Counts only; every rate in the 通报 is computed from these (percent.py)."""
    def count(units: list[dict[str, Any]], label: str) -> int:
        return sum(1 for u in units if u["result"] == label)
    return {
        "sites": len(sites), "sites_qualified": count(sites, "合格"), "sites_failed": count(sites, "不合格"),
        "sites_not_assessed": count(sites, "未能检测"),
        "accounts": len(accounts), "accounts_qualified": count(accounts, "合格"),
        "accounts_failed": count(accounts, "不合格"), "accounts_not_assessed": count(accounts, "未能检测"),
    }


def _rulebook_ref(value: Any) -> dict[str, Any]:
    """``{"id": …, "title": …}``; a bare id is accepted, anything else is not a rulebook reference."""
    if not value:
        return dict(DEFAULT_RULEBOOK)
    if isinstance(value, str):
        return {"id": value}
    if not isinstance(value, dict):
        raise ResultError(f"结果文件的 rulebook 应为 {{id: 规则编号, title: 名称}}，实为 {type(value).__name__}")
    return dict(value)


def build_result(*, as_of: date | str, rulebook: dict[str, Any], sites: list[dict[str, Any]],
                 accounts: list[dict[str, Any]], tool_version: str) -> dict[str, Any]:
    """The result document for a run; raises :class:`ResultError` on an inconsistent entry."""
    norm_sites = [normalise_site(s, i) for i, s in enumerate(sites)]
    norm_accounts = [normalise_account(a, i) for i, a in enumerate(accounts)]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "govinspect", "version": str(tool_version)},
        "as_of": _iso_date(as_of, "as_of"),
        "rulebook": _rulebook_ref(rulebook),
        "sites": norm_sites,
        "accounts": norm_accounts,
        "summary": compute_summary(norm_sites, norm_accounts),
    }


def _upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring an older form to schema 1. Version 0 (no schema_version): 'date' for as_of,
    'websites' for sites, booleans 'qualified' for results (handled in normalise_*)."""
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


def load_result(source: str | os.PathLike[str] | dict[str, Any]) -> dict[str, Any]:
    """Read, upgrade and validate a result; the summary is always recomputed from the entries."""
    if isinstance(source, dict):
        doc = source
    else:
        path = Path(source)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ResultError(f"找不到结果文件：{path}") from None
        except OSError as exc:
            raise ResultError(f"无法读取结果文件 {path}：{exc.strerror}") from None
        try:
            doc = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ResultError(f"结果文件 {path} 不是 UTF-8 编码的 JSON") from None
        except json.JSONDecodeError as exc:
            raise ResultError(f"结果文件 {path} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
        except RecursionError:
            raise ResultError(f"结果文件 {path} 嵌套层次过深，不是 govinspect 结果") from None
    if not isinstance(doc, dict):
        raise ResultError("结果文件的顶层应为 JSON 对象")
    doc = _upgrade(doc)
    if doc.get("as_of") in (None, ""):
        raise ResultError("结果文件缺少监测时间点（as_of）")
    for key in ("sites", "accounts"):
        if not isinstance(doc.get(key) or [], list):
            raise ResultError(f"结果文件的 {key} 应为列表")
    tool = doc.get("tool") if isinstance(doc.get("tool"), dict) else {}
    built = build_result(as_of=doc["as_of"], rulebook=doc.get("rulebook") or DEFAULT_RULEBOOK,
                         sites=doc.get("sites") or [], accounts=doc.get("accounts") or [],
                         tool_version=tool.get("version", "unknown"))
    # keep any additive top-level fields (e.g. run ids) the renderer does not know
    for key, value in doc.items():
        built.setdefault(key, value)
    return built


def write_result(result: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Atomic write (temp file + rename): an interrupted run never leaves half a result."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".result-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
