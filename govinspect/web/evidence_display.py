"""Evidence in Chinese: labels and enum values from the one table (evidence_labels.json), dates as YYYY-MM-DD.

Everything returned is plain text; the templates escape it (crawled strings are never markup).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from govinspect.model.check_ids import FOOTER_ITEM_NAMES

_TABLE: dict[str, Any] = json.loads(Path(__file__).with_name("evidence_labels.json").read_text("utf-8"))
LABELS: dict[str, str] = _TABLE["labels"]
LABELS_BY_CHECK: dict[str, dict[str, str]] = _TABLE["labels_by_check"]
VALUES: dict[str, dict[str, str]] = {**_TABLE["values"], "item": dict(FOOTER_ITEM_NAMES)}
PERCENT_KEYS = {"ratio", "type_confidence"}

_DOTTED = re.compile(r"\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b")
_DOTTED_RANGE = re.compile(r"(\d{4}\.\d{1,2}\.\d{1,2})-(\d{4}\.\d{1,2}\.\d{1,2})")
_ISO_TIME = re.compile(r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def iso_dates(text: str) -> str:
    """2020.6.18-2020.7.17 → 2020-06-18 至 2020-07-17; 2026-12-07T12:20:29.871+08:00 → 2026-12-07 12:20:29;
    07/17/2020 → 2020-07-17."""
    text = _DOTTED_RANGE.sub(r"\1 至 \2", text)
    text = _DOTTED.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text)
    text = _ISO_TIME.sub(lambda m: f"{m[1]} {m[2]}", text)
    return _SLASHED.sub(lambda m: f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}", text)


def label(key: str, check: str = "") -> str:
    return LABELS_BY_CHECK.get(check, {}).get(key) or LABELS.get(key, key)


def value_text(key: str, value: Any, check: str = "") -> str:
    """One evidence value as a Chinese line (lists: one entry per line, or joined with 、 when short)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return f"{value * 100:.0f}%" if key in PERCENT_KEYS and isinstance(value, float) else f"{value:g}"
    if isinstance(value, str):
        return iso_dates(VALUES.get(key, {}).get(value, value))
    if isinstance(value, dict):
        return "；".join(f"{label(k, check)}：{value_text(k, v, check)}" for k, v in value.items()
                        if v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        parts = [value_text(key, v, check) for v in value]
        short = all(isinstance(v, str) and len(v) <= 24 and "://" not in v for v in value)
        return ("、" if short else "\n").join(p for p in parts if p)
    return str(value)


def evidence_rows(evidence: dict[str, Any], check: str, skip: set[str]) -> list[tuple[str, str]]:
    rows = [(label(k, check), value_text(k, v, check)) for k, v in evidence.items() if k not in skip]
    return [(k, v) for k, v in rows if v]


def subject_text(f: dict[str, Any]) -> str:
    """The subject as a reviewer reads it: footer item names, YYYY-MM-DD periods, no internal suffixes."""
    subject = str(f.get("subject") or "")
    if f.get("check") == "missing_footer_items":
        return FOOTER_ITEM_NAMES.get(subject, subject)
    head, sep, tail = subject.rpartition("|")
    if sep and tail in VALUES["direction"]:
        subject = f"{head}（{VALUES['direction'][tail]}）"
    return iso_dates(subject)


def message_text(f: dict[str, Any]) -> str:
    """The check's message with internal artifact names (未能检测：缺少采集数据（columns）) in Chinese."""
    message = str(f.get("message") or "")
    missing = (f.get("evidence") or {}).get("missing")
    if isinstance(missing, list) and missing and all(isinstance(m, str) for m in missing):
        raw = f"（{', '.join(missing)}）"
        message = message.replace(raw, f"（{value_text('missing', missing)}）")
    return iso_dates(message)
