"""Login and logout."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from govinspect.web.page_render import render
from govinspect.web.passwords import verify_password
from govinspect.web.security import start_session

router = APIRouter()
# verified against when the user does not exist, so both failures cost the same time
_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


@router.get("/login")
async def login_page(request: Request) -> Response:
    return render(request, "login.html", {"error": ""})


@router.post("/login")
async def login(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
    user = await request.app.state.store.get_user(username.strip())
    stored = user["password_hash"] if user else _DUMMY_HASH
    ok = await asyncio.to_thread(verify_password, password, stored)
    if not (user and ok):
        return render(request, "login.html", {"error": "用户名或密码不正确"}, status_code=401)
    start_session(request, user["username"])
    return RedirectResponse("/runs", status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
