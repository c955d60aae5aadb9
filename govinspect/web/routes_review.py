"""Confirm / dismiss a finding, add a manual finding, enter 加分 — appended as decisions; re-scored at once."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from govinspect.model.result import Verdict
from govinspect.web.finding_groups import find_group, group_findings, group_of
from govinspect.web.page_render import render
from govinspect.web.review_overlay import rulebook_id
from govinspect.web.rulebook_choices import indicator_choices, manual_indicators
from govinspect.web.run_data import find_unit, load_reviewed
from govinspect.web.security import current_user, require_reviewer
from govinspect.web.unit_panel import decision_note, finding_views, unit_context

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


def decision_from_form(form: Any, unit: dict[str, Any], kind: str, run_id: str, indicators: set[str],
                       manual: dict[str, str] | None = None) -> dict[str, Any]:
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
            raise ValueError(f"{Verdict.NOT_ASSESSED}的项目不能确认或忽略；人工核查后请录入人工问题")
        if action == "dismiss" and not reason:
            raise ValueError("忽略问题必须填写理由")
        return {"action": action, "fingerprint": fp, "reason": reason, "payload": {"run_id": run_id}}
    if action == "add":
        check = _text(form, "check") or "manual"
        indicator = _text(form, "indicator") or ((manual or {}).get(check, "") if kind == "site" else "")
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
    error, action = "", str(form.get("action") or "")
    fp = str(form.get("fingerprint") or "")
    restoring = action == "confirm" and fp in {f.get("fingerprint") for f in unit.get("dismissed_findings") or []}
    try:
        indicators = {i for i, _ in indicator_choices(rulebook_id(doc))}
        d = decision_from_form(form, unit, kind, run_id, indicators, manual_indicators(rulebook_id(doc)))
        await store.append_decision(unit_key=key, who=user["username"], **d)
    except ValueError as exc:
        error = str(exc)
    if action in ("confirm", "dismiss"):
        gid = group_id_of(unit, fp)
        note = decision_note("restore" if restoring else action, 1)
        return await _answer(request, run_id, kind, key, user, gid, note, error, [fp], "restore" if restoring else action)
    if not request.headers.get("HX-Request"):
        if error:
            raise HTTPException(400, error)
        return RedirectResponse(unit_url(run_id, kind, key) + f"?a={action}#{action}-form", status_code=303)
    run, doc = await load_reviewed(request, run_id)
    feedback = {"group": action, "text": error or decision_note(action, 1), "error": bool(error)}
    ctx = await unit_context(store, user, run, kind, key, find_unit(user, doc, kind, key), feedback=feedback)
    return render(request, "unit_panel.html", ctx)


@router.post("/runs/{run_id}/review/{kind}/group")
async def review_group(request: Request, run_id: str, kind: str, user: dict[str, Any] = Depends(current_user)
                       ) -> Response:
    """Confirm or dismiss every open finding of one group (check + cause) with one reason: one decision each."""
    store = request.app.state.store
    form = await request.form()
    key, gid = str(form.get("key") or ""), str(form.get("group") or "")
    _run, doc = await load_reviewed(request, run_id)
    unit = find_unit(user, doc, kind, key)
    require_reviewer(user)
    action, reason = str(form.get("action") or ""), str(form.get("reason") or "").strip()[:MAX_TEXT]
    error, chosen = "", []
    group = find_group(group_findings(finding_views(unit)), gid)
    if group is None:
        error = "该组问题已不存在，请刷新页面"
    elif action not in ("confirm", "dismiss"):
        error = "未知操作"
    elif action == "dismiss" and not reason:
        error = "批量忽略必须填写理由"
    else:
        eligible = group["confirmable"] if action == "confirm" else group["dismissable"]
        shown = set(form.getlist("fingerprint"))          # decide only what the reviewer saw
        chosen = [fp for fp in eligible if not shown or fp in shown]
        if not chosen:
            error = "该组没有可以" + ("确认" if action == "confirm" else "忽略") + "的问题"
    for fp in chosen if not error else []:
        await store.append_decision(unit_key=key, who=user["username"], action=action, fingerprint=fp,
                                    reason=reason, payload={"run_id": run_id})
    return await _answer(request, run_id, kind, key, user, gid, decision_note(action, len(chosen)), error,
                         chosen, action)


async def _answer(request: Request, run_id: str, kind: str, key: str, user: dict[str, Any], gid: str, note: str,
                  error: str, fingerprints: list[str], action: str) -> Response:
    """htmx: the group re-rendered in place (open, with the message) plus the unit's head and history out of
    band; without JavaScript: back to the unit page at that group (#g-…), which shows the same message."""
    if not request.headers.get("HX-Request"):
        if error:
            raise HTTPException(400, error)
        query = urlencode({"g": gid, "a": action, "n": len(fingerprints)})
        return RedirectResponse(f"{unit_url(run_id, kind, key)}?{query}#g-{gid}", status_code=303)
    run, doc = await load_reviewed(request, run_id)
    feedback = {"group": gid, "text": error or note, "error": bool(error), "fingerprints": set(fingerprints)}
    ctx = await unit_context(request.app.state.store, user, run, kind, key, find_unit(user, doc, kind, key),
                             feedback=feedback)
    group = find_group(ctx["groups"], gid)
    if group is None:                      # a stale page: the whole panel, the message in its head
        response = render(request, "unit_panel.html", {**ctx, "feedback": {**feedback, "group": "head"}})
        response.headers.update({"HX-Retarget": "#unit-panel", "HX-Reswap": "outerHTML"})
        return response
    return render(request, "decision_answer.html", {**ctx, "g": group})


def group_id_of(unit: dict[str, Any], fingerprint: str) -> str:
    group = group_of(group_findings(finding_views(unit)), fingerprint)
    return group["id"] if group else ""
