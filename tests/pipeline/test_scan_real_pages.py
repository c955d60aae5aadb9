"""End to end on REAL government pages nobody here wrote (../shared/realdata/html), served on loopback.

Each saved page is the homepage of its host (the 邯郸 pages form one wired site) and is scanned with
``scan_sources`` (all checks, national-2019), the 监测时间点 two weeks after the page's own latest date.
A single saved page cannot prove a site stale, blank, unreachable or without services, so no 单项否决
may come from such evidence; footer findings must agree with the hand-checked footer truth; the
real pages carry no spam and no serious wording errors. Numbers: docs/accuracy/real_pages.md.
"""
from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from govinspect.model.records import SiteRecord
from govinspect.pipeline.run_demo import demo_settings
from govinspect.pipeline.scan_run import scan_sources
from govinspect.settings import Settings
from govinspect.store import Store
from tests.pipeline.real_site_server import RealSite, RunningSites, real_sites, serve_real_sites

TRUTH = {p["file"]: p for p in json.loads(
    (Path(__file__).resolve().parents[1] / "extract" / "footer_expected.json").read_text("utf-8"))["pages"]}
CLEAN_CHECKS = ("hidden_spam_links", "injected_spam_text", "serious_wording_errors")
# Vetoes a saved page can support: content it shows (V1). Everything else needs monitoring over time,
# the rest of the site, or a reviewer.
PAGE_PROVABLE_VETOES = {"V1"}
FOOTER_ITEMS = ("site_code", "icp", "police_filing")
PARALLEL_SCANS = 6


def registry_codes(sites: list[RealSite]) -> dict[str, str]:
    """The page's true 标识码 when it has one and no other page claims it, else a valid bm99 code."""
    seen: Counter[str] = Counter(TRUTH[s.label]["site_code"] for s in sites
                                 if s.label in TRUTH and TRUTH[s.label]["site_code"])
    codes = {}
    for i, s in enumerate(sites):
        true = TRUTH.get(s.label, {}).get("site_code")
        codes[s.host] = true if true and seen[true] == 1 else f"bm99{i:06d}"
        seen[true] = 0 if true else 0          # first claimant keeps the real code
    return codes


async def _scan_all(realdata: Path, workspace: Path) -> tuple[list[dict[str, Any]], RunningSites]:
    sites = real_sites(realdata)
    codes = registry_codes(sites)
    store = await Store.open(f"sqlite+aiosqlite:///{workspace / 'ws.db'}")
    gate = asyncio.Semaphore(PARALLEL_SCANS)
    try:
        async with serve_real_sites(sites) as running:
            cfg = demo_settings(Settings(workspace=workspace, quiet=True),
                                {s.host: ["127.0.0.1"] for s in sites})

            async def one(site: RealSite) -> dict[str, Any]:
                record = SiteRecord(site_code=codes[site.host], name=site.host, url=running.url(site.host))
                async with gate:
                    result, _ = await scan_sources(cfg, [record], [], site.as_of, "national-2019",
                                                   store=store, workers=0)
                entry = result["sites"][0]
                return {"site": site, "code": codes[site.host], "entry": entry}

            return list(await asyncio.gather(*(one(s) for s in sites))), running
    finally:
        await store.close()


@pytest.fixture(scope="module")
def scanned(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    rows, running = asyncio.run(_scan_all(realdata, tmp_path_factory.mktemp("real")))
    for row in rows:
        row["port"] = running.port
    return rows


def findings(row: dict[str, Any], check: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
    return [f for f in row["entry"]["findings"]
            if (check is None or f["check"] == check) and (status is None or f["status"] == status)]


def test_every_page_is_scanned_without_crash(scanned: list[dict[str, Any]]) -> None:
    assert len(scanned) == 63
    for row in scanned:
        assert row["entry"]["result"] in ("合格", "不合格", "未能检测"), row["site"].label
