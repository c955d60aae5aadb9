"""A short run of bench/load/dashboard_load.py (the 2-minute, 50-reviewer figures are in docs/performance.md):
concurrent reviewers over real HTTP against `govinspect serve`, on SQLite and real PostgreSQL — no error, and
every decision the server acknowledged is in the store."""
from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load" / "dashboard_load.py"


@pytest.mark.slow
def test_concurrent_reviewers_lose_nothing(store_url: str, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("dashboard_load", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = asyncio.run(bench.run_load(store_url, reviewers=12, duration=10, sites=30, accounts=60, think=0.2,
                                        workspace=tmp_path))
    assert report["errors"] == {}, report["error_samples"]
    assert report["decisions_acknowledged"] >= 12
    assert report["decisions_stored"] == report["decisions_acknowledged"]
    assert report["decisions_lost"] == {} and report["decisions_unexpected"] == {}
    assert set(report["latency_ms"]) == {"login", "runs", "run", "site", "decision"}
