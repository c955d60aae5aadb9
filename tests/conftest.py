"""Shared test fixtures. Third-party real data is read from ../shared/realdata (never copied)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REALDATA = SHARED / "realdata"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.fail(f"missing {REALDATA}: tests need ../shared/realdata beside the project")
    return REALDATA


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


# ---- real PostgreSQL for the [pg] path --------------------------------------------------------
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return cmd if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """A real PostgreSQL: GOVINSPECT_TEST_PG_URL if set, else a throwaway server on a loopback port."""
    url = os.environ.get("GOVINSPECT_TEST_PG_URL")
    if url:
        yield url
        return
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 is not installed (apt-get install postgresql); .ci/run installs it")
    datadir = Path(tempfile.mkdtemp(prefix="govinspect-pg-"))
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    port = _free_port()
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(datadir / "d")]),
                   check=True, capture_output=True)
    proc = subprocess.Popen(_as_postgres([str(PG_BIN / "postgres"), "-D", str(datadir / "d"), "-p", str(port),
                                          "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                                          "-c", f"unix_socket_directories={datadir}"]),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("PostgreSQL did not start")
    time.sleep(0.5)
    yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    proc.terminate()
    proc.wait(timeout=30)
    shutil.rmtree(datadir, ignore_errors=True)


def _create_database(server_url: str) -> str:
    import asyncio

    import asyncpg

    name = "t_" + uuid.uuid4().hex[:12]

    async def create() -> None:
        conn = await asyncpg.connect(server_url)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(create())
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "pg"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty workspace database URL on SQLite and on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ws.db'}"
    return _create_database(request.getfixturevalue("pg_server_url"))


@pytest.fixture
def new_pg_database(pg_server_url: str):
    """Callable: a fresh database on the real PostgreSQL server, as a URL."""
    return lambda: _create_database(pg_server_url)
