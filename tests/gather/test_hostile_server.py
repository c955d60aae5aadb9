"""Acceptance: a hostile loopback server costs bounded time and memory, each case is recorded with its
reason, and the crawl of the other sites goes on."""
from __future__ import annotations

import asyncio
import time

from govinspect.gather.gather_site import gather_site
from govinspect.gather.http_client import HttpClient
from govinspect.model.records import SiteRecord
from tests.gather.hostile_hosts import gzip_bomb, hostile_routes
from tests.gather.loopback import loopback_settings, serve_hosts
from tests.gather.memory_watch import watch_rss
from tests.gather.site_pages import small_site_page_count


def _site(host: str, port: int) -> SiteRecord:
    return SiteRecord(site_code=host.split(".")[0], name=host, url=f"http://{host}:{port}/")


async def test_hostile_sites_are_bounded_recorded_and_do_not_stop_the_others(tmp_path):
    gzip_bomb()                        # built before measuring: it is the server's memory, not ours
    routes = hostile_routes()
    async with serve_hosts(routes) as vh:
        settings = loopback_settings(routes, total_timeout_s=4.0, read_timeout_s=1.5, connect_timeout_s=10.0)
        sites = [_site(h, vh.port) for h in routes]
        started = time.perf_counter()
        async with watch_rss() as rss, HttpClient(settings) as client:
            outcomes = await asyncio.gather(*(gather_site(s, settings, tmp_path, client=client) for s in sites))
            bytes_read, requests = client.bytes_read, client.requests
        elapsed = time.perf_counter() - started
    by = {o.site.name: o for o in outcomes}
    home = {name: o.pages[0] for name, o in by.items()}

    print(f"hostile gather: {elapsed:.1f}s, peak RSS +{rss.growth_mb:.0f} MB, {bytes_read / 1e6:.1f} MB read")
    assert elapsed < 30, f"hostile gather took {elapsed:.1f}s"
    assert rss.growth_mb < 200, f"peak RSS grew {rss.growth_mb:.0f} MB"
    # 50 MB page and 256 MiB gzip bomb: cut at the caps, never held whole
    assert home["big.test"].error_class == "too_large" and home["big.test"].text is None
    assert home["bomb.test"].error_class == "too_large" and "解压" in home["bomb.test"].error_detail
    assert bytes_read <= requests * settings.max_decompressed_bytes and bytes_read < 64 * 1024 * 1024
    assert home["loop.test"].error_class == "redirect_loop"
    assert home["drip.test"].error_class == "timeout"
    assert home["binary.test"].error_class == "not_html" and home["binary.test"].text is None
    # invalid bytes: decoded with replacement characters, links still followed
    assert "link" in (by["invalid.test"].source.text(home["invalid.test"].url) or "")
    assert {p.url.rsplit("/", 1)[-1] for p in by["invalid.test"].pages} == {"", "ok"}
    # the calendar trap: 10,000 links, a bounded number of pages, recorded as a trap
    cal = by["calendar.test"]
    assert len(cal.pages) <= settings.max_query_variants + 2
    assert any("陷阱防护" in e and "查询参数" in e for e in cal.errors)
    assert len(vh.hits["calendar.test"]) < 60
    # refusing crawlers is blocked (未能检测), not broken
    assert by["waf.test"].blocked and home["waf.test"].error_class == "blocked"
    assert any("拒绝" in e for e in by["waf.test"].errors)
    # every failing site says why
    for name in ("big.test", "bomb.test", "loop.test", "drip.test"):
        assert any("首页抓取失败" in e for e in by[name].errors), by[name].errors
    # and the good site was crawled completely
    good = by["good.test"]
    failures = [(p.url, p.error_class, p.error_detail) for p in good.pages if p.error_class]
    assert len(good.pages) == small_site_page_count() and not failures, failures
    assert good.link_checks and all(c.outcome == "ok" for c in good.link_checks)
    assert not good.blocked and len(good.probes) >= 3 and all(p.ok for p in good.probes)
