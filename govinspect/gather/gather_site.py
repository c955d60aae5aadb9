"""Gather one site: crawl + link checks + homepage probes + network facts + spider views.

This is what the pipeline calls. Each step is journaled when it finishes, so a gather killed at
any moment resumes without fetching committed work again. A step that raises is recorded in
``errors`` and its artifact stays None (未能检测): it never turns into a pass or a fail.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from govinspect.gather.check_links import check_links
from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.crawl_site import CrawledPage, crawl_site
from govinspect.gather.fetch_attachments import fetch_attachments
from govinspect.gather.fetch_spider_views import fetch_spider_views
from govinspect.gather.gather_outcome import GatherOutcome
from govinspect.gather.http_client import HttpClient
from govinspect.gather.network_facts import network_facts
from govinspect.gather.probe_homepage import probe_homepage
from govinspect.gather.read_page import in_pool, reread
from govinspect.gather.render_site_pages import render_site_pages
from govinspect.model.artifacts import LinkCheck, NetworkFacts, PageSnapshot, Probe
from govinspect.model.packed_list import PackedList
from govinspect.model.records import SiteRecord
from govinspect.model.serialize import from_jsonable, to_jsonable
from govinspect.settings import Settings

T = TypeVar("T")
log = logging.getLogger(__name__)
UNREACHABLE = ("timeout", "dns", "refused", "tls", "out_of_scope")


class GatherProgress(Protocol):
    """What gather reports; ``pipeline/scan_progress.py`` draws it with rich (silent when quiet)."""

    def site_started(self, site: SiteRecord, budget: int) -> None: ...
    def page_fetched(self, site: SiteRecord) -> None: ...


async def _step(name: str, journal: CrawlJournal | None, errors: list[str], run: Callable[[], Awaitable[T]],
                load: Callable[[Any], T], dump: Callable[[T], Any] = to_jsonable) -> T | None:
    """Run one gather step once per journal; a failure is recorded, never raised."""
    if journal is not None:
        saved = journal.get_fact(name)
        if saved is not None:
            return load(saved)
    try:
        value = await run()
    except Exception as exc:
        errors.append(f"{name} 采集出错：{type(exc).__name__}: {exc}"[:300])
        log.exception("gather step %s failed", name)
        return None
    if journal is not None:
        journal.put_fact(name, dump(value))
    return value


async def gather_site(site: SiteRecord, settings: Settings, journal_dir: Path | None,
                      progress: GatherProgress | None = None, client: HttpClient | None = None,
                      parse_pool: Executor | None = None, as_of: date | None = None,
                      journal: CrawlJournal | None = None) -> GatherOutcome:
    """Everything the network can tell about ``site``; resumable through ``journal_dir``.

    ``client`` shares one connection pool between sites; ``parse_pool`` (a process pool) decodes and
    digests pages on other cores; ``as_of`` is the 监测时间点 they are read for (default today).
    ``journal``: an open journal the caller owns (a distributed job's mirrored one) instead of a file
    in ``journal_dir``.
    """
    as_of = as_of or date.today()
    own_journal = journal is None
    if journal is None and journal_dir is not None:
        journal = CrawlJournal.for_site(journal_dir, site.site_code)
    if progress is not None and hasattr(progress, "site_started"):
        progress.site_started(site, settings.page_budget)
    own = client is None
    client = client or await HttpClient(settings).__aenter__()
    try:
        return await _gather(site, settings, journal, progress, client, parse_pool, as_of)
    finally:
        if own:
            await client.close()
        if journal is not None and own_journal:
            journal.close()
        elif journal is not None:
            journal.commit()         # the caller's journal: what the assessment will read is on disk


async def _probes(site: SiteRecord, settings: Settings) -> list[Probe]:
    # Own connection pool: probes must not queue behind the crawl's per-host connections.
    async with HttpClient(settings) as probe_client:
        return await probe_homepage(site.url, probe_client, settings)


async def _gather(site: SiteRecord, settings: Settings, journal: CrawlJournal | None, progress: Any,
                  client: HttpClient, parse_pool: Executor | None, as_of: date) -> GatherOutcome:
    out = GatherOutcome(site=site, as_of=as_of)
    probes_task = asyncio.ensure_future(_step(
        "probes", journal, out.errors, lambda: _probes(site, settings),
        lambda d: [from_jsonable(Probe, p) for p in d]))
    try:
        crawl = await crawl_site(site, client, settings, journal, progress, parse_pool, as_of)
    except (asyncio.CancelledError, KeyboardInterrupt):
        probes_task.cancel()
        raise
    except Exception as exc:
        log.exception("crawl of %s failed", site.url)
        out.errors.append(f"网站抓取出错：{type(exc).__name__}: {exc}"[:300])
        out.probes = await probes_task
        return out
    out.pages, out.blocked, out.robots_text = crawl.pages, crawl.blocked, crawl.robots_text
    out.errors.extend(crawl.errors)
    if settings.render_js and not crawl.blocked:
        shots = journal.path.parent / "screenshots" if journal is not None and hasattr(journal, "path") else None
        pages = list(out.pages)
        rendered = await render_site_pages(pages, settings, shots, crawl.script_built)
        for i, html in rendered.html.items():       # the rendered DOM replaces the served HTML
            snap = pages[i]
            read = await in_pool(parse_pool, reread, snap, html, snap.headers, as_of, site.url)
            assert crawl.store is not None
            crawl.store.replace(read.snap, read.packed, read.digest)
            pages[i] = read.snap
            crawl.records[i] = CrawledPage.of(read.snap, crawl.records[i].url)
        out.pages = pages
        out.rendered_links, out.screenshots = rendered.links, rendered.screenshots
        out.errors.extend(rendered.errors)
    out.source = crawl.source()
    if crawl.blocked:
        out.link_checks = []
    else:
        checked = await _step(
            "link_checks", journal, out.errors,
            lambda: check_links(crawl.link_index, crawl.records, client, settings, crawl.scope.contains, journal),
            lambda d: [from_jsonable(LinkCheck, c) for c in d])
        # held until the site is assessed, and sent to the assessing process: packed (up to link_check_budget)
        out.link_checks = None if checked is None else PackedList(checked)
    if not crawl.blocked:   # not journaled: the bytes may hold personal data and are never kept
        out.attachments = await fetch_attachments(crawl.link_index, crawl.scope.contains, settings)
    out.network = await _step("network", journal, out.errors, lambda: network_facts(site.url, client, settings),
                              lambda d: from_jsonable(NetworkFacts, d))
    home = crawl.records[0] if crawl.records else None
    if home is not None and home.error_class in UNREACHABLE:
        out.errors.append(f"首页无法打开（{home.error_class}），未采集搜索引擎视角页面")
        out.probes = await probes_task
        return out
    out.spider_views = await _step("spider_views", journal, out.errors,
                                   lambda: fetch_spider_views(site.url, client, settings),
                                   lambda d: {k: from_jsonable(PageSnapshot, v) for k, v in d.items()})
    out.probes = await probes_task
    return out
