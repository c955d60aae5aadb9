"""Bench child run by the Scrapy bench venv (no govinspect import): crawl the same city, extract links.

    /work/bench-venv/bin/python bench/crawl/scrapy_crawl.py INFO_JSON
Scrapy settings mirror govinspect's bench settings: 64 concurrent requests, 8 per host, no delay,
robots.txt obeyed, no retries, same hosts mapped to 127.0.0.1. Prints one JSON line of stats.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

INFO = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
HOSTS = {h: ips[0] for h, ips in INFO["resolve"].items()}
STATS = {"pages": 0, "ok": 0, "links": 0}


class MappedResolver(CachingThreadedResolver):
    """Like curl --resolve: the city's host names go to loopback, nothing else resolves."""

    def getHostByName(self, name, timeout=()):
        if name in HOSTS:
            return defer.succeed(HOSTS[name])
        return defer.fail(OSError(f"unmapped host {name}"))


class CitySpider(scrapy.Spider):
    name = "city"
    start_urls = [s["url"] for s in INFO["sites"]]  # noqa: RUF012 - Scrapy reads class attributes
    allowed_domains = sorted({urlsplit(s["url"]).hostname for s in INFO["sites"]})

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.extractor = LinkExtractor()        # allow_domains compares host:port, so filter below
        self.hosts = set(self.allowed_domains)

    def parse(self, response):
        STATS["pages"] += 1
        if not isinstance(response, scrapy.http.HtmlResponse):
            return
        STATS["ok"] += 1
        links = self.extractor.extract_links(response)
        STATS["links"] += len(links)
        for link in links:
            if urlsplit(link.url).hostname in self.hosts:
                yield response.follow(link.url, callback=self.parse)


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": 64, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": True, "RETRY_ENABLED": False, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False,
        "DNS_RESOLVER": "__main__.MappedResolver", "DEPTH_LIMIT": 0, "COOKIES_ENABLED": True,
        "HTTPERROR_ALLOW_ALL": True, "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "USER_AGENT": "Mozilla/5.0 (compatible; scrapy-bench)", "AUTOTHROTTLE_ENABLED": False,
    })
    process.crawl(CitySpider)
    started = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - started
    print(json.dumps({"tool": "scrapy", "seconds": round(seconds, 2), **STATS,
                      "pages_per_s": round(STATS["pages"] / seconds, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}))
