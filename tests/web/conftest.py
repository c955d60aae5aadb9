"""A live dashboard on 127.0.0.1 (real uvicorn) over a seeded store, on SQLite and on real PostgreSQL.

``store_url`` (tests/conftest.py) is parametrised over sqlite and pg; the pg server is
GOVINSPECT_TEST_PG_URL or a throwaway PostgreSQL 15 started for the session.
"""
from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from govinspect.settings import Settings
from govinspect.web.app import create_app

from .live_dashboard import LiveDashboard, fixture_result, seed_store, start_server


@pytest.fixture
def dashboard(store_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveDashboard]:
    result = fixture_result()
    asyncio.run(seed_store(store_url, result))
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    # loopback sites need no politeness delay; the recheck test stays fast
    settings = Settings(workspace=workspace, db_url=store_url, per_host_delay_s=0.0, retries=0, quiet=True,
                        check_external_links=False, page_budget=30)
    app = create_app(settings, secret_key="test-secret-" + "x" * 32)
    server, thread, base = start_server(app)
    backend = "pg" if store_url.startswith("postgres") else "sqlite"
    try:
        yield LiveDashboard(base, store_url, workspace, result["run_id"], backend)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
