"""The hijack/tampering alerts `monitor` raised (newest first): cause, before/after excerpts, state."""
from __future__ import annotations

from datetime import UTC, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.responses import Response

from govinspect.extract.security.hijack_signals import CAUSE_NAMES
from govinspect.pipeline.monitor_alerts import screenshot_path
from govinspect.store.monitor_queries import list_alerts
from govinspect.web.page_render import render
from govinspect.web.security import current_user

router = APIRouter()
BEIJING = timezone(timedelta(hours=8))


def _when(value: Any) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return f"{value.astimezone(BEIJING):%Y-%m-%d %H:%M}"


async def _visible(request: Request, user: dict[str, Any]) -> list[dict[str, Any]]:
    rows = await list_alerts(request.app.state.store)
    if user["role"] == "unit":          # a unit sees the alerts of its own sites only
        rows = [r for r in rows if r.get("organizer") == user.get("organizer")]
    return rows


@router.get("/alerts")
async def alerts_page(request: Request, user: dict[str, Any] = Depends(current_user)) -> Response:
    workspace = request.app.state.settings.workspace
    alerts = [{**r, "cause_name": CAUSE_NAMES.get(r["cause"], r["cause"]), "opened": _when(r["opened_at"]),
               "seen": _when(r["last_seen"]), "cleared": _when(r["cleared_at"]),
               "delivered": _when(r["delivered_at"]), "shot": screenshot_path(workspace, r["id"]).exists()}
              for r in await _visible(request, user)]
    return render(request, "alerts.html", {"user": user, "alerts": alerts,
                                           "open": sum(1 for a in alerts if not a["cleared"])})


@router.get("/alerts/{alert_id}/screenshot")
async def alert_screenshot(request: Request, alert_id: int,
                           user: dict[str, Any] = Depends(current_user)) -> FileResponse:
    path = screenshot_path(request.app.state.settings.workspace, alert_id)
    if not path.exists() or alert_id not in {r["id"] for r in await _visible(request, user)}:
        raise HTTPException(status_code=404, detail="没有这条告警的截图")
    return FileResponse(path, media_type="image/png")
