"""Admin pages: users (create, role and organizer, password reset, disable, end sessions, unlock logins)
and the audit log (view, CSV export). Admins only; every change is audited."""
from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, StreamingResponse
from starlette.responses import Response

from govinspect.report.safe_cells import csv_safe
from govinspect.store import access_store
from govinspect.web import audit, login_throttle, manage_users
from govinspect.web.page_render import render
from govinspect.web.security import current_user, require_admin
from govinspect.web.server_sessions import as_utc, now_utc

router = APIRouter(prefix="/admin")
BEIJING = timezone(timedelta(hours=8))
PAGE = 100


async def admin_user(user: Annotated[dict[str, Any], Depends(current_user)]) -> dict[str, Any]:
    require_admin(user)
    return user


AdminUser = Annotated[dict[str, Any], Depends(admin_user)]


def beijing(value: datetime | None) -> str:
    return "" if value is None else as_utc(value).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


async def _users_page(request: Request, admin: dict[str, Any], *, error: str = "", notice: str = "",
                      status: int = 200) -> Response:
    store = request.app.state.store
    now = now_utc()
    throttles = [{**r, "locked": login_throttle.is_locked(r, now), "last": beijing(r["last_failure"]),
                  "until": beijing(r["locked_until"])} for r in await access_store.list_throttles(store)]
    return render(request, "admin_users.html", {
        "user": admin, "users": await access_store.list_users(store), "roles": manage_users.ROLES,
        "sessions": await access_store.count_sessions(store), "organizers": await manage_users.known_organizers(store),
        "throttles": throttles, "error": error, "notice": notice}, status_code=status)


@router.get("/users")
async def users_page(request: Request, admin: AdminUser) -> Response:
    return await _users_page(request, admin)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v).strip() if k != "password" else str(v) for k, v in form.items() if isinstance(v, str)}


async def _organizer(request: Request, role: str, organizer: str) -> str:
    """A unit account's organizer must be one of the registry's units (the pick-list)."""
    if role != "unit":
        return ""
    if organizer not in await manage_users.known_organizers(request.app.state.store):
        raise ValueError("请从列表中选择登记册中的主办单位")
    return organizer


async def _change(request: Request, admin: dict[str, Any], action: str, target: str, detail: str,
                  change: Any) -> Response:
    """Run one user change; a ValueError is shown on the page (400) and audited as refused."""
    try:
        await change()
    except ValueError as exc:
        await audit.record(request, action, who=admin["username"], target=target, outcome="失败", detail=str(exc))
        return await _users_page(request, admin, error=str(exc), status=400)
    await audit.record(request, action, who=admin["username"], target=target, detail=detail)
    return RedirectResponse("/admin/users", status_code=303)


def _not_self(admin: dict[str, Any], username: str, what: str) -> None:
    if username == admin["username"]:
        raise ValueError(f"不能{what}自己的账号（请由另一位管理员操作）")


@router.post("/users")
async def create(request: Request, admin: AdminUser) -> Response:
    f = await _form(request)
    name, role = f.get("username", ""), f.get("role", "")

    async def change() -> None:
        organizer = await _organizer(request, role, f.get("organizer", ""))
        await manage_users.create_user(request.app.state.store, name, f.get("password", ""), role, organizer)
    return await _change(request, admin, "user_create", name, f"角色 {role} {f.get('organizer', '')}".strip(), change)


@router.post("/users/role")
async def change_role(request: Request, admin: AdminUser) -> Response:
    f = await _form(request)
    name, role = f.get("username", ""), f.get("role", "")

    async def change() -> None:
        if role != "admin":
            _not_self(admin, name, "降级")
        organizer = await _organizer(request, role, f.get("organizer", ""))
        await manage_users.set_role(request.app.state.store, name, role, organizer)
    return await _change(request, admin, "role_change", name, f"角色 {role} {f.get('organizer', '')}".strip(), change)


@router.post("/users/password")
async def reset_password(request: Request, admin: AdminUser) -> Response:
    f = await _form(request)
    name = f.get("username", "")

    async def change() -> None:
        await manage_users.reset_password(request.app.state.store, name, f.get("password", ""))
    return await _change(request, admin, "password_reset", name, "", change)


@router.post("/users/disable")
async def disable(request: Request, admin: AdminUser) -> Response:
    f = await _form(request)
    name, off = f.get("username", ""), f.get("disabled", "1") == "1"

    async def change() -> None:
        if off:
            _not_self(admin, name, "停用")
        await manage_users.set_disabled(request.app.state.store, name, off)
    return await _change(request, admin, "user_disable" if off else "user_enable", name, "", change)


@router.post("/users/sessions")
async def end_sessions(request: Request, admin: AdminUser) -> Response:
    name = (await _form(request)).get("username", "")
    ended = await access_store.end_user_sessions(request.app.state.store, name)
    await audit.record(request, "sessions_end", who=admin["username"], target=name, detail=f"结束 {ended} 个会话")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/unlock")
async def unlock(request: Request, admin: AdminUser) -> Response:
    key = (await _form(request)).get("key", "")
    if not key.startswith(("account:", "client:")):
        raise HTTPException(400, "无效的锁定记录")
    await access_store.clear_throttles(request.app.state.store, [key])
    await audit.record(request, "unlock", who=admin["username"], target=key)
    return RedirectResponse("/admin/users", status_code=303)


# ---- audit log ------------------------------------------------------------------------------
def _filters(request: Request) -> tuple[str, str]:
    who = request.query_params.get("who", "").strip()[:100]
    action = request.query_params.get("action", "")
    return who, action if action in audit.ACTIONS else ""


@router.get("/audit")
async def audit_page(request: Request, admin: AdminUser) -> Response:
    who, action = _filters(request)
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    rows = await access_store.list_audit(request.app.state.store, who=who, action=action, limit=PAGE + 1,
                                         offset=(page - 1) * PAGE)
    entries = [{**r, "when": beijing(r["at"]), "label": audit.ACTIONS.get(r["action"], r["action"])}
               for r in rows[:PAGE]]
    return render(request, "admin_audit.html", {
        "user": admin, "entries": entries, "who": who, "action": action, "actions": audit.ACTIONS, "page": page,
        "more": len(rows) > PAGE})


CSV_HEADER = ["时间（北京时间）", "用户", "来源地址", "操作", "对象", "结果", "详情"]


@router.get("/audit.csv")
async def audit_csv(request: Request, admin: AdminUser) -> Response:
    """Every field passes csv_safe: a name, target or detail starting with = + - @ tab or CR stays text."""
    who, action = _filters(request)
    store = request.app.state.store
    await audit.record(request, "audit_export", who=admin["username"], detail=f"筛选 用户={who} 操作={action}")

    async def lines() -> AsyncIterator[bytes]:
        yield "\ufeff".encode()                      # BOM: Excel opens UTF-8 Chinese correctly
        yield _csv_line(CSV_HEADER)
        async for r in access_store.iter_audit(store, who=who, action=action):
            yield _csv_line([beijing(r["at"]), r["who"], r["client"], audit.ACTIONS.get(r["action"], r["action"]),
                             r["target"], r["outcome"], r["detail"]])
    stamp = now_utc().astimezone(BEIJING).strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"'})


def _csv_line(cells: list[Any]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow([csv_safe(str(c)) for c in cells])
    return out.getvalue().encode("utf-8")
