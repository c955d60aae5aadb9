"""The homepage as search-engine spiders (Baiduspider, 360Spider, Sogou, Googlebot, Bingbot, YisouSpider) and
visitors arriving from Baidu see it, beside a plain browser: cloaking evidence for the scan and for monitor."""
from __future__ import annotations

import asyncio

from govinspect.gather.http_client import HttpClient
from govinspect.gather.page_snapshot import to_snapshot
from govinspect.model.artifacts import PageSnapshot
from govinspect.settings import Settings

BROWSER_UA = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/120.0 Safari/537.36")
SPIDER_VIEWS: dict[str, dict[str, str]] = {
    "baiduspider": {"User-Agent": "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"},
    "360spider": {"User-Agent": "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                "Chrome/50.0.2661.102 Safari/537.36; 360Spider"},
    "sogou": {"User-Agent": "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)"},
    "googlebot": {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
    "bingbot": {"User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"},
    "yisouspider": {"User-Agent": "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                  "Chrome/69.0.3497.81 YisouSpider/5.0 Safari/537.36"},
    "baidu_referer": {"User-Agent": BROWSER_UA, "Referer": "https://www.baidu.com/s?wd=%E6%94%BF%E5%BA%9C"},
    "browser": {"User-Agent": BROWSER_UA},
}


SPIDERS = tuple(n for n in SPIDER_VIEWS if n != "browser")


async def fetch_spider_views(url: str, client: HttpClient, settings: Settings) -> dict[str, PageSnapshot]:
    """name → PageSnapshot of ``url`` fetched with that spider's headers (plus a plain browser view)."""
    names = list(SPIDER_VIEWS)
    results = await asyncio.gather(*(client.fetch(url, headers=SPIDER_VIEWS[n]) for n in names))
    return {n: to_snapshot(r, url=url) for n, r in zip(names, results)}
