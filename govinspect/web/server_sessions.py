"""Server-side dashboard sessions (ASGI middleware).

The session cookie is an opaque random token; the store keeps only its SHA-256 with the user name, the
session's CSRF token, the client address and two timestamps. A session is alive while it was used within
``session_idle_minutes`` and began less than ``session_max_hours`` ago; deleting its row (logout, password
reset, role change, disabled user) ends it on the very next request. Before login the only state is the
login form's CSRF token, kept in a cookie of its own (double submit) so that anonymous visits write nothing.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govinspect.store import access_store

SESSION_COOKIE = "govinspect_session"
CSRF_COOKIE = "govinspect_csrf"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{40,64}$")
TOUCH_EVERY = timedelta(seconds=60)        # last_seen is written at most this often per session


@dataclass
class SessionState:
    sid: str = ""               # sha256 of the live session's token
    new_token: str = ""         # set a fresh session cookie on the response
    drop: bool = False          # expire the session cookie
    anon_csrf: str = ""         # the CSRF cookie the request came with
    username: str = ""


def now_utc() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands timestamps back naive; they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def session_state(request: Request) -> SessionState:
    return request.scope["govinspect_session"]


def alive(row: dict[str, Any], now: datetime, settings: Any) -> bool:
    idle = timedelta(minutes=settings.session_idle_minutes)
    total = timedelta(hours=settings.session_max_hours)
    return as_utc(row["last_seen"]) + idle > now and as_utc(row["created_at"]) + total > now


async def start_session(request: Request, username: str, client: str) -> None:
    """A fresh session (new token, new CSRF token) at login; any session the browser had is ended."""
    state = session_state(request)
    store, settings = request.app.state.store, request.app.state.settings
    now = now_utc()
    if state.sid:
        await access_store.delete_session(store, state.sid)
    await access_store.purge_sessions(store, now - timedelta(minutes=settings.session_idle_minutes),
                                      now - timedelta(hours=settings.session_max_hours))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    await access_store.create_session(store, token_hash(token), username, csrf, client, now)
    request.session.clear()
    request.session.update(user=username, csrf=csrf)
    state.sid, state.new_token, state.drop, state.username = token_hash(token), token, False, username


async def end_session(request: Request) -> None:
    state = session_state(request)
    if state.sid:
        await access_store.delete_session(request.app.state.store, state.sid)
    request.session.clear()
    state.sid, state.new_token, state.drop = "", "", True


class ServerSessions:
    """Loads ``scope["session"]`` from the store and sets or expires the cookie on the way out."""

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app, self.secure = app, secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = SessionState()
        session: dict[str, Any] = {}
        cookies = Request(scope).cookies
        token = cookies.get(SESSION_COOKIE, "")
        if token:
            session = await self._load(scope, state, token)
        if not session and _TOKEN.match(cookies.get(CSRF_COOKIE, "")):
            state.anon_csrf = cookies[CSRF_COOKIE]
            session = {"csrf": state.anon_csrf}
        scope["session"] = session
        scope["govinspect_session"] = state
        https = self.secure or scope.get("scheme") == "https"
        max_age = int(scope["app"].state.settings.session_max_hours * 3600)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if state.new_token:
                    headers.append("set-cookie", _cookie(SESSION_COOKIE, state.new_token, max_age, https))
                    if state.anon_csrf:
                        headers.append("set-cookie", _cookie(CSRF_COOKIE, "", 0, https))
                elif state.drop:
                    headers.append("set-cookie", _cookie(SESSION_COOKIE, "", 0, https))
                if not state.sid and not state.new_token and session.get("csrf", "") != state.anon_csrf:
                    headers.append("set-cookie", _cookie(CSRF_COOKIE, session["csrf"], None, https))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    async def _load(self, scope: Scope, state: SessionState, token: str) -> dict[str, Any]:
        app = scope["app"]
        store, settings = app.state.store, app.state.settings
        if not _TOKEN.match(token):
            state.drop = True
            return {}
        sid = token_hash(token)
        row = await access_store.get_session(store, sid)
        now = now_utc()
        if row is None or not alive(row, now, settings):
            if row is not None:
                await access_store.delete_session(store, sid)
            state.drop = True
            return {}
        every = min(TOUCH_EVERY, timedelta(minutes=settings.session_idle_minutes) / 4)
        if as_utc(row["last_seen"]) + every < now:
            await access_store.touch_session(store, sid, now)
        state.sid = sid
        return {"user": row["username"], "csrf": row["csrf"]}


def _cookie(name: str, value: str, max_age: int | None, secure: bool) -> str:
    jar: SimpleCookie = SimpleCookie()
    jar[name] = value
    morsel = jar[name]
    morsel["path"], morsel["httponly"], morsel["samesite"] = "/", True, "lax"
    if max_age is not None:
        morsel["max-age"] = max_age
    if secure:
        morsel["secure"] = True
    return morsel.OutputString()
