"""Real servers and worker processes for the distributed-scan tests: redis-server with its data on disk (so a restart keeps the
queue, as in production) and a PostgreSQL cluster of the module's own (so a test may restart it)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.3).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


class RedisServer:
    def __init__(self, workdir: Path):
        exe = shutil.which("redis-server")
        if exe is None:
            pytest.fail("redis-server is not installed (apt-get install redis-server); .ci/run installs it")
        self.exe, self.workdir, self.port = exe, workdir, free_port()
        self.proc: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen([self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.workdir)],
                                     stdout=subprocess.DEVNULL)
        wait_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


class PgCluster:
    def __init__(self) -> None:
        if not (PG_BIN / "initdb").exists():
            pytest.fail("PostgreSQL 15 is not installed (apt-get install postgresql); .ci/run installs it")
        self.dir = Path(tempfile.mkdtemp(prefix="govinspect-pgw-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        subprocess.run(self._as_pg([str(PG_BIN / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(self.dir / "d")]),
                       check=True, capture_output=True)
        self.proc: subprocess.Popen | None = None
        self.start()

    @staticmethod
    def _as_pg(cmd: list[str]) -> list[str]:
        return cmd if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *cmd]

    def start(self) -> None:
        self.proc = subprocess.Popen(self._as_pg([str(PG_BIN / "postgres"), "-D", str(self.dir / "d"), "-p",
                                                  str(self.port), "-c", "listen_addresses=127.0.0.1",
                                                  "-c", "fsync=off", "-c", f"unix_socket_directories={self.dir}"]),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)
        time.sleep(0.5)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()      # smart shutdown would wait for clients: fast shutdown is SIGINT
            self.proc.wait(timeout=30)
            self.proc = None

    def new_database(self) -> str:
        import asyncio
        import uuid

        import asyncpg

        name = "w_" + uuid.uuid4().hex[:10]

        async def create() -> None:
            conn = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres")
            try:
                await conn.execute(f'CREATE DATABASE "{name}"')
            finally:
                await conn.close()

        asyncio.run(create())
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class WorkerProcess:
    """`govinspect worker` as a real process (what a sysadmin starts), killable with SIGKILL."""

    def __init__(self, db_url: str, redis_url: str, workspace: Path, threads: int = 4, heartbeat_s: float = 3.0):
        workspace.mkdir(parents=True, exist_ok=True)
        config = workspace / "worker.toml"
        config.write_text(f"worker_heartbeat_s = {heartbeat_s}\n", encoding="utf-8")
        self.log = open(workspace / "worker.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([sys.executable, "-m", "govinspect", "--db", db_url, "--workspace", str(workspace),
                                      "--config", str(config), "-q", "worker", "--redis", redis_url,
                                      "--threads", str(threads)], stdout=self.log, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
