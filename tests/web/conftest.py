"""A live dashboard on 127.0.0.1 (real uvicorn) over a seeded store, on SQLite and on real PostgreSQL.

``store_url`` (tests/conftest.py) is parametrised over sqlite and pg; the pg server is
GOVINSPECT_TEST_PG_URL or a throwaway PostgreSQL 15 started for the session.
"""
from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import httpx2
import pytest
import uvicorn

from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.web.app import create_app
from govinspect.web.manage_users import create_user

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "result_review.json"
USERS = {  # username: (password, role, organizer)
    "admin": ("Admin-pass-2020", "admin", ""),
    "shenhe": ("Review-pass-2020", "reviewer", ""),
    "jiaoyu": ("Unit-pass-jyj-1", "unit", "咸宁市教育局"),
    "xianan": ("Unit-pass-xa-1", "unit", "咸安区人民政府办公室"),
}
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def fixture_result() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


async def seed_store(url: str, result: dict[str, Any], extra_runs: tuple[tuple[str, dict[str, Any]], ...] = ()) -> None:
    store = await Store.open(url)
    try:
        await store.upsert_sites([SiteRecord(site_code=s["site_code"], name=s["name"], url=s["url"],
                                             organizer=s["organizer"], is_portal=s["is_portal"], region=s["region"],
                                             has_services=s["has_services"]) for s in result["sites"]])
        for run_id, doc in ((result["run_id"], result), *extra_runs):
            await store.create_run(run_id, date.fromisoformat(doc["as_of"]), doc["rulebook"]["id"], {"fixture": True})
            await store.finish_run(run_id, doc)
        for name, (password, role, organizer) in USERS.items():
            await create_user(store, name, password, role, organizer)
    finally:
        await store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveDashboard:
    base_url: str
    store_url: str
    workspace: Path
    run_id: str
    backend: str

    def client(self) -> httpx2.Client:
        return httpx2.Client(base_url=self.base_url, follow_redirects=False, timeout=30)

    def login(self, username: str) -> tuple[httpx2.Client, str]:
        """A logged-in client and its session's CSRF token."""
        c = self.client()
        token = CSRF_RE.search(c.get("/login").text).group(1)
        r = c.post("/login", data={"username": username, "password": USERS[username][0], "csrf_token": token})
        assert r.status_code == 303, r.text
        return c, csrf_of(c, "/runs")

    def decisions(self) -> list[dict[str, Any]]:
        async def read() -> list[dict[str, Any]]:
            store = await Store.open(self.store_url)
            try:
                return await store.list_decisions()
            finally:
                await store.close()
        return asyncio.run(read())


def csrf_of(client: httpx2.Client, path: str) -> str:
    return CSRF_RE.search(client.get(path).text).group(1)


def start_server(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("dashboard did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture
def dashboard(store_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveDashboard]:
    result = fixture_result()
    asyncio.run(seed_store(store_url, result))
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    app = create_app(Settings(workspace=workspace, db_url=store_url), secret_key="test-secret-" + "x" * 32)
    server, thread, base = start_server(app)
    backend = "pg" if store_url.startswith("postgres") else "sqlite"
    try:
        yield LiveDashboard(base, store_url, workspace, result["run_id"], backend)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
