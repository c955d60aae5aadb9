"""Login (throttled per account and per address) and logout (ends the server-side session)."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from govinspect.web import audit, login_throttle
from govinspect.web.page_render import render
from govinspect.web.passwords import verify_password
from govinspect.web.security import client_address
from govinspect.web.server_sessions import end_session, now_utc, start_session

router = APIRouter()
# verified against when the user does not exist, so both failures cost the same time
_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
WRONG = "用户名或密码不正确"


@router.get("/login")
async def login_page(request: Request) -> Response:
    return render(request, "login.html", {"error": ""})


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
