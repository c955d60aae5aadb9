"""Fixtures of the distributed-scan tests (the servers are in servers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.workers.servers import PgCluster, RedisServer


@pytest.fixture
def redis_server(tmp_path: Path):
    server = RedisServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pg_cluster():
    cluster = PgCluster()
    yield cluster
    cluster.close()
