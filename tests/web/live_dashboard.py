"""Helpers for the dashboard tests: seed a store, run uvicorn on 127.0.0.1, log in over HTTP."""
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
from typing import Any

import httpx2
import uvicorn

from govinspect.model.records import SiteRecord
from govinspect.store import Store
from govinspect.web.loopback_server import start_in_thread
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
    return start_in_thread(app)


def serve_pages(pages: dict[str, str]) -> tuple[str, Any]:
    """A small real website on 127.0.0.1 (aiohttp in its own thread); returns (base URL, stop)."""
    from aiohttp import web

    async def handler(request: web.Request) -> web.Response:
        body = pages.get(request.path)
        if body is None:
            return web.Response(status=404, text="not found")
        return web.Response(text=body, content_type="text/html", charset="utf-8")

    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app)
    port = _free_port()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)

    def stop() -> None:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

    return f"http://127.0.0.1:{port}/", stop


def add_run(store_url: str, run_id: str, result: dict[str, Any]) -> None:
    async def go() -> None:
        store = await Store.open(store_url)
        try:
            await store.upsert_sites([SiteRecord(site_code=s["site_code"], name=s["name"], url=s["url"],
                                                 organizer=s["organizer"], is_portal=s["is_portal"],
                                                 region=s["region"], has_services=s["has_services"])
                                      for s in result["sites"]])
            await store.create_run(run_id, date.fromisoformat(result["as_of"]), result["rulebook"]["id"], {})
            await store.finish_run(run_id, result)
        finally:
            await store.close()
    asyncio.run(go())
