"""A dashboard with its own settings (timeouts, trusted proxies) served the way `govinspect serve` serves it."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import uvicorn

from govinspect.settings import Settings
from govinspect.web.app import create_app
from govinspect.web.serve_dashboard import server_config

from .live_dashboard import CSRF_RE, USERS


@contextmanager
def serving(store_url: str, workspace: Path, **settings: Any) -> Iterator[str]:
    """The base URL of a real uvicorn on 127.0.0.1 with serve_dashboard's configuration."""
    workspace.mkdir(exist_ok=True)
    app = create_app(Settings(workspace=workspace, db_url=store_url, quiet=True, **settings))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, "warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "dashboard did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def try_login(base: str, username: str, password: str | None = None,
              headers: dict[str, str] | None = None) -> tuple[httpx2.Client, httpx2.Response]:
    """A fresh client's login attempt (password defaults to the seeded one); returns the client and the answer."""
    c = httpx2.Client(base_url=base, follow_redirects=False, timeout=30, headers=headers or {})
    token = CSRF_RE.search(c.get("/login").text).group(1)
    pw = USERS[username][0] if password is None else password
    return c, c.post("/login", data={"username": username, "password": pw, "csrf_token": token})


def csrf(c: httpx2.Client, path: str = "/runs") -> str:
    return CSRF_RE.search(c.get(path).text).group(1)
