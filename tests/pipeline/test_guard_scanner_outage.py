"""When the inspecting machine itself is offline, no site gets the 站点无法访问 veto."""
from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from govinspect.model.records import SiteRecord
from govinspect.pipeline.scan_run import scan_sources
from govinspect.settings import Settings


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]       # closed again on exit: connections are refused


def test_all_sites_unreachable_means_our_outage_not_their_veto(tmp_path: Path) -> None:
    port = _closed_port()
    hosts = [f"www.site{i}.gov.cn" for i in range(3)]
    sites = [SiteRecord(f"421200000{i}", f"网站{i}", f"http://{h}:{port}/") for i, h in enumerate(hosts)]
    settings = Settings(workspace=tmp_path, quiet=True, resolve={h: ("127.0.0.1",) for h in hosts},
                        only_mapped_hosts=True, probe_interval_s=0, retries=0, per_host_delay_s=0)
    result, _ = asyncio.run(scan_sources(settings, sites, [], date(2020, 7, 17), "national-2019", workers=0))
    assert [s["result"] for s in result["sites"]] == ["未能检测"] * 3
    assert all("网络故障" in s["not_assessed_reason"] for s in result["sites"])
    assert not any(s["vetoes"] for s in result["sites"])


def test_one_dead_site_among_live_ones_is_still_vetoed(tmp_path: Path) -> None:
    from govinspect.pipeline.guard_scanner_outage import guard_scanner_outage

    dead = {"result": "不合格", "vetoes": ["homepage_unreachable"],
            "findings": [{"check": "homepage_unreachable", "status": "fail"}]}
    live = {"result": "合格", "vetoes": [], "findings": []}
    assert guard_scanner_outage([dead, live, live]) == [dead, live, live]
