"""`govinspect serve`: the review dashboard (FastAPI + Jinja2 + vendored htmx), on SQLite or PostgreSQL."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from govinspect.settings import Settings, load_settings
from govinspect.store import Store
from govinspect.web.audit import AuditedStore, AuditRequests
from govinspect.web.page_render import render
from govinspect.web.run_data import ReviewedCache
from govinspect.web.security import LoginRequired, check_csrf
from govinspect.web.server_sessions import ServerSessions

HERE = Path(__file__).resolve().parent
HSTS = "max-age=31536000"        # one year; no includeSubDomains: sibling hosts of the server are not ours
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'self'")

RecheckFn = Callable[[Store, str, str, Settings], Awaitable[dict[str, Any]]]


def create_app(settings_or_store_url: Settings | str, *, secure_cookies: bool | None = None,
               recheck: RecheckFn | None = None) -> FastAPI:
    """``secure_cookies`` sets the cookies' Secure flag (default: $GOVINSPECT_SECURE_COOKIES == "1"); turn it
    on whenever the dashboard is served over HTTPS. Requests from ``settings.trusted_proxies`` may name the
    real client (X-Forwarded-For) and the scheme (X-Forwarded-Proto); nobody else's headers are believed."""
    settings = (settings_or_store_url if isinstance(settings_or_store_url, Settings)
                else load_settings(db_url=settings_or_store_url))
    secure = secure_cookies if secure_cookies is not None else os.environ.get("GOVINSPECT_SECURE_COOKIES") == "1"

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = await AuditedStore.open(settings.database_url)
        try:
            yield
        finally:
            await app.state.store.close()

    app = FastAPI(title="govinspect 复核平台", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None, dependencies=[Depends(check_csrf)])
    app.state.settings = settings
    app.state.recheck = recheck
    app.state.reviewed_cache = ReviewedCache()
    # the last added runs first: proxy headers → security headers → sessions → audit → routes
    app.add_middleware(AuditRequests)
    app.add_middleware(ServerSessions, secure=secure)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        if secure or request.url.scheme == "https":
            response.headers["Strict-Transport-Security"] = HSTS
        return response

    if settings.trusted_proxies:   # outermost: the scheme and client it restores are what the rest sees
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))

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
    from govinspect.web import (
        routes_admin,
        routes_alerts,
        routes_auth,
        routes_rectify,
        routes_report,
        routes_review,
        routes_runs,
    )
    for module in (routes_auth, routes_runs, routes_review, routes_rectify, routes_report, routes_admin,
                   routes_alerts):
        app.include_router(module.router)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse("/runs", status_code=303)

    return app
