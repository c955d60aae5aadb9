"""The scan's CPU half in worker processes gives exactly the result computed inline from the same
artifacts: a pool scan, then a resume of that run assessed inline from the stored artifacts
(the pre-pool path: load → from_jsonable → assess_site) must agree finding for finding."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city import serve_city
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.serialize import from_jsonable
from govinspect.pipeline.assess_site import assess_site
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.scan_run import scan_sources
from govinspect.pipeline.scan_timings import ScanTimings
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings

pytestmark = pytest.mark.slow


def _sites(result: dict) -> dict[str, dict]:
    return {s["site_code"]: s for s in result["sites"]}


def test_pool_scan_equals_inline_assessment_of_the_stored_artifacts(tmp_path: Path) -> None:
    async def run() -> None:
        city = build_city(seed=11, sites=5, pages_per_site=40, accounts=0)
        timings = ScanTimings()
        async with serve_city(city) as running:
            cfg = demo_settings(Settings(workspace=tmp_path, quiet=True), running.resolve_map)
            pooled, run_id = await scan_sources(cfg, city.site_records(), [], city.as_of, "national-2019",
                                                timings=timings, workers=1)
        # every site judged, and the worker's stages were measured
        assert len(pooled["sites"]) == 5 and all(s["result"] for s in pooled["sites"])
        assert {"gather", "extract", "checks+scoring"} <= set(timings.seconds)
        # the server is gone: a resume must assess from the stored artifacts only, inline
        resumed, _ = await scan_sources(cfg, city.site_records(), [], city.as_of, "national-2019",
                                        resume_run=run_id, workers=0)
        assert _sites(resumed) == _sites(pooled)
        store = await open_store(cfg)
        try:
            rulebook = load_rulebook("national-2019")
            for site in city.site_records():
                data = await store.load_site_artifacts(run_id, site.site_code)
                assert data is not None and data["pages"], site.site_code
                entry = assess_site(site, from_jsonable(SiteArtifacts, data), city.as_of, rulebook)
                assert entry == _sites(pooled)[site.site_code]
        finally:
            await store.close()

    asyncio.run(run())


def test_a_site_whose_extraction_breaks_is_not_assessed_and_the_scan_goes_on() -> None:
    from datetime import date

    from govinspect.gather.gather_site import GatherOutcome
    from govinspect.model.artifacts import LinkCheck
    from govinspect.model.records import SiteRecord
    from govinspect.pipeline.assess_in_pool import SiteWork, understand_and_assess

    site = SiteRecord(site_code="4212000099", name="测试局", url="http://t.xianning.gov.cn/")
    broken_page = object()      # not a PageSnapshot: understand_site raises on it
    outcome = GatherOutcome(site=site, pages=[broken_page], probes=[], errors=[],  # type: ignore[list-item]
                            link_checks=[LinkCheck(source_url=site.url, target_url="http://t.xianning.gov.cn/x",
                                                   anchor="通知", position="body", on_homepage=True,
                                                   outcome="broken", status=404, error_class="http")])
    done = understand_and_assess(SiteWork(site=site, as_of=date(2020, 7, 17),
                                          rulebook=load_rulebook("national-2019"), outcome=outcome))
    assert done.entry["result"] == "未能检测" and "网页分析出错" in done.entry["not_assessed_reason"]
    assert any("网页分析出错" in e for e in json.loads(done.data or "{}")["gather_errors"])
    statuses = {f["check"]: f["status"] for f in done.entry["findings"]}
    assert statuses["blank_columns"] == "error"           # needs extraction: 未能检测, never pass
    assert statuses["broken_links"] == "fail"             # judged from what the network gave


class _KillsTheWorker:
    """Unpickling this in a worker ends that process at once, as an out-of-memory kill would."""

    def __reduce__(self) -> tuple:
        import os

        return (os._exit, (3,))


def test_a_dead_worker_makes_its_site_not_assessed_and_the_pool_recovers() -> None:
    from datetime import date

    from govinspect.gather.gather_site import GatherOutcome
    from govinspect.model.records import SiteRecord
    from govinspect.pipeline.assess_in_pool import AssessPool, SiteWork

    site = SiteRecord(site_code="4212000098", name="测试局", url="http://t.xianning.gov.cn/")
    rulebook = load_rulebook("national-2019")
    deadly = GatherOutcome(site=site, pages=[_KillsTheWorker()], probes=[], errors=[])  # type: ignore[list-item]
    empty = GatherOutcome(site=site, pages=[], probes=[], errors=[], link_checks=[])

    async def run() -> tuple:
        with AssessPool(1) as pool:
            first = await pool.run(SiteWork(site=site, as_of=date(2020, 7, 17), rulebook=rulebook, outcome=deadly))
            second = await pool.run(SiteWork(site=site, as_of=date(2020, 7, 17), rulebook=rulebook, outcome=empty))
        return first, second

    first, second = asyncio.run(run())
    assert first.entry["result"] == "未能检测" and "进程异常退出" in first.entry["not_assessed_reason"]
    assert not first.to_store                      # not stored: a resume gathers and tries again
    assert second.to_store and second.entry["result"] == "未能检测"   # the new pool works


def test_a_worker_killed_by_another_sites_page_does_not_cost_this_site_its_verdict() -> None:
    """One pool parses pages and assesses sites: a parse that kills its worker breaks the pool under an
    assessment waiting in it, which is then tried again in the fresh pool instead of being given up."""
    from datetime import date

    from govinspect.gather.gather_site import GatherOutcome
    from govinspect.model.records import SiteRecord
    from govinspect.pipeline.assess_in_pool import AssessPool, SiteWork

    site = SiteRecord(site_code="4212000097", name="测试局", url="http://t.xianning.gov.cn/")
    empty = GatherOutcome(site=site, pages=[], probes=[], errors=[], link_checks=[])

    async def run() -> tuple:
        with AssessPool(1) as pool:
            parse = pool.executor.submit(len, [_KillsTheWorker()])     # another site's page, read first
            done = await pool.run(SiteWork(site=site, as_of=date(2020, 7, 17), rulebook=load_rulebook("national-2019"),
                                           outcome=empty))
        return parse, done

    parse, done = asyncio.run(run())
    assert isinstance(parse.exception(), Exception)              # that worker did die
    assert done.to_store                                         # assessed by a worker, stored
    assert "进程异常退出" not in (done.entry.get("not_assessed_reason") or "")


@pytest.mark.parametrize("pack_items", [8, 3])
def test_artifacts_packed_in_a_worker_are_the_json_text_the_store_keeps(monkeypatch: pytest.MonkeyPatch,
                                                                       pack_items: int) -> None:
    """A worker sends a site's artifacts back compressed, written field by field and long lists a few items
    at a time; unpacked they are exactly the text ``json.dumps`` gives (what the store keeps and a resume reads)."""
    from datetime import date

    from govinspect.extract.understand_site import understand_site
    from govinspect.model.serialize import to_jsonable
    from govinspect.pipeline import assess_in_pool
    from govinspect.pipeline.assess_in_pool import SiteDone, pack_artifacts
    from tests.extract.demo_crawl import crawl_demo_site

    monkeypatch.setattr(assess_in_pool, "PACK_ITEMS", pack_items)

    city = build_city(seed=11, sites=2, pages_per_site=40, accounts=0)
    home, pages = crawl_demo_site(city, city.sites[0])
    artifacts = understand_site(pages, home, date(2020, 7, 17))
    artifacts.site_code = "4212000096"
    text = json.dumps(to_jsonable(artifacts), ensure_ascii=False, default=str)
    packed = pack_artifacts(artifacts)
    assert len(packed) < len(text.encode("utf-8")) // 3 and artifacts.pages and artifacts.columns
    assert len(artifacts.pages) > 2 * pack_items     # chunked into several runs of items
    done = SiteDone(entry={}, data=None, counts={}, seconds={}, packed=packed)
    assert done.to_store and done.artifacts_text() == text
    assert json.loads(done.artifacts_text())["site_code"] == "4212000096"


@pytest.mark.parametrize("retire_above_mb", ["0", "100000"])
def test_a_worker_fat_after_an_assessment_is_replaced(monkeypatch: pytest.MonkeyPatch, retire_above_mb: str) -> None:
    """A worker whose heap stays large after assessing a site ends once its result is sent, and the pool
    goes on with a fresh process (retiring_worker.py); below the limit the same worker goes on."""
    import os
    from datetime import date

    from govinspect.gather.gather_outcome import GatherOutcome
    from govinspect.model.records import SiteRecord
    from govinspect.pipeline.assess_in_pool import AssessPool, SiteWork

    monkeypatch.setenv("GOVINSPECT_WORKER_RETIRE_MB", retire_above_mb)     # read by the spawned workers
    site = SiteRecord("4212000001", "咸宁市人民政府", "http://www.xianning.gov.cn/")
    work = SiteWork(site=site, as_of=date(2020, 7, 17), rulebook=load_rulebook("national-2019"),
                    outcome=GatherOutcome(site=site, errors=["首页无法打开"]))

    async def run() -> tuple[list[int], list[dict]]:
        pids, entries = [], []
        with AssessPool(1) as pool:
            for _ in range(3):
                pids.append(await asyncio.wrap_future(pool.executor.submit(os.getpid)))
                done = await pool.run(work)
                entries.append(done.entry)
                assert not getattr(pool.executor, "_broken", False)
            pids.append(await asyncio.wrap_future(pool.executor.submit(os.getpid)))
        return pids, entries

    pids, entries = asyncio.run(run())
    assert all(e == entries[0] for e in entries) and entries[0]["site_code"] == "4212000001"
    assert "进程异常退出" not in (entries[0].get("not_assessed_reason") or "")
    if retire_above_mb == "0":
        assert len(set(pids)) == 4, pids          # a fresh worker after every assessment
    else:
        assert len(set(pids)) == 1, pids


def test_a_pool_whose_workers_all_retired_still_runs_its_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """concurrent.futures replaces a worker that ends after its task only when none was idle since, and
    finished parse tasks count as idle: without the scan starting successors itself, both workers retired
    and the crawl's parse tasks waited for ever (seen on the 16 × 1,600 benchmark city)."""
    import os
    from datetime import date

    from govinspect.gather.gather_outcome import GatherOutcome
    from govinspect.model.records import SiteRecord
    from govinspect.pipeline.assess_in_pool import AssessPool, SiteWork

    monkeypatch.setenv("GOVINSPECT_WORKER_RETIRE_MB", "0")
    site = SiteRecord("4212000001", "咸宁市人民政府", "http://www.xianning.gov.cn/")
    work = SiteWork(site=site, as_of=date(2020, 7, 17), rulebook=load_rulebook("national-2019"),
                    outcome=GatherOutcome(site=site, errors=["首页无法打开"]))

    async def run() -> tuple[int, set[int]]:
        seen: set[int] = set()
        with AssessPool(2) as pool:
            burst = [asyncio.wrap_future(pool.executor.submit(os.getpid)) for _ in range(30)]
            seen |= set(await asyncio.wait_for(asyncio.gather(*burst), timeout=60))   # 30 "idle" workers
            for _ in range(3):
                await asyncio.wait_for(pool.run(work), timeout=60)
                for _ in range(10):       # as a crawl does: one page submitted as another is read
                    seen.add(await asyncio.wait_for(asyncio.wrap_future(pool.executor.submit(os.getpid)), 20))
            return len(pool.executor._processes), seen

    workers, seen = asyncio.run(run())
    assert workers == 2
    assert len(seen) >= 3          # fresh processes did the later tasks
