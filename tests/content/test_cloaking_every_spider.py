"""A site that cloaks spam for one crawler only is caught whichever crawler it is (Googlebot-only cloaking
used to score 合格): spider views fetched over loopback, then the scan's injected_spam_text check."""
from __future__ import annotations

from datetime import date

import pytest
from aiohttp import web

from govinspect.checks.run_checks import run_checks
from govinspect.demo.spam_plants import CLOAK_BLOCK, CLOAK_TITLE
from govinspect.extract.security.read_site import read_content
from govinspect.gather.fetch_spider_views import SPIDERS, fetch_spider_views
from govinspect.gather.http_client import HttpClient
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import RunContext
from tests.gather.loopback import loopback_settings, serve_hosts

HOST = "www.cloak.gov.cn"
MARKERS = {"baiduspider": "Baiduspider", "360spider": "360Spider", "sogou": "Sogou web spider",
           "googlebot": "Googlebot", "bingbot": "bingbot", "yisouspider": "YisouSpider"}
PAGE = ("<html><head><title>{title}</title></head><body><div class='nav'><a href='/a/'>政务公开</a></div>"
        "{block}<ul><li><a href='/a/1.html'>关于做好防汛工作的通知</a><span>2020-07-16</span></li></ul></body></html>")


def test_every_major_crawler_is_asked() -> None:
    assert set(MARKERS) == set(SPIDERS) - {"baidu_referer"}


@pytest.mark.parametrize("spider", sorted(MARKERS))
async def test_cloaking_for_one_crawler_only(spider: str) -> None:
    async def site(request: web.Request) -> web.Response:
        cloak = MARKERS[spider] in request.headers.get("User-Agent", "")
        text = PAGE.format(title=CLOAK_TITLE if cloak else "咸宁市人民政府", block=CLOAK_BLOCK if cloak else "")
        return web.Response(text=text, content_type="text/html")

    async with serve_hosts({HOST: site}) as hosts:
        url = hosts.url(HOST)
        settings = loopback_settings([HOST])
        async with HttpClient(settings) as client:
            views = await fetch_spider_views(url, client, settings)
    assert CLOAK_TITLE in views[spider].text and CLOAK_TITLE not in views["browser"].text
    home = views["browser"]
    art = SiteArtifacts(site_code="4212000001", url=url, homepage=home, pages=[home], spider_views=views)
    art.content_reading = read_content(art, date(2020, 7, 17))        # extract's site-level step
    found = run_checks(art, RunContext(as_of=date(2020, 7, 17)), "t", only=["injected_spam_text"])
    assert [(f.status, f.evidence.get("cloaking"), f.evidence.get("spiders")) for f in found] == \
        [("fail", True, [spider])]
