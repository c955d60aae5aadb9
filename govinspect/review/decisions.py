"""Reviewers' decisions: an append-only log keyed by unit and finding fingerprint.

Actions (the ``decisions`` table of the store uses the same words):
- ``confirm``  a finding (by fingerprint) is right: a ``needs_review`` finding becomes ``fail``;
- ``dismiss``  a finding (by fingerprint) is wrong: it stays in the result as ``not_applicable`` with the reason;
- ``add``      a manual finding: ``check`` or ``indicator``, ``subject``, ``location``, optional ``deduction``
               (total points, overrides the rulebook) or ``count`` (items, × the indicator's points), ``veto``;
- ``bonus``    a 加分 entry: ``item``, ``points`` (only portals above 80 get it; capped by the rulebook).
Later decisions on the same fingerprint win.

File form (YAML or JSON)::

    decisions:
      - {unit: "4212000001", action: dismiss, fingerprint: "3f2a…", reason: 栏目为历史专题, who: 张三}
      - unit: "4212000001"
        action: add
        finding: {indicator: D1, subject: 概况信息, location: 首页>走进咸宁, count: 1, message: 概况类信息不准确}
      - {unit: "4212000001", action: bonus, item: 解读形式创新, points: 2}
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govinspect.model.check_ids import ALL_CHECKS

ACTIONS = ("confirm", "dismiss", "add", "bonus")


class DecisionError(ValueError):
    """A decision that cannot be applied; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Decision:
    unit_key: str
    action: str
    fingerprint: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    who: str = ""
    at: str = ""


def _decision(raw: Any, where: str) -> Decision:
    if not isinstance(raw, dict):
        raise DecisionError(f"{where}：应为对象，实为 {type(raw).__name__}")
    unit = str(raw.get("unit") or raw.get("unit_key") or "").strip()
    action = str(raw.get("action") or "").strip()
    if not unit:
        raise DecisionError(f"{where}：缺少 unit（网站标识码或新媒体账号键）")
    if action not in ACTIONS:
        raise DecisionError(f"{where}：action 应为 {'/'.join(ACTIONS)}，实为 {action!r}")
    payload = raw.get("payload")
    if payload is None:
        payload = raw.get("finding") if action == "add" else {k: raw[k] for k in ("item", "points") if k in raw}
    if isinstance(payload, str):
        try:
            payload = json.loads(payload or "{}")
        except json.JSONDecodeError as exc:
            raise DecisionError(f"{where}：payload 不是有效的 JSON（{exc.msg}，第{exc.pos + 1}个字符）") from None
    if not isinstance(payload, dict):
        raise DecisionError(f"{where}：payload/finding 应为对象")
    fp = raw.get("fingerprint") or None
    if action in ("confirm", "dismiss") and not fp:
        raise DecisionError(f"{where}：{action} 需要 fingerprint（问题指纹）")
    if action == "add" and not (payload.get("check") or payload.get("indicator")):
        raise DecisionError(f"{where}：人工问题需要 check（检查项）或 indicator（指标编号）")
    if action == "add" and not payload.get("subject"):
        raise DecisionError(f"{where}：人工问题需要 subject（问题对象）")
    if action == "bonus" and not isinstance(payload.get("points"), (int, float)):
        raise DecisionError(f"{where}：加分需要 points（分值）")
    at = raw.get("at")
    return Decision(unit, action, fp, payload, str(raw.get("reason") or ""), str(raw.get("who") or ""),
                    at.isoformat() if hasattr(at, "isoformat") else str(at or ""))


def parse_decisions(rows: Iterable[Any], source: str = "复核决定") -> list[Decision]:
    return [_decision(r, f"{source} 第{i + 1}条") for i, r in enumerate(rows)]


def load_decisions(path: str | Path) -> list[Decision]:
    """A decisions file (YAML or JSON): a list, or an object with a ``decisions`` list."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DecisionError(f"复核决定文件不存在：{p}") from None
    except UnicodeDecodeError:
        raise DecisionError(f"复核决定文件 {p} 不是 UTF-8 编码，请另存为 UTF-8 后重试") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DecisionError(f"复核决定文件 {p} 无法解析：{exc}") from None
    except RecursionError:
        raise DecisionError(f"复核决定文件 {p} 嵌套层次过深，无法解析") from None
    rows = data.get("decisions") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise DecisionError(f"复核决定文件 {p} 应为列表，或含 decisions 列表的对象")
    decisions = parse_decisions(rows, str(p))
    for i, d in enumerate(decisions):
        check = str(d.payload.get("check") or "")
        # a typo in a hand-written file would otherwise add a finding no rulebook scores
        if d.action == "add" and check and check not in ALL_CHECKS and not d.payload.get("indicator"):
            raise DecisionError(f"{p} 第{i + 1}条：未知的检查项编号 {check!r}；请使用检查项编号，或给出 indicator（指标编号）")
    return decisions


def from_store_rows(rows: Iterable[dict[str, Any]]) -> list[Decision]:
    """Rows of ``Store.list_decisions()`` (unit_key, fingerprint, action, payload, reason, who, at)."""
    return parse_decisions(rows, "数据库复核记录")
