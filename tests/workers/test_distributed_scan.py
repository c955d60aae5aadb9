"""[dist] extra: a run submitted as one message per site (and per accounts batch) over a real Redis, done by
real `govinspect worker` processes, entries and result in a real PostgreSQL — equal to the local scan."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city import CityInThread
from govinspect.settings import Settings
from tests.workers.servers import WorkerProcess

pytestmark = [pytest.mark.redis, pytest.mark.pg]


def comparable(result: dict) -> dict:
    """The result without what differs by run (ids, times, tool timing)."""
    def site(entry: dict) -> dict:
        return {k: v for k, v in entry.items() if k not in ("gathered_at",)}
    return {"sites": [site(s) for s in result["sites"]], "accounts": result["accounts"],
            "manual": result.get("accounts_manual_look"), "as_of": result["as_of"],
            "pages": result["gathered"]["pages"], "sites_n": result["gathered"]["sites"]}


def test_distributed_scan_equals_local_scan(redis_server, pg_cluster, tmp_path: Path) -> None:
    from govinspect.pipeline.scan_run import scan_sources
    from govinspect.workers.submit_scan import submit_run, watch_run

    city = build_city(seed=11, sites=3, pages_per_site=30, accounts=6)
    db = pg_cluster.new_database()
    with CityInThread(city) as running:
        cfg = demo_settings(Settings(workspace=tmp_path / "coord", quiet=True, db_url=db), running.resolve_map)
        workers = [WorkerProcess(db, redis_server.url, tmp_path / f"w{i}") for i in range(2)]
        try:
            run_id = asyncio.run(submit_run(cfg, city.site_records(), city.account_records(), city.as_of,
                                            "national-2019", redis_server.url))
            watched = asyncio.run(watch_run(cfg, run_id, redis_server.url, poll_s=0.5))
        finally:
            for w in workers:
                w.stop()
        local_cfg = cfg.with_(db_url=f"sqlite:///{tmp_path / 'local.db'}")
        local, _ = asyncio.run(scan_sources(local_cfg, city.site_records(), city.account_records(), city.as_of,
                                            "national-2019", workers=0))
    assert watched.status == "done"
    assert watched.progress.by_state == {"done": 4}          # 3 sites + 1 accounts batch
    assert comparable(watched.result) == comparable(local)
    assert len(watched.result["sites"]) == 3 and len(watched.result["accounts"]) == 6


def test_cli_submits_and_a_second_terminal_attaches(redis_server, pg_cluster, tmp_path: Path) -> None:
    """The three commands of the README: (servers) · `govinspect worker` · `govinspect scan --queue`."""
    city = build_city(seed=5, sites=2, pages_per_site=20, accounts=0)
    db = pg_cluster.new_database()
    with CityInThread(city) as running:
        registry, _ = city.write_registry(tmp_path / "reg")
        resolve = [arg for host, ips in running.resolve_map.items() for arg in ("--resolve", f"{host}={ips[0]}")]
        base = [sys.executable, "-m", "govinspect", "--db", db, "--workspace", str(tmp_path / "ws"), "-q"]
        worker = WorkerProcess(db, redis_server.url, tmp_path / "w")
        try:
            submitted = subprocess.run([*base, "scan", str(registry), "--as-of", city.as_of.isoformat(),
                                        "--queue", redis_server.url, "--detach", "--only-mapped", *resolve],
                                       check=False, capture_output=True, text=True, timeout=120)
            assert submitted.returncode == 0, submitted.stderr
            run_id = submitted.stdout.split("已提交运行 ")[1].split("：")[0]
            attached = subprocess.run([*base, "attach", run_id, "--redis", redis_server.url, "--json",
                                       str(tmp_path / "r.json")], check=False, capture_output=True, text=True, timeout=600)
            listed = subprocess.run([*base, "runs"], check=False, capture_output=True, text=True, timeout=60)
        finally:
            worker.stop()
    assert attached.returncode == 0, attached.stderr
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result["run_id"] == run_id and len(result["sites"]) == 2
    assert all(s["result"] in ("合格", "不合格", "未能检测") for s in result["sites"])
    assert run_id in listed.stdout and "完成" in listed.stdout and "2/2" in listed.stdout
