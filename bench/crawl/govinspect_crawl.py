"""Bench child: govinspect crawls every site of the bench city (politeness off) and extracts.

    python bench/crawl/govinspect_crawl.py INFO_JSON WORK_DIR MODE      (MODE: links | full)
``links`` = crawl with link extraction (what Scrapy does); ``full`` = plus the whole extract stage
(columns, list items, dates, footers…) on every page. Prints one JSON line of stats.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import date
from pathlib import Path

from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.crawl_site import crawl_site
from govinspect.gather.http_client import HttpClient
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings

SITE_CONCURRENCY = 8
PER_HOST = 8


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def main(info_path: Path, work: Path, mode: str) -> None:
    info = json.loads(info_path.read_text(encoding="utf-8"))
    settings = Settings(resolve={h: tuple(v) for h, v in info["resolve"].items()}, only_mapped_hosts=True,
                        per_host_delay_s=0.0, per_host_connections=PER_HOST, concurrency=SITE_CONCURRENCY * PER_HOST,
                        page_budget=100_000, max_depth=50, retries=0, robots="obey")
    sites = [SiteRecord(site_code=s["code"], name=s["name"], url=s["url"]) for s in info["sites"]]
    gate = asyncio.Semaphore(SITE_CONCURRENCY)
    counts = {"pages": 0, "ok": 0, "columns": 0}
    work.mkdir(parents=True, exist_ok=True)

    async def one(site: SiteRecord, client: HttpClient) -> None:
        async with gate:
            journal = CrawlJournal.for_site(work, site.site_code)
            try:
                out = await crawl_site(site, client, settings, journal)
            finally:
                journal.close()
            counts["pages"] += len(out.pages)
            counts["ok"] += sum(1 for p in out.pages if p.text)
            if mode == "full":
                from govinspect.extract.understand_site import understand_site
                art = await asyncio.to_thread(understand_site, out.pages, site.url, date(2020, 7, 17))
                counts["columns"] += len(art.columns or [])

    started = time.perf_counter()
    async with HttpClient(settings) as client:
        await asyncio.gather(*(one(s, client) for s in sites))
    seconds = time.perf_counter() - started
    print(json.dumps({"tool": f"govinspect-{mode}", "seconds": round(seconds, 2), **counts,
                      "pages_per_s": round(counts["pages"] / seconds, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
