"""What a unit page shows: findings with their evidence, review state, history and forms."""
from __future__ import annotations

from typing import Any

from govinspect.model.check_ids import ACCOUNT_CHECKS, WEBSITE_CHECKS
from govinspect.model.result import DEFAULT_RULEBOOK
from govinspect.store import Store
from govinspect.web.check_names import MANUAL_KINDS, check_name
from govinspect.web.evidence_display import evidence_rows, message_text, subject_text, value_text
from govinspect.web.finding_groups import group_findings
from govinspect.web.review_overlay import applies_to_run
from govinspect.web.rulebook_choices import indicator_choices
from govinspect.web.unit_filters import counts

HTML_KEYS = ("html", "snippet", "html_snippet", "snapshot_html", "region_html")
SEEN_KEYS = ("text", "seen", "text_seen", "context", "anchor", "shown_date", "date", "date_seen", "newest_date",
             "newest")
STATUS_KEYS = ("status", "http_status")
MAX_SNAPSHOT = 20_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
DECISION_NOTES = {"restore": "已恢复为问题", "add": "已录入人工问题", "bonus": "已录入加分项"}


def evidence_view(evidence: dict[str, Any], check: str = "") -> dict[str, Any]:
    """Split evidence into the parts the page shows specially; everything stays plain data (escaped later)."""
    def first(keys: tuple[str, ...]) -> tuple[str, Any]:
        for k in keys:
            if evidence.get(k) not in (None, ""):
                return k, evidence[k]
        return "", None

    html_key, html = first(HTML_KEYS)
    seen_key, seen = first(SEEN_KEYS)
    status_key, status = first(STATUS_KEYS)
    shot = evidence.get("screenshot")
    used = {html_key, seen_key, status_key, "screenshot", "review"}
    rows = evidence_rows(evidence, check, used)
    html_text = str(html)[:MAX_SNAPSHOT] if isinstance(html, str) else ""
    return {"html": html_text, "html_truncated": isinstance(html, str) and len(html) > MAX_SNAPSHOT,
            "seen": value_text(seen_key, seen, check), "seen_key": seen_key,
            "status": "" if status is None else str(status),
            "screenshot": isinstance(shot, str) and shot.lower().endswith(IMAGE_SUFFIXES), "rows": rows}


def finding_views(unit: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for dismissed, items in ((False, unit.get("findings")), (True, unit.get("dismissed_findings"))):
        for f in items or []:
            subject = subject_text(f)
            out.append({**f, "ev": evidence_view(f.get("evidence") or {}, str(f.get("check") or "")),
                        "dismissed": dismissed, "subject_text": subject, "message_text": message_text(f),
                        # 问题对象 and 位置 / 页面地址 are often the same path or URL: say it once
                        "show_location": bool(f.get("location")) and f.get("location") != subject,
                        "show_url": bool(f.get("url")) and f.get("url") != subject})
    return out


def manual_choices(kind: str) -> list[tuple[str, str]]:
    """Kinds a reviewer may record by hand: the indicators no check automates, then the unit's check ids."""
    checks = WEBSITE_CHECKS if kind == "site" else ACCOUNT_CHECKS
    extra = list(MANUAL_KINDS.items()) if kind == "site" else [("manual", MANUAL_KINDS["manual"])]
    return extra + [(c, check_name(c)) for c in checks]


def decision_note(action: str, count: int) -> str:
    """The message shown where the reviewer clicked (bulk or single decision)."""
    if action == "confirm":
        return f"已确认 {count} 项问题"
    if action == "dismiss":
        return f"已忽略 {count} 项问题，不计入得分和通报"
    return DECISION_NOTES.get(action, "已保存")


async def unit_context(store: Store, user: dict[str, Any], run: dict[str, Any], kind: str, key: str,
                       unit: dict[str, Any], recheck: dict[str, Any] | None = None,
                       feedback: dict[str, Any] | None = None) -> dict[str, Any]:
    """``feedback`` ({group, text, error, fingerprints}) opens that group and shows the text at its top."""
    views = finding_views(unit)
    indicators = indicator_choices(run.get("rulebook") or DEFAULT_RULEBOOK["id"])
    labels = {f["fingerprint"]: f"{check_name(f['check'])}：{f['subject_text']}" for f in views}
    history = [{**d, "at": d["at"].strftime("%Y-%m-%d %H:%M:%S") if hasattr(d["at"], "strftime") else d["at"],
                "what": labels.get(d["fingerprint"] or "", d["fingerprint"] or d["payload"].get("subject")
                                   or d["payload"].get("item") or "")}
               for d in await store.list_decisions(key) if applies_to_run(d, run["id"])]
    return {"user": user, "run": run, "kind": kind, "key": key, "unit": unit, "counts": counts(unit),
            "findings": views, "groups": group_findings(views), "history": history, "recheck": recheck,
            "feedback": feedback or {}, "indicator_titles": dict(indicators),
            "can_review": user["role"] in ("admin", "reviewer"), "manual_choices": manual_choices(kind),
            "indicators": indicators if kind == "site" else []}
