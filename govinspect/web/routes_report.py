"""Generate the 通报 (docx, xlsx, html, pdf) of a reviewed run and download it."""
from __future__ import annotations

import asyncio
import json
import shutil
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse
from starlette.responses import Response

from govinspect.report.render_report import FORMATS, render_report
from govinspect.web.report_files import batch_file, new_batch_dir
from govinspect.web.review_overlay import applies_to_run
from govinspect.web.reviewed_result import report_ready
from govinspect.web.run_data import NOT_FOUND, load_reviewed
from govinspect.web.security import current_user, require_reviewer

router = APIRouter()


@router.post("/runs/{run_id}/report")
async def generate(request: Request, run_id: str, user: dict[str, Any] = Depends(current_user)) -> Response:
    require_reviewer(user)
    form = await request.form()
    formats = [f for f in form.getlist("formats") if f in FORMATS]
    if not formats:
        raise HTTPException(400, "请至少选择一种通报格式")
    options = {k: str(form.get(k) or "").strip() for k in ("title", "deadline") if str(form.get(k) or "").strip()}
    _run, doc = await load_reviewed(request, run_id)
    result = report_ready(doc)
    out = new_batch_dir(request.app.state.settings, run_id)
    try:
        await asyncio.to_thread(render_report, result, formats, out, options)
    except Exception as exc:   # a report that cannot be rendered must say why, and leave no half batch
        shutil.rmtree(out, ignore_errors=True)
        raise HTTPException(500, f"通报生成失败：{exc}") from exc
    (out / "result-reviewed.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return RedirectResponse(f"/runs/{run_id}#reports", status_code=303)


@router.get("/runs/{run_id}/reports/{batch}/{name}")
async def download(request: Request, run_id: str, batch: str, name: str,
                   user: dict[str, Any] = Depends(current_user)) -> Response:
    require_reviewer(user)
    path = batch_file(request.app.state.settings, run_id, batch, name)
    if path is None:
        raise HTTPException(404, NOT_FOUND)
    return FileResponse(path, filename=name)


@router.get("/runs/{run_id}/decisions.json")
async def decisions_file(request: Request, run_id: str, user: dict[str, Any] = Depends(current_user)) -> Response:
    """This run's decisions in the file form of ``govinspect rescore --decisions`` (reproducible offline)."""
    require_reviewer(user)
    store = request.app.state.store
    if await store.get_run(run_id) is None:
        raise HTTPException(404, NOT_FOUND)
    rows = [r for r in await store.list_decisions() if applies_to_run(r, run_id)]
    body = {"run_id": run_id, "decisions": [
        {"unit": r["unit_key"], "action": r["action"], "fingerprint": r["fingerprint"], "payload": r["payload"],
         "reason": r["reason"], "who": r["who"], "at": r["at"].isoformat() if hasattr(r["at"], "isoformat") else r["at"]}
        for r in rows]}
    return Response(json.dumps(body, ensure_ascii=False, indent=1), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="decisions-{run_id}.json"'})
