"""Canonical URLs, scope, traps, budget and robots.txt (obey / record / ignore) on a real loopback site."""
from __future__ import annotations

from aiohttp import web

from govinspect.gather.canonical_url import canonical_url
from govinspect.gather.crawl_site import crawl_site
from govinspect.gather.frontier import Frontier, link_priority, trap_reason
from govinspect.gather.http_client import HttpClient
from govinspect.gather.site_scope import SiteScope
from govinspect.model.artifacts import Link
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from tests.gather.loopback import loopback_settings, serve_hosts
from tests.gather.site_pages import small_site, small_site_page_count


def test_canonical_urls_merge_spellings_of_one_page():
    a = canonical_url("HTTP://WWW.X.GOV.CN:80/a/../zwgk/index.html;jsessionid=ABC?b=2&a=1&PHPSESSID=9#top")
    assert a == "http://www.x.gov.cn/zwgk/index.html?a=1&b=2"
    assert canonical_url("http://www.x.gov.cn") == "http://www.x.gov.cn/"
    assert canonical_url("javascript:void(0)") is None and canonical_url("mailto:a@b.cn") is None
    assert canonical_url("http://x.cn/中文.html") == "http://x.cn/%E4%B8%AD%E6%96%87.html"


def test_scope_is_the_site_not_every_unit_of_its_registrable_domain():
    portal = SiteScope("http://www.xianning.gov.cn/", aliases=("xxgk.example.cn",))
    assert portal.contains("http://xianning.gov.cn/a") and portal.contains("http://xxgk.xianning.gov.cn/")
    assert portal.contains("http://xxgk.example.cn/x")
    assert not portal.contains("http://jyj.xianning.gov.cn/")     # a bureau: its own site
    assert portal.same_domain("http://jyj.xianning.gov.cn/")
    bureau = SiteScope("http://jyj.xianning.gov.cn/")
    assert bureau.contains("http://jyj.xianning.gov.cn/x") and not bureau.contains("http://www.xianning.gov.cn/")


def test_own_platform_on_a_sibling_host_is_part_of_the_site():
    bureau = SiteScope("http://jyj.xianning.gov.cn/")
    assert not bureau.adopt("http://www.xianning.gov.cn/xxgk/", "信息公开", "nav")      # the domain's portal
    assert not bureau.adopt("http://hd.xianning.gov.cn/jyj/", "互动交流", "body")       # not a menu entry
    assert not bureau.adopt("http://rsj.xianning.gov.cn/xxgk/", "人社局信息公开", "nav")  # another unit's
    assert not bureau.adopt("http://hd.example.cn/", "互动交流", "nav")                  # another government
    assert bureau.adopt("http://hd.xianning.gov.cn/jyj/", "互动交流", "nav")
    assert bureau.contains("http://hd.xianning.gov.cn/jyj/list.html")
    assert bureau.adopt("http://gk.jyj-xxgk.xianning.gov.cn/", "政府信息公开", "footer")


def test_trap_guards_and_priorities():
    assert trap_reason("http://x.cn/cal/2150/01/01/", 2027).startswith("日历陷阱")
    assert trap_reason("http://x.cn/a/b/a/b/a/b/c.html", 2027) == "路径段重复"
    assert trap_reason("http://x.cn/art/2020/7/17/art_1_2.html", 2027) is None
    s = Settings(max_query_variants=3, page_budget=5)
    f = Frontier("http://x.cn/", s, SiteScope("http://x.cn/"))
    assert [f.add(f"http://x.cn/cal?date=2020-07-{d:02d}", 1) is not None for d in range(1, 6)] == \
        [True, True, True, False, False]
    # identifiers name real columns: one List.aspx serves them all and is never limited
    assert all(f.add(f"http://x.cn/List.aspx?ClassID={i}", 1) for i in range(10))
    assert f.add("http://x.cn/report.pdf", 1) is None and f.add("http://other.cn/", 1) is None
    assert any("查询参数" in line for line in f.report())
    nav = Link(url="http://x.cn/zwgk/", text="政务公开", position="nav")
    assert link_priority(nav, nav.url) == 0
    assert link_priority(Link("http://x.cn/zwgk/index_2.html", "2", "body"), "http://x.cn/zwgk/index_2.html") == 1
    assert link_priority(None, "http://x.cn/zwgk/") < link_priority(None, "http://x.cn/art/2020/7/17/art_1_2.html")
    popped = [f.pop() for _ in range(7)]
    assert sum(p is not None for p in popped) == 5                  # page budget


def _robots_site(robots: str):
    inner = small_site()

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/robots.txt":
            return web.Response(text=robots)
        return await inner(request)
    return handle


async def _crawl(robots_txt: str, mode: str):
    async with serve_hosts({"r.test": _robots_site(robots_txt)}) as vh:
        settings = loopback_settings(["r.test"], robots=mode)
        async with HttpClient(settings) as client:
            out = await crawl_site(SiteRecord("r", "r", vh.url("r.test")), client, settings)
        return out, vh.hits["r.test"]


async def test_robots_obey_record_ignore():
    rules = "User-agent: *\nDisallow: /tzgg/\n"
    obey, hits = await _crawl(rules, "obey")
    assert not any("/tzgg/" in p.url for p in obey.pages) and not any(h.startswith("/tzgg/") for h in hits)
    assert any("robots.txt 禁止" in e for e in obey.errors) and obey.robots_text == rules
    record, _ = await _crawl(rules, "record")
    assert any("/tzgg/" in p.url for p in record.pages)
    assert any("robots.txt 禁止的地址" in e for e in record.errors)
    ignore, hits = await _crawl(rules, "ignore")
    assert "/robots.txt" not in hits and len(ignore.pages) == small_site_page_count()


async def test_robots_forbidding_the_homepage_is_recorded_as_blocked_not_crawled():
    out, hits = await _crawl("User-agent: *\nDisallow: /\n", "obey")
    assert out.blocked and out.pages == [] and hits == ["/robots.txt"]
    assert any("robots.txt 禁止抓取首页" in e for e in out.errors)


async def test_resolve_map_routes_hosts_and_unmapped_hosts_are_never_contacted():
    async with serve_hosts({"mapped.test": small_site()}) as vh:
        settings = loopback_settings(["mapped.test"])
        async with HttpClient(settings) as client:
            ok = await client.fetch(vh.url("mapped.test"))
            refused = await client.fetch("http://example.com/")
            literal = await client.fetch("http://93.184.216.34/")
    assert ok.status == 200 and b"<nav>" in ok.body
    assert refused.error_class == "out_of_scope" and refused.status is None
    assert literal.error_class == "out_of_scope"


async def test_a_process_pool_reads_pages_exactly_like_the_event_loop():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    async with serve_hosts({"p.test": small_site(6)}) as vh:
        settings = loopback_settings(["p.test"])
        site = SiteRecord("p", "p", vh.url("p.test"))
        async with HttpClient(settings) as client:
            inline = await crawl_site(site, client, settings)
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as pool:
                pooled = await crawl_site(site, client, settings, parse_pool=pool)
    strip = lambda pages: [(p.url, p.sha256, p.text, p.encoding, p.depth) for p in pages]
    assert strip(pooled.pages) == strip(inline.pages) and len(inline.pages) == small_site_page_count(6)
    assert dict(pooled.link_index.items()) == dict(inline.link_index.items())
