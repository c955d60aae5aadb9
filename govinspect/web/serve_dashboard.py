"""Run the dashboard with uvicorn (what `govinspect serve` calls)."""
from __future__ import annotations

import asyncio
from typing import Any

import uvicorn

from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.web.app import create_app


def serve(host: str, port: int, db_url: str | Settings, *, secure_cookies: bool | None = None) -> None:
    """Blocks until stopped. Bind to 127.0.0.1 unless a TLS proxy sits in front (then set secure_cookies and
    list the proxy in settings.trusted_proxies; docs/security.md)."""
    app = create_app(db_url, secure_cookies=secure_cookies)
    settings: Settings = app.state.settings
    if settings.db_url is None:     # the default SQLite file: a new workspace folder is made, as scan does
        settings.workspace.mkdir(parents=True, exist_ok=True)
    asyncio.run(_check_store(settings.database_url))
    uvicorn.Server(server_config(app, host, port)).run()


KEEP_ALIVE_S = 65


def server_config(app: Any, host: str, port: int, log_level: str = "info") -> uvicorn.Config:
    """Proxy headers are handled inside the app (settings.trusted_proxies only); no "server: uvicorn" banner.
    Idle connections are kept KEEP_ALIVE_S, longer than a client's or proxy's own keep-alive (httpx 5 s,
    nginx upstream 60 s): with uvicorn's 5 s default a request sent on a connection the server was just
    closing failed (seen under load, docs/performance.md)."""
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
                          timeout_keep_alive=KEEP_ALIVE_S)


async def _check_store(url: str) -> None:
    """Open (and migrate) the store before uvicorn starts: a bad database is a one-line Chinese
    error (StoreOpenError), not a lifespan traceback."""
    store = await Store.open(url)
    await store.close()
