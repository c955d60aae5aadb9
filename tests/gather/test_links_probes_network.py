"""Link checks (broken / blocked / timeout / soft-404, HEAD with GET fallback), homepage probes,
network facts and spider views, all against real loopback servers."""
from __future__ import annotations

import asyncio
import socket

from aiohttp import web

from govinspect.gather.fetch_spider_views import fetch_spider_views
from govinspect.gather.gather_site import gather_site
from govinspect.gather.http_client import HttpClient
from govinspect.gather.network_facts import network_facts
from govinspect.gather.probe_homepage import probe_homepage
from govinspect.model.records import SiteRecord
from tests.gather.loopback import loopback_settings, serve_hosts
from tests.gather.site_pages import page, small_site

LINKS = ('<a href="/gone.html">已删除</a> <a href="/soft404.html">软404</a> <a href="/slow.html">很慢</a>'
         '<a href="http://EXT/ok">外链</a> <a href="http://EXT/waf">被拦</a> '
         '<a href="http://EXT/nohead.pdf">附件</a> <img src="/img/missing.png" alt="图">'
         '<a href="http://dead.test/">无法解析</a>')


def _site(port: int):
    inner = small_site(extra_links=LINKS.replace("EXT", f"ext.test:{port}"))

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/gone.html":
            return web.Response(status=404, text="nope")
        if request.path == "/soft404.html":
            return web.Response(text=page("页面不存在", "<p>对不起，您访问的页面不存在！</p>"), content_type="text/html")
        if request.path == "/slow.html":
            await asyncio.sleep(5)
        return await inner(request)
    return handle


async def _external(request: web.Request) -> web.StreamResponse:
    if request.path == "/waf":
        return web.Response(status=403, text="<title>403</title>", content_type="text/html")
    if request.path == "/nohead.pdf":
        if request.method == "HEAD":
            return web.Response(status=405)
        return web.Response(body=b"%PDF-1.4 ...", content_type="application/pdf")
    return web.Response(text="<html><body>外部网站</body></html>", content_type="text/html")


async def test_link_outcomes_blocked_is_not_broken():
    routes = {"site.test": None, "ext.test": _external}
    async with serve_hosts(routes) as vh:
        routes["site.test"] = _site(vh.port)
        settings = loopback_settings(["site.test", "ext.test"], total_timeout_s=1.0, read_timeout_s=1.0)
        settings = settings.with_(resolve={**settings.resolve, "dead.test": ()})
        out = await gather_site(SiteRecord("s", "s", vh.url("site.test")), settings, None)
        head_then_get = [m for m in vh.hits["ext.test"] if m == "/nohead.pdf"]
    by = {c.target_url.split(f":{vh.port}")[-1].replace("http://dead.test", "dead"): c for c in out.link_checks}
    assert by["/gone.html"].outcome == "broken" and by["/gone.html"].status == 404
    assert by["/gone.html"].on_homepage and by["/gone.html"].anchor == "已删除"
    assert by["/soft404.html"].outcome == "broken" and by["/soft404.html"].soft_404
    assert by["/soft404.html"].status == 200 and by["/soft404.html"].error_class is None      # model classes only
    from govinspect.model.artifacts import ERROR_CLASSES
    assert all(c.error_class in (None, *ERROR_CLASSES) for c in out.link_checks)
    assert all(p.error_class in (None, *ERROR_CLASSES) for p in out.pages)
    assert by["/slow.html"].outcome == "timeout"
    assert by["/waf"].outcome == "blocked" and by["/waf"].status == 403
    assert by["/nohead.pdf"].outcome == "ok" and len(head_then_get) >= 2     # HEAD 405, then GET
    assert by["/img/missing.png"].outcome == "broken"
    assert by["/ok"].outcome == "ok"
    assert by["dead/"].outcome == "broken" and by["dead/"].error_class in ("dns", "out_of_scope", "refused")
    assert by["/xxgk/"].outcome == "ok" and by["/xxgk/"].position == "nav"


async def test_probes_measure_and_fail_at_the_limit():
    async def slow_home(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(1.0)
        return web.Response(text="<html>late</html>", content_type="text/html")

    async with serve_hosts({"ok.test": small_site(), "slow.test": slow_home}) as vh:
        settings = loopback_settings(["ok.test", "slow.test"], probe_fail_after_s=0.5, probe_count=1)
        async with HttpClient(settings) as client:
            ok = await probe_homepage(vh.url("ok.test"), client, settings)
            slow = await probe_homepage(vh.url("slow.test"), client, settings)
    assert len(ok) == 3 and all(p.ok and p.status == 200 and p.ttfb_ms is not None for p in ok)   # ≥ 3 always
    assert all(p.total_ms >= p.ttfb_ms for p in ok)
    assert len(slow) == 3 and not any(p.ok for p in slow) and {p.error_class for p in slow} == {"timeout"}
    assert all(p.total_ms < 900 for p in slow)


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


async def test_network_facts_https_and_ipv6():
    async with serve_hosts({"v4.test": small_site(), "v6.test": small_site()}) as vh:
        settings = loopback_settings(["v4.test", "v6.test"])
        settings = settings.with_(resolve={"v4.test": ("127.0.0.1",), "v6.test": ("127.0.0.1", "::1")})
        async with HttpClient(settings) as client:
            v4 = await network_facts(vh.url("v4.test"), client, settings)
            v6 = await network_facts(vh.url("v6.test"), client, settings)
    assert v4.https_ok is False and v4.http_redirects_to_https is False and v4.ipv6 is False
    # the server listens on 127.0.0.1 only: an AAAA record that does not answer is not IPv6 support
    assert v6.ipv6 in (False, None) if not _ipv6_loopback() else v6.ipv6 is False
    assert v4.robots_honoured


async def test_spider_views_show_cloaking():
    async def cloaking(request: web.Request) -> web.StreamResponse:
        ua = request.headers.get("User-Agent", "").lower()
        ref = request.headers.get("Referer", "")
        spam = "spider" in ua or "baidu.com" in ref
        body = "<title>澳门新葡京娱乐场</title>" if spam else "<title>某某市人民政府</title>"
        return web.Response(text=f"<html><head>{body}</head></html>", content_type="text/html")

    async with serve_hosts({"c.test": cloaking}) as vh:
        settings = loopback_settings(["c.test"])
        async with HttpClient(settings) as client:
            views = await fetch_spider_views(vh.url("c.test"), client, settings)
    assert {"baiduspider", "360spider", "sogou", "baidu_referer", "browser"} <= set(views)
    assert all("葡京" in views[k].text for k in ("baiduspider", "360spider", "sogou", "baidu_referer"))
    assert "人民政府" in views["browser"].text


async def test_client_retries_redirect_limit_and_waf_200():
    calls = {"n": 0}

    async def flaky(request: web.Request) -> web.StreamResponse:
        if request.path == "/flaky":
            calls["n"] += 1
            if calls["n"] == 1:
                return web.Response(status=503)
            return web.Response(text="<html>ok</html>", content_type="text/html")
        if request.path.startswith("/hop"):
            n = int(request.path[4:] or 0)
            raise web.HTTPFound(f"/hop{n + 1}")
        if request.path == "/challenge":
            return web.Response(text="<html><script>var __jsl_clearance=1;</script>请开启JavaScript</html>",
                                content_type="text/html")
        return web.Response(text="x")

    async with serve_hosts({"f.test": flaky}) as vh:
        settings = loopback_settings(["f.test"], max_redirects=5)
        async with HttpClient(settings) as client:
            flaky_res = await client.fetch(vh.url("f.test", "/flaky"))
            hops = await client.fetch(vh.url("f.test", "/hop0"))
            waf = await client.fetch(vh.url("f.test", "/challenge"))
    assert flaky_res.status == 200 and flaky_res.attempts == 2
    assert hops.error_class == "too_many_redirects" and hops.final_url.endswith("/hop5")
    assert waf.status == 200 and waf.error_class == "blocked"
