"""`govinspect serve`: the review dashboard (FastAPI + Jinja2 + vendored htmx), on SQLite or PostgreSQL."""
from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from govinspect.settings import Settings, load_settings
from govinspect.store import Store
from govinspect.web.page_render import render
from govinspect.web.run_data import ReviewedCache
from govinspect.web.security import LoginRequired, check_csrf

HERE = Path(__file__).resolve().parent
SESSION_HOURS = 8
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'self'")

RecheckFn = Callable[[Store, str, str, Settings], Awaitable[dict[str, Any]]]


def create_app(settings_or_store_url: Settings | str, *, secret_key: str | None = None,
               secure_cookies: bool | None = None, recheck: RecheckFn | None = None) -> FastAPI:
    """``secret_key`` signs session cookies (default: $GOVINSPECT_SECRET_KEY, else random per start).
    ``secure_cookies`` sets the cookie's Secure flag (default: $GOVINSPECT_SECURE_COOKIES == "1");
    turn it on whenever the dashboard is served over HTTPS."""
    settings = (settings_or_store_url if isinstance(settings_or_store_url, Settings)
                else load_settings(db_url=settings_or_store_url))
    secret = secret_key or os.environ.get("GOVINSPECT_SECRET_KEY") or secrets.token_urlsafe(48)
    secure = secure_cookies if secure_cookies is not None else os.environ.get("GOVINSPECT_SECURE_COOKIES") == "1"

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = await Store.open(settings.database_url)
        try:
            yield
        finally:
            await app.state.store.close()

    app = FastAPI(title="govinspect 复核平台", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None, dependencies=[Depends(check_csrf)])
    app.state.settings = settings
    app.state.recheck = recheck
    app.state.reviewed_cache = ReviewedCache()
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="govinspect_session",
                       max_age=SESSION_HOURS * 3600, same_site="lax", https_only=secure)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired):
        if request.headers.get("HX-Request"):
            return PlainTextResponse("登录已失效，请重新登录", status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.headers.get("HX-Request"):
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
        return render(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                      status_code=exc.status_code)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    from govinspect.web import routes_auth, routes_rectify, routes_report, routes_review, routes_runs
    for module in (routes_auth, routes_runs, routes_review, routes_rectify, routes_report):
        app.include_router(module.router)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse("/runs", status_code=303)

    return app
