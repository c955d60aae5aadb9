"""Link checks are journaled one batch at a time (each write holds only its batch, not every check so far);
a check killed part-way resumes from the batches written and probes only the rest, with the same results."""
from __future__ import annotations

import sqlite3
from collections import Counter

from aiohttp import web

from govinspect.gather import check_links as check_links_module
from govinspect.gather.check_links import PARTS, check_links
from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.http_client import HttpClient
from govinspect.gather.link_index import LinkIndex
from govinspect.model.artifacts import Link
from govinspect.model.serialize import to_jsonable
from tests.gather.loopback import loopback_settings, serve_hosts

TARGETS = [f"/ok{i}.html" for i in range(10)] + ["/gone1.html", "/gone2.html"]


async def _ext(request: web.Request) -> web.StreamResponse:
    if request.path.startswith("/gone"):
        return web.Response(status=404, text="nope")
    return web.Response(text="<html><title>外部</title><body>外部网站正文</body></html>", content_type="text/html")


async def test_link_checks_resume_from_the_batches_written(tmp_path, monkeypatch):
    monkeypatch.setattr(check_links_module, "BATCH", 3)
    monkeypatch.setattr(check_links_module, "RECHECK_DELAY_S", 0.0)
    async with serve_hosts({"ext.test": _ext}) as vh:
        settings = loopback_settings(["ext.test"])
        index = LinkIndex("http://site.test/")
        index.add_page("http://site.test/", [Link(url=vh.url("ext.test", p), text=p, position="body") for p in TARGETS])

        async def run(journal: CrawlJournal) -> list:
            async with HttpClient(settings) as client:
                return await check_links(index, [], client, settings, lambda u: False, journal)

        first = CrawlJournal(tmp_path / "a.gather.sqlite")
        whole = await run(first)
        hits = Counter(vh.hits["ext.test"])
        # 12 targets in batches of 3, then the two failures checked again: 5 parts, each only its batch
        parts = [first.get_fact(f"{PARTS}.{n}") for n in range(6)]
        assert [len(p) for p in parts[:5]] == [3, 3, 3, 3, 2] and parts[5] is None
        assert {d["target_url"] for p in parts[:4] for d in p} == {c.target_url for c in whole}
        assert [c.outcome for c in whole].count("broken") == 2 and hits["/gone1.html"] == 2
        first.close()

        with sqlite3.connect(tmp_path / "a.gather.sqlite") as db:      # killed after the third batch
            db.execute("DELETE FROM facts WHERE kind IN (?, ?)", (f"{PARTS}.3", f"{PARTS}.4"))
        vh.hits["ext.test"].clear()
        resumed = CrawlJournal(tmp_path / "a.gather.sqlite")
        assert to_jsonable(await run(resumed)) == to_jsonable(whole)
        probed = Counter(vh.hits["ext.test"])
        assert set(probed) == {"/ok7.html", "/ok8.html", "/ok9.html"}      # the fourth batch only (by URL)
        assert resumed.get_fact(f"{PARTS}.3") is not None and resumed.get_fact(f"{PARTS}.4") is None
        resumed.close()

        # a journal written when one fact held every check so far resumes too
        old = CrawlJournal(tmp_path / "old.gather.sqlite")
        old.put_fact(PARTS, [to_jsonable(c) for c in whole])
        vh.hits["ext.test"].clear()
        assert to_jsonable(await run(old)) == to_jsonable(whole) and not vh.hits["ext.test"]
        old.close()
