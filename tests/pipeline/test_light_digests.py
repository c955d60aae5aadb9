"""A scan's extract stage reads light digests and each page's per-page parts again one page at a time,
into packed lists: the artifacts are equal to those read from whole digests held together."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from aiohttp import web

from govinspect.extract.understand_site import understand_digests
from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.crawl_site import crawl_site
from govinspect.gather.gather_outcome import GatherOutcome
from govinspect.gather.http_client import HttpClient
from govinspect.gather.page_store import StoredPages
from govinspect.model.packed_list import PackedList
from govinspect.model.records import SiteRecord
from govinspect.model.serialize import to_jsonable
from govinspect.pipeline.gather_and_extract import artifacts_from_outcome
from tests.gather.loopback import loopback_settings, serve_hosts
from tests.gather.site_pages import NAV, page, small_site

AS_OF = date(2020, 7, 17)


def _site() -> web.RequestHandler:
    """small_site, its articles dated and sourced, one carrying an unmasked ID number, one page gone."""
    inner = small_site(articles_per_column=6, extra_links='<a href="/gone.html">已删除</a>')

    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        for name, col in NAV:
            if path.startswith(col + "art"):
                k = int(path[len(col) + 3:].split(".")[0])
                id_line = "<p>申请人身份证号：420102199003071232</p>" if k == 2 else ""
                body = (f"<h1>{name}第{k}号文章</h1><div>发布时间：2020-07-{10 + k:02d} 来源：测试市政府办公室</div>"
                        f"<p>为进一步做好{name}工作，现将有关事项通知如下。</p>{id_line}")
                return web.Response(text=page(f"{name}第{k}号文章", body), content_type="text/html")
        if path == "/gone.html":
            return web.Response(status=404, text="nope")
        return await inner(request)
    return handle


@pytest.mark.parametrize("as_of", [AS_OF, date(2020, 8, 1)])     # the second: digests made again from the HTML
async def test_light_digests_give_the_artifacts_whole_ones_give(tmp_path: Path, as_of: date) -> None:
    async with serve_hosts({"c.test": _site()}) as vh:
        settings = loopback_settings(["c.test"])
        site = SiteRecord("c", "测试市人民政府", vh.url("c.test"), organizer="测试市人民政府办公室")
        journal = CrawlJournal.for_site(tmp_path, "c")
        try:
            async with HttpClient(settings) as client:
                crawled = await crawl_site(site, client, settings, journal, as_of=AS_OF)
        finally:
            journal.close()
    assert isinstance(crawled.pages, StoredPages) and len(crawled.pages) > 20
    outcome = GatherOutcome(site=site, as_of=as_of, pages=crawled.pages, source=crawled.pages.source)
    light = artifacts_from_outcome(site, outcome, as_of)

    source = crawled.pages.source
    pages, digests = list(crawled.pages), source.digests(as_of, site.url)
    hits: list = []
    whole = understand_digests(pages, digests, site.url, as_of, personal_hits=hits)

    for name in ("articles", "metas", "footers", "page_analyses", "links"):
        assert isinstance(getattr(light, name), PackedList), name
    assert isinstance(light.pages, PackedList) and light.pages == pages
    assert len(light.articles) >= 15 and light.page_analyses and any(light.footers)
    # the page's hit, read from its whole digest (the stored HTML is masked: none when digests are made again)
    assert light.personal_data == hits and bool(hits) == (as_of == AS_OF)
    for name in ("columns", "page_kinds", "understanding", "homepage", "homepage_items", "links", "footers",
                 "messages", "service_guides", "articles", "org_entries", "metas", "page_analyses"):
        assert to_jsonable(getattr(light, name)) == to_jsonable(getattr(whole, name)), name
