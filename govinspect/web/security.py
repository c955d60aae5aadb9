"""Sessions, login, roles and CSRF for the dashboard.

Sessions are Starlette's signed cookies (HttpOnly, SameSite=Lax, Secure when configured). Every
state-changing request must carry the session's CSRF token, as a form field or, for htmx, the
X-CSRF-Token header the base page sets on <body hx-headers>.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import HTTPException, Request

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class LoginRequired(Exception):
    """Raised for anonymous requests; the app answers with a redirect to /login."""


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    if request.method not in UNSAFE:
        return
    expected = request.session.get("csrf") or ""
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        form = await request.form()          # cached by Starlette; the endpoint reads it again
        sent = str(form.get(CSRF_FIELD) or "")
    if not expected or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        raise HTTPException(403, "安全校验失败：表单缺少有效的防伪令牌（CSRF），请刷新页面后重试")


async def current_user(request: Request) -> dict[str, Any]:
    username = request.session.get("user")
    if not username:
        raise LoginRequired()
    user = await request.app.state.store.get_user(username)
    if user is None:
        request.session.clear()
        raise LoginRequired()
    return user


def require_reviewer(user: dict[str, Any]) -> None:
    if user["role"] not in ("admin", "reviewer"):
        raise HTTPException(403, "无权限：仅检查人员可以进行此操作")


def same_organizer(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split()) and bool(a.strip())


def can_see(user: dict[str, Any], unit: dict[str, Any]) -> bool:
    """Inspectors see everything; a unit account only the units of its own 主办单位."""
    if user["role"] in ("admin", "reviewer"):
        return True
    return same_organizer(str(unit.get("organizer") or ""), str(user.get("organizer") or ""))


def start_session(request: Request, username: str) -> None:
    """A fresh session (and CSRF token) at login: a planted pre-login cookie gains nothing."""
    request.session.clear()
    request.session["user"] = username
    request.session["csrf"] = secrets.token_urlsafe(32)
