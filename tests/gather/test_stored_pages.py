"""The crawl keeps a compact record of each page; the snapshots come back from the gather store, equal."""
from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from aiohttp import web

from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.crawl_site import CrawledPage, crawl_site
from govinspect.gather.http_client import HttpClient
from govinspect.gather.page_store import StoredPages
from govinspect.model.records import SiteRecord
from tests.gather.loopback import loopback_settings, serve_hosts
from tests.gather.site_pages import small_site

AS_OF = date(2020, 7, 17)


def _site():
    inner = small_site(extra_links='<a href="/gone.html">已删除</a>')

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/gone.html":
            return web.Response(status=404, text="nope")
        return await inner(request)
    return handle


@pytest.mark.parametrize("journaled", [True, False])
async def test_records_agree_with_the_stored_snapshots(tmp_path: Path, journaled: bool) -> None:
    async with serve_hosts({"c.test": _site()}) as vh:
        settings = loopback_settings(["c.test"])
        site = SiteRecord("c", "c", vh.url("c.test"))
        journal = CrawlJournal.for_site(tmp_path, "c") if journaled else None
        try:
            async with HttpClient(settings) as client:
                out = await crawl_site(site, client, settings, journal, as_of=AS_OF)
            assert isinstance(out.pages, StoredPages) and all(type(r) is CrawledPage for r in out.records)
            snaps = list(out.pages)
            assert [s.url for s in snaps] == [r.url for r in out.records] and len(snaps) == len(out.pages) > 5
            for r, s in zip(out.records, snaps, strict=True):     # what the link checker and the outcome read
                assert (r.url, r.final_url, r.status, r.depth, r.error_class, r.error_detail, r.soft_404) == \
                       (s.url, s.final_url, s.status, s.depth, s.error_class, s.error_detail, s.soft_404)
            assert any(r.status == 404 for r in out.records) and all(s.text is None and s.headers for s in snaps)
            # sent to the assessing process: the store's handle and the URLs, not the pages
            again = pickle.loads(pickle.dumps(out.pages))
            assert again == snaps and out.pages[0] == snaps[0]
            if journaled:
                assert len(pickle.dumps(out.pages)) < len(pickle.dumps(snaps)) / 2
            pages, digests = again.with_digests(AS_OF, site.url)
            assert pages == snaps and digests and set(digests) < {s.url for s in snaps}    # the 404 has none
            assert all(digests[p.url].snap is p for p in pages if p.url in digests)           # held once
        finally:
            if journal is not None:
                journal.close()
