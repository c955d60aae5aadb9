"""Confirm / dismiss a finding, add a manual finding, enter 加分 — appended as decisions; re-scored at once."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from govinspect.web.check_names import MANUAL_INDICATORS
from govinspect.web.page_render import render
from govinspect.web.review_overlay import rulebook_id
from govinspect.web.rulebook_choices import indicator_choices
from govinspect.web.run_data import find_unit, load_reviewed
from govinspect.web.security import current_user, require_reviewer
from govinspect.web.unit_panel import unit_context

router = APIRouter()
MAX_TEXT = 2000


def unit_url(run_id: str, kind: str, key: str) -> str:
    return f"/runs/{quote(run_id)}/{'sites' if kind == 'site' else 'accounts'}/{quote(key, safe='')}"


def _text(form: Any, name: str, required: str = "") -> str:
    value = str(form.get(name) or "").strip()[:MAX_TEXT]
    if required and not value:
        raise ValueError(required)
    return value


def _points(form: Any, name: str, low: float, high: float, label: str) -> float | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{label}应为数字") from None
    if not low <= value <= high:
        raise ValueError(f"{label}应在 {low:g} 到 {high:g} 之间")
    return value


def decision_from_form(form: Any, unit: dict[str, Any], kind: str, run_id: str, indicators: set[str]
                       ) -> dict[str, Any]:
    """The decision row to append, or ValueError with a Chinese message."""
    action = _text(form, "action")
    reason = _text(form, "reason")
    if action in ("confirm", "dismiss"):
        fp = _text(form, "fingerprint", "缺少问题编号")
        known = {f.get("fingerprint"): f for f in (unit.get("findings") or []) + (unit.get("dismissed_findings") or [])}
        if fp not in known:
            raise ValueError("该问题不属于本单位")
        if known[fp].get("status") == "error":
            # the page offers no buttons here: dismissing 未能检测 would turn an uninspected unit into 合格
            raise ValueError("未能检测的项目不能确认或忽略；人工核查后请录入人工问题")
        if action == "dismiss" and not reason:
            raise ValueError("忽略问题必须填写理由")
        return {"action": action, "fingerprint": fp, "reason": reason, "payload": {"run_id": run_id}}
    if action == "add":
        check = _text(form, "check") or "manual"
        indicator = _text(form, "indicator") or (MANUAL_INDICATORS.get(check, "") if kind == "site" else "")
        if indicator and indicator not in indicators:
            raise ValueError("所选指标不在本批次的评分规则中")
        payload = {"run_id": run_id, "check": check, "indicator": indicator,
                   "subject": _text(form, "subject", "请填写问题对象"),
                   "location": _text(form, "location"), "url": _text(form, "url"),
                   "message": _text(form, "message", "请填写问题描述"),
                   "deduction": _points(form, "deduction", 0, 100, "扣分"), "veto": form.get("veto") == "on"}
        if payload["deduction"] is None:
            del payload["deduction"]           # the rulebook's points for the indicator
        return {"action": "add", "fingerprint": None, "reason": reason, "payload": payload}
    if action == "bonus":
        if kind != "site" or not unit.get("is_portal"):
            raise ValueError("加分项只适用于政府门户网站")
        points = _points(form, "points", 0.1, 30, "加分")
        if points is None:
            raise ValueError("请填写加分分值")
        payload = {"run_id": run_id, "item": _text(form, "item", "请填写加分事项"), "points": points}
        return {"action": "bonus", "fingerprint": None, "reason": reason, "payload": payload}
    raise ValueError("未知操作")


@router.post("/runs/{run_id}/review/{kind}")
async def review(request: Request, run_id: str, kind: str, user: dict[str, Any] = Depends(current_user)) -> Response:
    store = request.app.state.store
    form = await request.form()
    key = str(form.get("key") or "")
    _run, doc = await load_reviewed(request, run_id)
    unit = find_unit(user, doc, kind, key)
    require_reviewer(user)
    error = ""
    try:
        indicators = {i for i, _ in indicator_choices(rulebook_id(doc))}
        d = decision_from_form(form, unit, kind, run_id, indicators)
        await store.append_decision(unit_key=key, who=user["username"], **d)
    except ValueError as exc:
        error = str(exc)
    if not request.headers.get("HX-Request"):
        if error:
            raise HTTPException(400, error)
        return RedirectResponse(unit_url(run_id, kind, key), status_code=303)
    run, doc = await load_reviewed(request, run_id)
    ctx = await unit_context(store, user, run, kind, key, find_unit(user, doc, kind, key))
    return render(request, "unit_panel.html", {**ctx, "error": error})
