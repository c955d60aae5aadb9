"""A unit's findings grouped by check and cause, so a reviewer decides 16 暗链 of one kind at once.

The cause comes from the finding's evidence (never from its status), so a group keeps its findings — and
its place on the page — whatever is decided: a dismissed finding stays in its group, struck through.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from govinspect.model.check_ids import ACCOUNT_CHECKS, WEBSITE_CHECKS
from govinspect.model.result import Verdict
from govinspect.web.check_names import NAMES, check_name
from govinspect.web.evidence_display import VALUES, value_text

OPEN = ("fail", "needs_review")


def _spam_links(ev: dict[str, Any]) -> str:
    kinds = value_text("categories", ev.get("categories") or []) or "违规"
    hidden = bool(ev.get("hiding")) or bool(ev.get("js_written"))
    return f"{'隐藏的' if hidden else '未隐藏的'}{kinds}类链接"


def _enum(key: str, suffix: str = "") -> Callable[[dict[str, Any]], str]:
    def cause(ev: dict[str, Any]) -> str:
        value = ev.get(key)
        return f"{VALUES[key].get(value, value)}{suffix}" if isinstance(value, str) and value else ""
    return cause


# check id → the evidence that tells its causes apart (checks not listed: one cause per check)
CAUSES: dict[str, Callable[[dict[str, Any]], str]] = {
    "hidden_spam_links": _spam_links,
    "injected_spam_text": _enum("form"),
    "serious_wording_errors": _enum("kind"),
    "account_wording_errors": _enum("kind"),
    "broken_links": lambda ev: "首页上的链接" if ev.get("on_homepage") else "其他页面上的链接",
    "stale_columns": _enum("column_type", "栏目"),
    "unlinked_interpretations": _enum("direction"),
}
CHECK_ORDER = {c: i for i, c in enumerate((*WEBSITE_CHECKS, *ACCOUNT_CHECKS))}


def cause_of(f: dict[str, Any]) -> str:
    ev = f.get("evidence") or {}
    if f.get("manual"):
        return "人工录入"
    if f.get("status") == "error":
        missing = ev.get("missing")
        if isinstance(missing, list) and missing:
            return f"{Verdict.NOT_ASSESSED}：缺少{value_text('missing', missing)}数据"
        return Verdict.NOT_ASSESSED.value
    cause = CAUSES[f["check"]](ev) if f.get("check") in CAUSES else ""
    if ev.get("sampled") is False:
        cause = "、".join(c for c in (cause, "未在抽样范围内") if c)
    return cause


def group_id(check: str, cause: str) -> str:
    return hashlib.sha1(f"{check}|{cause}".encode()).hexdigest()[:12]


def can_confirm(f: dict[str, Any]) -> bool:
    review = f.get("review") or {}
    return (not f.get("dismissed") and not f.get("manual") and f.get("status") in OPEN
            and review.get("action") != "confirm")


def can_dismiss(f: dict[str, Any]) -> bool:
    return not f.get("dismissed") and not f.get("manual") and f.get("status") in OPEN


def group_findings(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Finding views (see unit_panel.finding_views) → groups in a fixed order, each with its counts."""
    groups: dict[str, dict[str, Any]] = {}
    for f in views:
        cause = cause_of(f)
        gid = group_id(str(f.get("check")), cause)
        check = str(f.get("check"))
        group = groups.setdefault(gid, {"id": gid, "check": check, "name": NAMES.get(check) or check_name(check),
                                        "cause": cause, "findings": [], "manual": bool(f.get("manual"))})
        group["findings"].append(f)
    for group in groups.values():
        items = group["findings"]
        items.sort(key=lambda f: (str(f.get("location") or ""), str(f.get("subject_text") or ""),
                                  str(f.get("fingerprint") or "")))
        group.update(
            confirmable=[f["fingerprint"] for f in items if can_confirm(f)],
            dismissable=[f["fingerprint"] for f in items if can_dismiss(f)],
            veto=any(f.get("veto") and not f.get("dismissed") for f in items),
            counts={"total": len(items),
                    "fail": sum(1 for f in items if f.get("status") == "fail" and not f.get("dismissed")),
                    "needs_review": sum(1 for f in items if f.get("status") == "needs_review"),
                    "error": sum(1 for f in items if f.get("status") == "error"),
                    "dismissed": sum(1 for f in items if f.get("dismissed")),
                    "unreviewed": sum(1 for f in items if f.get("status") in OPEN and not f.get("review")
                                      and not f.get("manual"))})
    return sorted(groups.values(), key=lambda g: (g["manual"], CHECK_ORDER.get(str(g["check"]), len(CHECK_ORDER)),
                                                  str(g["check"]), g["cause"]))


def find_group(groups: list[dict[str, Any]], gid: str) -> dict[str, Any] | None:
    return next((g for g in groups if g["id"] == gid), None)


def group_of(groups: list[dict[str, Any]], fingerprint: str) -> dict[str, Any] | None:
    return next((g for g in groups if any(f.get("fingerprint") == fingerprint for f in g["findings"])), None)
