"""The hijack/tampering alerts `monitor` raised (newest first): cause, before/after excerpts, state."""
from __future__ import annotations

from datetime import UTC, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from govinspect.extract.security.hijack_signals import CAUSE_NAMES
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


@router.get("/alerts")
async def alerts_page(request: Request, user: dict[str, Any] = Depends(current_user)) -> Response:
    rows = await list_alerts(request.app.state.store)
    if user["role"] == "unit":          # a unit sees the alerts of its own sites only
        rows = [r for r in rows if r.get("organizer") == user.get("organizer")]
    alerts = [{**r, "cause_name": CAUSE_NAMES.get(r["cause"], r["cause"]), "opened": _when(r["opened_at"]),
               "seen": _when(r["last_seen"]), "cleared": _when(r["cleared_at"]),
               "delivered": _when(r["delivered_at"])} for r in rows]
    return render(request, "alerts.html", {"user": user, "alerts": alerts,
                                           "open": sum(1 for a in alerts if not a["cleared"])})
