"""What a unit page shows: findings with their evidence, review state, history and forms."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govinspect.model.check_ids import ACCOUNT_CHECKS, FOOTER_ITEM_NAMES, WEBSITE_CHECKS
from govinspect.store import Store
from govinspect.web.check_names import MANUAL_KINDS, check_name
from govinspect.web.review_overlay import DEFAULT_RULEBOOK, applies_to_run
from govinspect.web.rulebook_choices import indicator_choices
from govinspect.web.unit_filters import counts

HTML_KEYS = ("html", "snippet", "html_snippet", "snapshot_html", "region_html")
SEEN_KEYS = ("text", "seen", "text_seen", "context", "anchor", "shown_date", "date", "date_seen", "newest_date",
             "newest")
STATUS_KEYS = ("status", "http_status")
MAX_SNAPSHOT = 20_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# Chinese labels for the evidence keys the checks write (unknown keys are shown as they are)
EVIDENCE_LABELS: dict[str, str] = json.loads((Path(__file__).with_name("evidence_labels.json")).read_text("utf-8"))


def evidence_view(evidence: dict[str, Any]) -> dict[str, Any]:
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
    rows = [(EVIDENCE_LABELS.get(k, k), _shown(v)) for k, v in evidence.items() if k not in used and v is not None]
    html_text = str(html)[:MAX_SNAPSHOT] if isinstance(html, str) else ""
    return {"html": html_text, "html_truncated": isinstance(html, str) and len(html) > MAX_SNAPSHOT,
            "seen": "" if seen is None else str(seen), "seen_key": seen_key,
            "status": "" if status is None else str(status),
            "screenshot": isinstance(shot, str) and shot.lower().endswith(IMAGE_SUFFIXES), "rows": rows}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return "\n".join(str(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def subject_text(f: dict[str, Any]) -> str:
    subject = str(f.get("subject") or "")
    if f.get("check") == "missing_footer_items":
        return FOOTER_ITEM_NAMES.get(subject, subject)
    return subject


def finding_views(unit: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for dismissed, items in ((False, unit.get("findings")), (True, unit.get("dismissed_findings"))):
        for f in items or []:
            out.append({**f, "ev": evidence_view(f.get("evidence") or {}), "dismissed": dismissed,
                        "subject_text": subject_text(f)})
    return out


def manual_choices(kind: str) -> list[tuple[str, str]]:
    """Kinds a reviewer may record by hand: the indicators no check automates, then the unit's check ids."""
    checks = WEBSITE_CHECKS if kind == "site" else ACCOUNT_CHECKS
    extra = list(MANUAL_KINDS.items()) if kind == "site" else [("manual", MANUAL_KINDS["manual"])]
    return extra + [(c, check_name(c)) for c in checks]


async def unit_context(store: Store, user: dict[str, Any], run: dict[str, Any], kind: str, key: str,
                       unit: dict[str, Any], recheck: dict[str, Any] | None = None) -> dict[str, Any]:
    views = finding_views(unit)
    labels = {f["fingerprint"]: f"{check_name(f['check'])}：{f['subject_text']}" for f in views}
    history = [{**d, "at": d["at"].strftime("%Y-%m-%d %H:%M:%S") if hasattr(d["at"], "strftime") else d["at"],
                "what": labels.get(d["fingerprint"] or "", d["fingerprint"] or d["payload"].get("subject")
                                   or d["payload"].get("item") or "")}
               for d in await store.list_decisions(key) if applies_to_run(d, run["id"])]
    return {"user": user, "run": run, "kind": kind, "key": key, "unit": unit, "counts": counts(unit),
            "findings": views, "history": history, "recheck": recheck,
            "can_review": user["role"] in ("admin", "reviewer"), "manual_choices": manual_choices(kind),
            "indicators": indicator_choices(run.get("rulebook") or DEFAULT_RULEBOOK) if kind == "site" else []}
