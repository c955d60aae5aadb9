"""Sessions, login, roles and CSRF for the dashboard.

Sessions live in the store (server_sessions.py): the cookie holds only a random token, so logout, a
password reset, a role change or disabling a user ends that user's sessions at once. Every state-changing
request must carry the session's CSRF token, as a form field or, for htmx, the X-CSRF-Token header the
base page sets on <body hx-headers>.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import HTTPException, Request

from govinspect.web.server_sessions import end_session, session_state

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class LoginRequired(Exception):
    """Raised for anonymous requests; the app answers with a redirect to /login."""


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token      # before login: a cookie of its own (double submit)
    return token


async def check_csrf(request: Request) -> None:
    if request.method not in UNSAFE:
        return
    expected = request.session.get("csrf") or ""
    form = await request.form()              # cached by Starlette; the endpoint reads it again
    request.scope["govinspect_form"] = form  # the audit entry names the form's key fields
    sent = request.headers.get(CSRF_HEADER, "") or str(form.get(CSRF_FIELD) or "")
    if not expected or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        raise HTTPException(403, "安全校验失败：表单缺少有效的防伪令牌（CSRF），请刷新页面后重试")


async def current_user(request: Request) -> dict[str, Any]:
    username = request.session.get("user")
    if not username:
        raise LoginRequired()
    user = await request.app.state.store.get_user(username)
    if user is None or user.get("disabled"):
        await end_session(request)
        raise LoginRequired()
    session_state(request).username = username
    return user


def require_reviewer(user: dict[str, Any]) -> None:
    if user["role"] not in ("admin", "reviewer"):
        raise HTTPException(403, "无权限：仅检查人员可以进行此操作")


def require_admin(user: dict[str, Any]) -> None:
    if user["role"] != "admin":
        raise HTTPException(403, "无权限：仅管理员可以进行此操作")


def same_organizer(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split()) and bool(a.strip())


def can_see(user: dict[str, Any], unit: dict[str, Any]) -> bool:
    """Inspectors see everything; a unit account only the units of its own 主办单位."""
    if user["role"] in ("admin", "reviewer"):
        return True
    return same_organizer(str(unit.get("organizer") or ""), str(user.get("organizer") or ""))


def client_address(request: Request) -> str:
    """The peer address (the real client when a trusted proxy forwarded it; see app.py)."""
    return request.client.host if request.client else ""
