"""A live dashboard on 127.0.0.1 (real uvicorn) over a seeded store, on SQLite and on real PostgreSQL.

``seeded_store_url`` is parametrised over sqlite and pg: a copy of a store seeded once per session (a file
copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL). The pg server is GOVINSPECT_TEST_PG_URL or the
throwaway PostgreSQL 15 of tests/conftest.py (``pg_server_url``).
"""
from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from govinspect.settings import Settings
from govinspect.web.app import create_app

from .live_dashboard import LiveDashboard, fixture_result, seed_store, start_server


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "template.db"
    asyncio.run(seed_store(f"sqlite:///{path}", fixture_result()))
    return path


@pytest.fixture(scope="session")
def seeded_pg_template(pg_server_url: str) -> str:
    """A seeded database used as CREATE DATABASE … TEMPLATE: seeding (migrations, scrypt) happens once."""
    name = "tmpl_" + uuid.uuid4().hex[:12]
    asyncio.run(_pg(pg_server_url, f'CREATE DATABASE "{name}"'))
    asyncio.run(seed_store(_db_url(pg_server_url, name), fixture_result()))
    return name


async def _pg(server_url: str, sql: str) -> None:
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _db_url(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "pg"])
def seeded_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh copy of the seeded store (fixture result, registry, users) on SQLite and on real PostgreSQL."""
    if request.param == "sqlite":
        target = tmp_path / "ws.db"
        shutil.copyfile(request.getfixturevalue("seeded_sqlite_template"), target)
        return f"sqlite:///{target}"
    server = request.getfixturevalue("pg_server_url")
    name = "t_" + uuid.uuid4().hex[:12]
    asyncio.run(_pg(server, f'CREATE DATABASE "{name}" TEMPLATE "{request.getfixturevalue("seeded_pg_template")}"'))
    return _db_url(server, name)


@pytest.fixture
def dashboard(seeded_store_url: str, tmp_path: Path) -> Iterator[LiveDashboard]:
    result = fixture_result()
    store_url = seeded_store_url
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    # loopback sites need no politeness delay; the recheck test stays fast
    settings = Settings(workspace=workspace, db_url=store_url, per_host_delay_s=0.0, retries=0, quiet=True,
                        check_external_links=False, page_budget=30)
    app = create_app(settings)
    server, thread, base = start_server(app)
    backend = "pg" if store_url.startswith("postgres") else "sqlite"
    try:
        yield LiveDashboard(base, store_url, workspace, result["run_id"], backend)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
