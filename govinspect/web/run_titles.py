"""A run as a reviewer names it: "2020年第三季度 全市抽查" and the rulebook's Chinese name, not machine ids.

The period is the result's ``period`` when it carries one, else the quarter of its 监测时间点 (``as_of``); the
scope is the result's ``scope`` when it carries one, else read from the units' regions (one 县市区 → that
region, several → 全市, as the 通报 says by default).
"""
from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from govinspect.scoring.rulebook import RulebookError, load_rulebook

CN_QUARTERS = "一二三四"
CITY_LEVEL = {"市直", "市本级", "市级"}


def period_label(as_of: Any, period: Any = None) -> str:
    if isinstance(period, str) and period.strip():
        return period.strip()
    try:
        day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of)[:10])
    except ValueError:
        return "监测时间点不明"
    return f"{day.year}年第{CN_QUARTERS[(day.month - 1) // 3]}季度"


def scope_label(regions: set[str] | list[str], scope: Any = None) -> str:
    if isinstance(scope, str) and scope.strip():
        return scope.strip()
    named = {r for r in regions if r}
    if len(named) == 1:
        (only,) = named
        return "市直部门抽查" if only in CITY_LEVEL else f"{only}抽查"
    return "全市抽查"


@cache
def _rulebook_title(rulebook: str) -> str:
    try:
        return load_rulebook(rulebook).title or ""
    except (RulebookError, OSError):
        return ""


def rulebook_name(rulebook: str, title: Any = None) -> str:
    """The rulebook's Chinese title: from the result, else from the rulebook file; the id only as a last resort."""
    if isinstance(title, str) and title.strip():
        return title.strip()
    return _rulebook_title(str(rulebook or "")) or f"评分规则 {rulebook}"


def run_heading(run: dict[str, Any], heading: dict[str, Any]) -> dict[str, str]:
    """``run``: a runs row (id, as_of, rulebook); ``heading``: scope, period, rulebook_title, regions."""
    period = period_label(run.get("as_of"), heading.get("period"))
    scope = scope_label(heading.get("regions") or set(), heading.get("scope"))
    return {"title": f"{period} {scope}", "period": period, "scope": scope,
            "rulebook": rulebook_name(str(run.get("rulebook") or ""), heading.get("rulebook_title")),
            "as_of": str(run.get("as_of") or "")[:10]}


def doc_heading(run: dict[str, Any], doc: dict[str, Any]) -> dict[str, str]:
    """The same heading from a loaded result document."""
    regions = {str(u.get("region") or "") for u in (doc.get("sites") or []) + (doc.get("accounts") or [])}
    return run_heading({**run, "as_of": doc.get("as_of") or run.get("as_of")},
                       {"scope": doc.get("scope"), "period": doc.get("period"), "regions": regions,
                        "rulebook_title": (doc.get("rulebook") or {}).get("title")})


def batch_label(batch: str) -> str:
    """A 通报 batch directory (20200723-101502-123456) as 2020-07-23 10:15:02 (UTC)."""
    digits = batch.replace("-", "")
    if len(digits) >= 14 and digits[:14].isdigit():
        d = digits
        return f"{d[:4]}-{d[4:6]}-{d[6:8]} {d[8:10]}:{d[10:12]}:{d[12:14]}（UTC）"
    return batch
