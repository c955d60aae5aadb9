"""Crawl one site: frontier + http_client → PageSnapshot artifacts (encoding decided), resumable.

Each page is parsed once where it arrives (gather/read_page.py, in the parse pool); its HTML and digest go
to the gather store (page_store.py) and leave memory. One coordinator takes the results while up to
``per_host_connections`` fetches run, so the journal, the frontier and the link index are touched by one
task only.
"""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import date
from sys import intern
from typing import Any

from govinspect.gather.canonical_url import canonical_url, url_host
from govinspect.gather.crawl_journal import CrawlJournal, unpack_json
from govinspect.gather.frontier import Frontier
from govinspect.gather.http_client import HttpClient
from govinspect.gather.link_index import LinkIndex
from govinspect.gather.page_store import PageSource, PageStore, StoredPages, unpack_digest
from govinspect.gather.read_page import PageRead, in_pool, read_page, read_snapshot, reread
from govinspect.gather.render_page import BrowserUnavailable, PageRenderer
from govinspect.gather.robots_rules import MAX_ROBOTS_BYTES, RobotsRules
from govinspect.gather.site_scope import SiteScope
from govinspect.model.artifacts import Link, PageSnapshot
from govinspect.model.records import SiteRecord
from govinspect.model.result import Verdict
from govinspect.model.serialize import from_jsonable
from govinspect.settings import Settings

BLOCKED_STREAK_STOP = 10     # consecutive refusals: the site is blocking us, stop asking
MAX_LINKS_PER_PAGE = 5000    # more is a trap or a dump, not navigation
YIELD_EVERY = 256
MAX_RENDERS = 50             # Chromium renders per site (render_js): seconds each
RENDERED_HEADER = "x-govinspect-rendered"
MAX_LIST_RENDERS = 20       # automatic renders of script-loaded list pages, per site
MAX_ABSORBED = 20_000       # remembered link hashes per site (see _forget_absorbed): ~2.5 MB at most


@dataclass(frozen=True, slots=True)
class CrawledPage:
    """What the crawl keeps of a fetched page while it crawls and checks links: ~100 bytes beside the page's
    URL, which the frontier holds anyway (a snapshot held ~1.3 KB). The snapshot itself is in the gather
    store. Read like a snapshot by the link checker (gather/check_links.py): no HTML at hand."""

    url: str
    final_url: str
    status: int | None
    depth: int
    error_class: str | None
    error_detail: str | None
    soft_404: bool
    text = None

    @classmethod
    def of(cls, snap: PageSnapshot, url: str | None = None) -> CrawledPage:
        """``url``: the frontier's own copy of the URL, held once."""
        url = url if url == snap.url and url is not None else snap.url
        return cls(url, url if snap.final_url == url else snap.final_url, snap.status, snap.depth,
                   intern(snap.error_class) if snap.error_class else None, snap.error_detail, snap.soft_404)


@dataclass
class CrawlOutcome:
    pages: Sequence[PageSnapshot]     # without their HTML, read from ``store`` when asked (StoredPages)
    link_index: LinkIndex
    scope: SiteScope
    blocked: bool = False
    errors: list[str] = field(default_factory=list)
    robots_text: str | None = None
    store: PageStore | None = None
    script_built: set[str] = field(default_factory=set)   # URLs of pages only a browser shows (--render-js)
    records: list[CrawledPage] = field(default_factory=list)   # the same pages, in the same order, compact

    def source(self) -> PageSource:
        return self.store.source() if self.store is not None else PageSource()

    def text(self, url: str) -> str | None:
        """A page's HTML, from the gather store."""
        return self.store.text(url) if self.store is not None else None


async def load_robots(client: HttpClient, site_url: str, settings: Settings,
                      journal: CrawlJournal | None) -> RobotsRules | None:
    if settings.robots == "ignore":
        return None
    cached = journal.get_fact("robots") if journal else None
    if cached is None:
        res = await client.fetch(site_url.rstrip("/") + "/robots.txt", max_bytes=MAX_ROBOTS_BYTES, retries=0)
        text = res.body.decode("utf-8", errors="replace") if res.ok and res.body else ""
        if "<html" in text[:500].lower():
            text = ""          # a soft-404 HTML page is no robots.txt
        cached = {"text": text}
        if journal:
            journal.put_fact("robots", cached)
    rules = RobotsRules(cached["text"] or None)
    delay = rules.crawl_delay()
    if delay and settings.robots == "obey":
        client.set_host_delay(url_host(site_url), delay)
    return rules


class _Crawl:
    def __init__(self, site: SiteRecord, client: HttpClient, settings: Settings, journal: CrawlJournal | None,
                 progress: Any, parse_pool: Executor | None = None, as_of: date | None = None):
        self.parse_pool = parse_pool
        self.as_of = as_of or date.today()
        self.store = PageStore(journal)
        self.script_built: set[str] = set()
        self.site, self.client, self.settings, self.journal, self.progress = site, client, settings, journal, progress
        self.scope = SiteScope(site.url, settings.scope_aliases)
        self.home = canonical_url(site.url) or site.url
        self.pages: list[CrawledPage] = []
        self.links = LinkIndex(self.home, settings.crawl_state_in_memory)
        self._absorbed: set[int] = set()      # see _forget_absorbed
        self._absorbed_scope = 0
        self.errors: list[str] = []
        self.blocked = False
        self.blocked_streak = 0
        self.frontier: Frontier | None = None
        self.renderer: PageRenderer | None = None
        self.renders_left = MAX_RENDERS
        self.list_renders_left = MAX_LIST_RENDERS

    async def absorb(self, snap: PageSnapshot, found: list[Link] | None = None, url: str | None = None) -> None:
        """Take a page into the outcome and queue its links. A resumed crawl replays the journal through
        here in the same order, so the frontier makes exactly the decisions the killed run made. ``url``:
        the frontier's copy of the page's URL."""
        assert self.frontier is not None
        self.pages.append(CrawledPage.of(snap, url))
        final = canonical_url(snap.final_url)
        if snap.url == self.home and final and final != self.home and not snap.error_class:
            self.scope.add_host(url_host(final))       # the homepage moved: the site lives there too
        if final:
            self.frontier.mark_seen(final)
        if not snap.readable:
            return
        found = found or []
        if len(found) > MAX_LINKS_PER_PAGE:
            self.errors.append(f"页面链接过多（{len(found)} 个），只处理前 {MAX_LINKS_PER_PAGE} 个：{snap.url}")
            found = found[:MAX_LINKS_PER_PAGE]
        at_home = snap.url == self.home
        absorbed = self._absorbed       # see _forget_absorbed
        if self.scope.size != self._absorbed_scope or len(absorbed) > MAX_ABSORBED:
            self._forget_absorbed()
        for i in range(0, len(found), YIELD_EVERY):
            taken: list[Link] = []
            canons: list[str | None] = []      # each taken link's canonical URL, for the frontier and the index
            for link in found[i:i + YIELD_EVERY]:
                if not at_home:
                    key = hash((link.url, link.text, link.position, link.tag))
                    if key in absorbed:
                        continue
                    absorbed.add(key)
                taken.append(link)
                canon = canonical_url(link.url)
                canons.append(canon)
                if self.scope.adopt(link.url, link.text, link.position):     # 信息公开/互动 on a sibling host
                    self._forget_absorbed()
                self.frontier.add(link.url, snap.depth + 1, snap.final_url, link, canon=canon)
            self.links.add_page(snap.url, taken, canons)
            if len(found) > YIELD_EVERY:
                await asyncio.sleep(0)       # a page with thousands of links must not stall other sites

    def _forget_absorbed(self) -> None:
        """``_absorbed`` holds hashes of the links (URL, text, position, tag) taken in from pages other than
        the homepage while the site's scope was what it is now: taking one in again is a no-op (its target
        indexed, queued or refused for good, its adoption decided), and a site's template repeats its menus
        and footer on every page. A host joining the site reopens every decision. Past ``MAX_ABSORBED``
        hashes it starts again (links are then taken in once more, which changes nothing)."""
        self._absorbed.clear()
        self._absorbed_scope = self.scope.size

    async def maybe_render(self, read: PageRead) -> PageRead:
        """A page whose navigation is written by scripts (``render_js``), or a list page whose items a
        script loads (automatic when Chromium is installed), is read through the browser."""
        snap = read.snap
        if read.digest is None:
            return read
        nav = self.settings.render_js and self.renders_left > 0 and read.script_nav
        listed = not nav and self.settings.render_script_lists and self.list_renders_left > 0 and read.script_list
        if not (nav or listed):
            return read
        if listed:
            self.list_renders_left -= 1
        else:
            self.renders_left -= 1
        if self.renderer is None:
            try:
                self.renderer = await PageRenderer(self.settings).__aenter__()
            except BrowserUnavailable as exc:
                self.renders_left = self.list_renders_left = 0
                if nav:          # asked for; the automatic list fallback stays quiet (extract says why)
                    self.errors.append(f"无法用浏览器渲染脚本页面：{exc}")
                return read
        rendered = await self.renderer.render(snap.final_url)
        if rendered.html is None:
            self.errors.append(f"浏览器渲染失败：{snap.url}（{rendered.error}）")
            return read
        return await in_pool(self.parse_pool, reread, snap, rendered.html,
                             {**snap.headers, RENDERED_HEADER: "chromium"}, self.as_of, self.site.url)

    def note_refusal(self, snap: PageSnapshot) -> None:
        if snap.error_class == "blocked":
            self.blocked_streak += 1
            if snap.url == self.home or self.blocked_streak >= BLOCKED_STREAK_STOP:
                self.blocked = True
        else:
            self.blocked_streak = 0

    async def run(self) -> CrawlOutcome:
        robots = await load_robots(self.client, self.site.url, self.settings, self.journal)
        self.frontier = Frontier(self.site.url, self.settings, self.scope, robots)
        replayed = self._replay_rows()
        if not replayed and robots is not None and not robots.allowed(self.home) and self.settings.robots == "obey":
            self.blocked = True
            self.errors.append(f"robots.txt 禁止抓取首页，按设置未抓取本站（{Verdict.NOT_ASSESSED}）")
        else:
            self.frontier.add(self.home, 0, None, priority=0)
        for snap, found in replayed:
            await self.absorb(snap, found)
            self.note_refusal(snap)
            if self.progress is not None:
                self.progress.page_fetched(self.site)
        self.frontier.forget_fetched([snap.url for snap, _ in replayed])
        try:
            if not self.blocked:
                await self._fetch_loop()
        finally:
            if self.renderer is not None:
                await self.renderer.__aexit__(None, None, None)
        return self._outcome(robots)

    def _count_parse(self, read: PageRead) -> None:
        timings = getattr(self.progress, "timings", None)      # the scan's stage timers (benchmarks)
        if timings is not None:
            timings.add("parse", *read.seconds)

    def _replay_rows(self) -> list[tuple[PageSnapshot, list[Link]]]:
        """The journal's pages (a resumed crawl): snapshots without HTML and their links, from the stored
        digests; a page stored without a usable digest is read again from its stored HTML."""
        if self.journal is None:
            return []
        out = []
        for url, blob in self.journal.page_digests():
            digest = unpack_digest(blob)
            if digest is not None and digest.as_of == self.as_of:
                out.append((digest.snap, digest.links))
                continue
            row = self.journal.page_row(url)
            assert row is not None
            read = read_snapshot(from_jsonable(PageSnapshot, unpack_json(row[0])), self.as_of, self.site.url)
            if read.digest is not None:
                self.journal.replace_page(read.snap, read.packed, read.digest)
            if read.script_built:
                self.script_built.add(read.snap.url)
            out.append((read.snap, read.links))
        return out

    async def _fetch_and_read(self, url: str, depth: int, referrer: str | None) -> PageRead:
        res = await self.client.fetch(url)
        return await in_pool(self.parse_pool, read_page, res, depth, referrer, url, self.as_of, self.site.url)

    async def _fetch_loop(self) -> None:
        assert self.frontier is not None
        width = max(1, min(self.settings.concurrency, self.settings.per_host_connections))
        running: dict[asyncio.Task, tuple[str, int, str | None]] = {}
        try:
            while True:
                while len(running) < width and not self.blocked:
                    nxt = self.frontier.pop()
                    if nxt is None:
                        break
                    running[asyncio.ensure_future(self._fetch_and_read(*nxt))] = nxt
                if not running:
                    return
                done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    url = running.pop(task)[0]
                    read = await self.maybe_render(task.result())
                    self._count_parse(read)
                    snap, found = read.snap, read.links
                    if snap.url != self.home and not snap.error_class and not self.scope.contains(snap.final_url):
                        snap, found = _out_of_scope(snap), []
                        read = read_snapshot(snap, self.as_of, self.site.url)
                    if read.script_built:
                        self.script_built.add(snap.url)
                    await self.absorb(snap, found, url)
                    self.store.put(snap, read.packed, read.digest)
                    self.note_refusal(snap)
                    if self.progress is not None:
                        self.progress.page_fetched(self.site)
        finally:
            for task in running:
                task.cancel()

    def _outcome(self, robots: RobotsRules | None) -> CrawlOutcome:
        assert self.frontier is not None
        home = next((p for p in self.pages if p.url == self.home), None)
        if home is not None and home.error_class:
            self.errors.insert(0, f"首页抓取失败（{home.error_class}）：{home.error_detail or ''}".rstrip("："))
        if self.blocked:
            self.errors.insert(0, f"网站拒绝抓取（403/429/防火墙拦截），本站{Verdict.NOT_ASSESSED}")
        failed = sum(1 for p in self.pages if p.error_class and p.url != self.home)
        if failed:
            self.errors.append(f"{failed} 个页面抓取失败（原因见页面记录）")
        self.errors.extend(self.frontier.report())
        self.links.drop(self.frontier.trapped)
        self.frontier.close()
        ordered = sorted(self.pages, key=lambda p: (p.url != self.home, p.depth, p.url))
        pages = StoredPages(self.store.source(), [p.url for p in ordered])
        return CrawlOutcome(pages=pages, link_index=self.links, scope=self.scope, blocked=self.blocked,
                            errors=self.errors, robots_text=robots.text if robots else None, store=self.store,
                            script_built=self.script_built, records=ordered)


def _out_of_scope(snap: PageSnapshot) -> PageSnapshot:
    return replace(snap, text=None, text_chars=0, error_class="out_of_scope",
                   error_detail=f"重定向到站外：{snap.final_url}")


async def crawl_site(site: SiteRecord, client: HttpClient, settings: Settings, journal: CrawlJournal | None = None,
                     progress: Any = None, parse_pool: Executor | None = None,
                     as_of: date | None = None) -> CrawlOutcome:
    """Crawl ``site`` within the settings' budget; resume from ``journal`` when it holds pages.

    ``parse_pool`` (e.g. a ``ProcessPoolExecutor``) decodes and digests pages off the event loop; each
    fetch slot waits for its page's parse, so the crawl never runs ahead of parsing. ``as_of``: the
    监测时间点 the pages are read for (default today).
    """
    return await _Crawl(site, client, settings, journal, progress, parse_pool, as_of).run()
