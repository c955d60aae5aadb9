"""整改: deadlines and states per unit, and one-click re-check of a site showing what changed."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from govinspect.model.result import Verdict
from govinspect.web.evidence_display import subject_text
from govinspect.web.page_render import render
from govinspect.web.recheck_call import RecheckUnavailable, recheck
from govinspect.web.rectification import STATES, finding_diff, rectification_rows
from govinspect.web.run_data import find_unit, load_reviewed, visible
from govinspect.web.run_titles import doc_heading
from govinspect.web.security import current_user, require_reviewer

router = APIRouter()


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise HTTPException(400, "整改期限应为 YYYY-MM-DD 格式的日期") from None


@router.get("/runs/{run_id}/rectification")
async def rectification_page(request: Request, run_id: str, user: dict[str, Any] = Depends(current_user)
                             ) -> Response:
    store = request.app.state.store
    run, doc = await load_reviewed(request, run_id)
    sites, accounts = visible(user, doc)
    rows = rectification_rows(sites, accounts, await store.list_rectifications(run_id), date.today())
    return render(request, "rectification.html", {"user": user, "run": run, "rows": rows, "states": STATES,
                                                  "heading": doc_heading(run, doc),
                                                  "can_review": user["role"] in ("admin", "reviewer")})


@router.post("/runs/{run_id}/rectification")
async def set_rectification(request: Request, run_id: str, user: dict[str, Any] = Depends(current_user)
                            ) -> Response:
    store = request.app.state.store
    form = await request.form()
    kind, key = str(form.get("kind") or ""), str(form.get("key") or "")
    _run, doc = await load_reviewed(request, run_id)
    find_unit(user, doc, kind, key)                       # 404 unless the user may see this unit
    state = str(form.get("state") or "待整改")
    if state not in STATES:
        raise HTTPException(400, "整改状态只能是 待整改 或 已整改")
    note = str(form.get("note") or "").strip()[:2000]
    existing = {r["unit_key"]: r for r in await store.list_rectifications(run_id)}.get(key)
    if user["role"] == "unit":                            # a unit reports its own fix; it sets no deadline
        if existing is None:
            raise HTTPException(400, "尚未下发整改期限")
        deadline = existing["deadline"]
    else:
        deadline = _date(str(form.get("deadline") or ""))
    await store.set_rectification(key, run_id, deadline, state, note)
    return RedirectResponse(f"/runs/{run_id}/rectification", status_code=303)


@router.post("/runs/{run_id}/rectification/all")
async def set_all_deadlines(request: Request, run_id: str, user: dict[str, Any] = Depends(current_user)
                            ) -> Response:
    """Give every unit with problems that has no deadline yet the same one (a 通报's 整改期限)."""
    require_reviewer(user)
    store = request.app.state.store
    deadline = _date(str((await request.form()).get("deadline") or ""))
    _run, doc = await load_reviewed(request, run_id)
    rows = rectification_rows(doc.get("sites") or [], doc.get("accounts") or [],
                              await store.list_rectifications(run_id), date.today())
    for row in rows:
        if row["row"] is None and row["problems"]:
            await store.set_rectification(row["key"], run_id, deadline, "待整改")
    return RedirectResponse(f"/runs/{run_id}/rectification", status_code=303)


@router.post("/runs/{run_id}/recheck/{site_code}")
async def recheck_site(request: Request, run_id: str, site_code: str, user: dict[str, Any] = Depends(current_user)
                       ) -> Response:
    store = request.app.state.store
    _run, doc = await load_reviewed(request, run_id)
    site = find_unit(user, doc, "site", site_code)
    ctx: dict[str, Any] = {"user": user, "site": site, "error": "", "diff": None, "after": None}
    try:
        after = await recheck(store, run_id, site_code, request.app.state.settings, request.app.state.recheck)
        diff = finding_diff(site.get("findings") or [], after.get("findings") or [])
        ctx.update(after=after, diff={k: [{**f, "subject": subject_text(f)} for f in v] for k, v in diff.items()})
    except RecheckUnavailable as exc:
        ctx["error"] = str(exc)
    except Exception as exc:   # a failed re-check is 未能检测, shown with its reason, never a pass
        ctx["error"] = f"复查失败（{Verdict.NOT_ASSESSED}）：{type(exc).__name__}: {exc}"
    partial = bool(request.headers.get("HX-Request"))
    return render(request, "recheck_result.html" if partial else "recheck_page.html", ctx)
