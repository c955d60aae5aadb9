"""[dist] extra: one dramatiq job per site over a real Redis, artifacts in a real PostgreSQL, same result as local."""
from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city import CityInThread
from govinspect.settings import Settings

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server); .ci/run installs it")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(workdir)], stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_distributed_scan_matches_local_scan(redis_url: str, new_pg_database, tmp_path: Path) -> None:
    from govinspect.workers.run_worker import run_worker
    from govinspect.workers.submit_scan import distributed_scan
    from govinspect.pipeline.scan_run import scan_sources

    city = build_city(seed=11, sites=3, pages_per_site=30, accounts=0)
    with CityInThread(city) as running:
        base = Settings(workspace=tmp_path, quiet=True, db_url=new_pg_database())
        cfg = demo_settings(base, running.resolve_map)
        stop = threading.Event()
        worker = threading.Thread(target=run_worker, args=(cfg, redis_url), kwargs={"threads": 2, "stop": stop})
        worker.start()
        try:
            dist_result, _ = asyncio.run(distributed_scan(cfg, city.site_records(), [], city.as_of,
                                                          "national-2019", redis_url, timeout_s=300))
        finally:
            stop.set()
            worker.join(timeout=30)
        local_cfg = cfg.with_(db_url=f"sqlite:///{tmp_path / 'local.db'}")
        local_result, _ = asyncio.run(scan_sources(local_cfg, city.site_records(), [], city.as_of, "national-2019"))

    def verdicts(result: dict) -> dict:
        return {s["site_code"]: (s["result"], s["score"], sorted((f["check"], f["subject"]) for f in s["findings"]
                                                                  if f["status"] == "fail"))
                for s in result["sites"]}

    assert verdicts(dist_result) == verdicts(local_result)
    assert len(dist_result["sites"]) == 3
