"""V2 through the store: probes `monitor` recorded over a week (with their times) decide 站点无法访问 in a later
scan; the same failures squeezed into one day only go to review; `monitor` refuses < 20 a day without --test."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from pathlib import Path

from aiohttp import web

from govinspect.model.artifacts import Probe
from govinspect.model.records import SiteRecord
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.probe_sites import _probe_row
from govinspect.pipeline.scan_run import scan_sources
from tests.cli.test_cli_contract import run_cli
from tests.gather.loopback import loopback_settings, serve_hosts

HOST = "www.week.gov.cn"


async def _home(request: web.Request) -> web.Response:
    return web.Response(text="<html><head><title>县政府</title></head><body><a href='/a/'>公开</a></body></html>",
                        content_type="text/html")


def _probes(url: str, as_of: date, days: int, per_day: int, failures: int) -> list[Probe]:
    out = []
    for k in range(days):
        day = as_of - timedelta(days=days - 1 - k)
        for n in range(per_day):
            ok = len(out) >= failures
            at = datetime(day.year, day.month, day.day, n % 24, n % 60).isoformat() + "+08:00"
            out.append(Probe(url=url, at=at, ok=ok, status=200 if ok else None, ttfb_ms=None, total_ms=15000.0,
                             error_class=None if ok else "timeout"))
    return out


async def _scan(tmp_path: Path, probes_of) -> dict:
    async with serve_hosts({HOST: _home}) as hosts:
        url = hosts.url(HOST)
        settings = loopback_settings([HOST], workspace=tmp_path, quiet=True, page_budget=5)
        as_of = date.today()
        store = await open_store(settings)
        try:
            await store.add_probes("4212210009", [_probe_row(p) for p in probes_of(url, as_of)])
            result, _ = await scan_sources(settings, [SiteRecord("4212210009", "县政府", url)], [], as_of,
                                           "national-2019", store=store, workers=0)
        finally:
            await store.close()
    return next(f for f in result["sites"][0]["findings"] if f["check"] == "homepage_unreachable")


def test_a_recorded_week_decides(tmp_path: Path) -> None:
    found = asyncio.run(_scan(tmp_path, lambda url, d: _probes(url, d, days=7, per_day=20, failures=8)))
    assert found["status"] == "fail" and found["evidence"]["mode"] == "monitoring"
    assert found["evidence"]["probes"] >= 140 and found["evidence"]["failed"] == 8


def test_the_same_failures_in_one_day_go_to_review(tmp_path: Path) -> None:
    found = asyncio.run(_scan(tmp_path, lambda url, d: _probes(url, d, days=1, per_day=140, failures=8)))
    assert found["status"] == "needs_review" and "6天无探测" in found["message"]


def test_monitor_refuses_a_thin_rate_without_test(tmp_path: Path) -> None:
    out = run_cli("--workspace", str(tmp_path), "monitor", "--per-day", "10", "--rounds", "1", cwd=tmp_path)
    assert out.returncode != 0 and "少于国家要求的 20 次" in out.stderr + out.stdout and "Traceback" not in out.stderr
