"""Runs list, one run's units with filters, and a unit's page with its findings and evidence."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.responses import Response

from govinspect.store.review_queries import run_heading_parts, run_summaries
from govinspect.web.page_render import render
from govinspect.web.report_files import list_batches
from govinspect.web.run_data import NOT_FOUND, find_unit, load_reviewed, visible
from govinspect.web.run_titles import batch_label, doc_heading, run_heading
from govinspect.web.security import current_user
from govinspect.web.unit_filters import STATUS_FILTERS, VERDICTS, UnitFilter, counts, facet_values
from govinspect.web.unit_panel import decision_note, evidence_view, unit_context

router = APIRouter()


@router.get("/runs")
async def runs_page(request: Request, user: dict[str, Any] = Depends(current_user)) -> Response:
    store = request.app.state.store
    summaries = await run_summaries(store) if user["role"] != "unit" else {}   # city-wide counts: inspectors only
    rows = [{**run, "summary": summaries.get(run["id"], {}), "has_result": run["status"] == "done",
             "heading": run_heading(run, await _heading_parts(request, run))}
            for run in await store.list_runs()]
    return render(request, "runs.html", {"user": user, "runs": rows})


async def _heading_parts(request: Request, run: dict[str, Any]) -> dict[str, Any]:
    """Read once per app and (run, finished_at): a finished result never changes."""
    if run["status"] != "done":
        return {}
    cache = _app_cache(request)
    key = (run["id"], str(run.get("finished_at")))
    if key not in cache:
        if len(cache) > 500:
            cache.clear()
        cache[key] = await run_heading_parts(request.app.state.store, run["id"])
    return cache[key]


def _app_cache(request: Request) -> dict[tuple[str, str], dict[str, Any]]:
    state = request.app.state
    if not hasattr(state, "run_headings"):
        state.run_headings = {}
    return state.run_headings


@router.get("/runs/{run_id}")
async def run_page(request: Request, run_id: str, region: str = "", check: str = "", status: str = "",
                   verdict: str = "", user: dict[str, Any] = Depends(current_user)) -> Response:
    run, doc = await load_reviewed(request, run_id)
    sites, accounts = visible(user, doc)
    flt = UnitFilter(region=region, check=check, status=status, verdict=verdict)
    shown_sites = [{**s, "counts": counts(s)} for s in sites if flt.keep(s)]
    shown_accounts = [{**a, "counts": counts(a)} for a in accounts if flt.keep(a)]
    ctx = {"user": user, "run": run, "doc": doc, "heading": doc_heading(run, doc), "sites": shown_sites,
           "accounts": shown_accounts,
           "filter": flt, "facets": facet_values(sites + accounts), "verdicts": VERDICTS,
           "status_filters": STATUS_FILTERS, "total_sites": len(sites), "total_accounts": len(accounts),
           "batches": [{**b, "label": batch_label(b["batch"])} for b in list_batches(request.app.state.settings, run_id)]
           if user["role"] != "unit" else []}
    return render(request, "run.html", ctx)


@router.get("/runs/{run_id}/sites/{site_code}")
async def site_page(request: Request, run_id: str, site_code: str,
                    user: dict[str, Any] = Depends(current_user)) -> Response:
    return await _unit_page(request, run_id, "site", site_code, user)


@router.get("/runs/{run_id}/accounts/{account_key:path}")
async def account_page(request: Request, run_id: str, account_key: str,
                       user: dict[str, Any] = Depends(current_user)) -> Response:
    return await _unit_page(request, run_id, "account", account_key, user)


async def _unit_page(request: Request, run_id: str, kind: str, key: str, user: dict[str, Any]) -> Response:
    store = request.app.state.store
    run, doc = await load_reviewed(request, run_id)
    unit = find_unit(user, doc, kind, key)
    ctx = await unit_context(store, user, run, kind, key, unit, feedback=_feedback(request))
    return render(request, "unit.html", {**ctx, "heading": doc_heading(run, doc)})


def _feedback(request: Request) -> dict[str, Any] | None:
    """After a decision without JavaScript (303 to ?g=…&a=…&n=…#g-…): the message shown at that group."""
    q = request.query_params
    action, group = q.get("a", ""), q.get("g", "")
    if action in ("add", "bonus"):
        return {"group": action, "text": decision_note(action, 1), "error": False}
    if action not in ("confirm", "dismiss", "restore") or not group.isalnum():
        return None
    count = int(q.get("n", "0")) if q.get("n", "").isdigit() else 0
    return {"group": group, "text": decision_note(action, count), "error": False}


@router.get("/runs/{run_id}/sites/{site_code}/screenshot/{fp}")
async def screenshot(request: Request, run_id: str, site_code: str, fp: str,
                     user: dict[str, Any] = Depends(current_user)) -> Response:
    """A screenshot named in a finding's evidence, served only from inside the workspace."""
    _run, doc = await load_reviewed(request, run_id)
    unit = find_unit(user, doc, "site", site_code)
    for f in (unit.get("findings") or []) + (unit.get("dismissed_findings") or []):
        if f.get("fingerprint") == fp and evidence_view(f.get("evidence") or {})["screenshot"]:
            root = Path(request.app.state.settings.workspace).resolve()
            path = (root / f["evidence"]["screenshot"]).resolve()
            if path.is_file() and path.is_relative_to(root):
                return FileResponse(path)
    raise HTTPException(404, NOT_FOUND)
