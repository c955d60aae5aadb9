"""Login (throttled per account and per address), logout (ends the server-side session), own password."""
from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from govinspect.web import audit, login_throttle, manage_users
from govinspect.web.page_render import render
from govinspect.web.passwords import verify_password
from govinspect.web.security import client_address, current_user
from govinspect.web.server_sessions import end_session, now_utc, start_session

router = APIRouter()
# verified against when the user does not exist, so both failures cost the same time
_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
WRONG = "用户名或密码不正确"


@router.get("/login")
async def login_page(request: Request) -> Response:
    notice = "密码已修改，请用新密码登录" if request.query_params.get("changed") else ""
    return render(request, "login.html", {"error": "", "notice": notice})


@router.post("/login")
async def login(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
    store = request.app.state.store
    name, address = username.strip()[:100], client_address(request)
    refusal = await login_throttle.check(store, name, address, now_utc())
    if refusal is not None:
        await audit.record(request, "login_refused", who=name, target=name, outcome="拒绝", detail=refusal.message)
        page = render(request, "login.html", {"error": refusal.message}, status_code=429)
        page.headers["Retry-After"] = str(refusal.retry_after)
        return page
    user = await store.get_user(name)
    stored = user["password_hash"] if user else _DUMMY_HASH
    ok = await asyncio.to_thread(verify_password, password, stored)
    if not (user and ok) or user.get("disabled"):
        # a disabled account answers like a wrong password: the form does not confirm which accounts exist
        locked = await login_throttle.record_failure(store, name, address, now_utc())
        await audit.record(request, "login_failed", who=name, target=name, outcome="失败",
                           detail="已触发临时锁定" if locked else "")
        return render(request, "login.html", {"error": WRONG}, status_code=401)
    await login_throttle.record_success(store, name)
    await start_session(request, user["username"], address)
    await audit.record(request, "login", who=user["username"], target=user["username"])
    return RedirectResponse("/runs", status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    who = str(request.session.get("user") or "")
    await end_session(request)
    if who:
        await audit.record(request, "logout", who=who, target=who)
    return RedirectResponse("/login", status_code=303)


@router.get("/account/password")
async def password_page(request: Request, user: Annotated[dict[str, Any], Depends(current_user)]) -> Response:
    return render(request, "account_password.html", {"user": user, "error": ""})


@router.post("/account/password")
async def change_password(request: Request, user: Annotated[dict[str, Any], Depends(current_user)]) -> Response:
    """The user's own password: the current one is checked (and throttled like a login); on success every
    session of the user ends, this one included, and the new password is needed to come back."""
    store, name, address = request.app.state.store, user["username"], client_address(request)
    form = await request.form()
    current, new, again = (str(form.get(k) or "") for k in ("current", "new", "again"))
    refusal = await login_throttle.check(store, name, address, now_utc())
    error = refusal.message if refusal else ""
    if not error and not await asyncio.to_thread(verify_password, current, user["password_hash"]):
        await login_throttle.record_failure(store, name, address, now_utc())
        error = "当前密码不正确"
    if not error and new != again:
        error = "两次输入的新密码不一致"
    if not error:
        try:
            await manage_users.reset_password(store, name, new)
        except ValueError as exc:
            error = str(exc)
    if error:
        await audit.record(request, "password_change", who=name, target=name, outcome="失败", detail=error)
        return render(request, "account_password.html", {"user": user, "error": error}, status_code=400)
    await audit.record(request, "password_change", who=name, target=name)
    await end_session(request)
    return RedirectResponse("/login?changed=1", status_code=303)
