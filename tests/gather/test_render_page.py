"""Optional rendering with the Debian chromium: a page written by JavaScript, a screenshot, the resolve map."""
from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web

from govinspect.gather.render_page import render_page, resolver_rules
from govinspect.settings import Settings
from tests.gather.loopback import loopback_settings, serve_hosts

pytestmark = pytest.mark.browser

JS_PAGE = ("<html><head><meta charset='utf-8'><title>脚本页</title></head><body><div id='nav'></div>"
           "<script>document.getElementById('nav').innerHTML = '<a href=\"/zwgk/\">政务公开</a>';</script>"
           "</body></html>")


def test_resolver_rules_follow_the_map():
    rules = resolver_rules(Settings(resolve={"a.test": ("127.0.0.1",), "b.test": ("::1",)}, only_mapped_hosts=True))
    assert "MAP a.test 127.0.0.1" in rules and "MAP b.test [::1]" in rules and rules.endswith("MAP * ~NOTFOUND")


async def test_renders_javascript_written_links_and_takes_a_screenshot(tmp_path):
    settings = loopback_settings(["js.test"])
    if not Path(settings.chromium_path).exists():
        pytest.fail("Debian chromium not installed (scripts/install_system_deps.sh installs it)")

    async def handle(request: web.Request) -> web.StreamResponse:
        return web.Response(text=JS_PAGE, content_type="text/html")

    async with serve_hosts({"js.test": handle}) as vh:
        shot = tmp_path / "evidence.png"
        page = await render_page(vh.url("js.test"), settings, screenshot=shot)
    assert page.error is None and page.status == 200
    assert "政务公开" in page.html and 'href="/zwgk/"' in page.html
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def test_crawl_with_render_js_follows_script_written_navigation():
    from govinspect.gather.crawl_site import RENDERED_HEADER, crawl_site
    from govinspect.gather.http_client import HttpClient
    from govinspect.model.records import SiteRecord

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/zwgk/":
            return web.Response(text="<html><body><h1>政务公开</h1></body></html>", content_type="text/html")
        return web.Response(text=JS_PAGE, content_type="text/html")

    async with serve_hosts({"js.test": handle}) as vh:
        settings = loopback_settings(["js.test"], render_js=True)
        if not Path(settings.chromium_path).exists():
            pytest.fail("Debian chromium not installed (scripts/install_system_deps.sh installs it)")
        async with HttpClient(settings) as client:
            out = await crawl_site(SiteRecord("j", "j", vh.url("js.test")), client, settings)
    assert [p.url.rsplit(str(vh.port), 1)[-1] for p in out.pages] == ["/", "/zwgk/"]
    assert out.pages[0].headers[RENDERED_HEADER] == "chromium"
