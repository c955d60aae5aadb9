"""Crawl one site: frontier + http_client → PageSnapshot artifacts (encoding decided), resumable.

Parsing happens in one coordinator while up to ``per_host_connections`` fetches run, so the journal,
the frontier and the link index are touched by one task only.
"""
from __future__ import annotations

import asyncio
import re
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from govinspect.gather.canonical_url import canonical_url, url_host
from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.frontier import Frontier
from govinspect.gather.http_client import HttpClient
from govinspect.gather.link_index import LinkIndex
from govinspect.gather.read_page import page_links, read_page_async
from govinspect.gather.render_page import BrowserUnavailable, PageRenderer
from govinspect.gather.robots_rules import MAX_ROBOTS_BYTES, RobotsRules
from govinspect.gather.site_scope import SiteScope
from govinspect.model.artifacts import Link, PageSnapshot
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings

BLOCKED_STREAK_STOP = 10     # consecutive refusals: the site is blocking us, stop asking
MAX_LINKS_PER_PAGE = 5000    # more is a trap or a dump, not navigation
YIELD_EVERY = 256
MAX_RENDERS = 50             # Chromium renders per site (render_js): seconds each
RENDERED_HEADER = "x-govinspect-rendered"
SCRIPT_LINK = re.compile(r"<a\s[^>]*href", re.IGNORECASE)


MAX_LIST_RENDERS = 20       # automatic renders of script-loaded list pages, per site
_SCRIPT_LIST = re.compile(r"\$\.(?:ajax|get|post|getJSON)\s*\(|XMLHttpRequest|\bfetch\s*\(|axios\.|jpage|dataproxy|"
                          r"laypage|v-for=|\{\{\s*\w", re.IGNORECASE)
_DATE_IN_HTML = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_LIST_PATH = re.compile(r"/(?:index|list|default|col\w*|lm\w*|more\w*)?(?:_\d+)?(?:\.s?html?|\.jsp|\.aspx?|\.php)?$"
                        r"|[?&](?:classid|columnid|catid|cid|channelid|page)=", re.IGNORECASE)


def list_written_by_script(url: str, html: str) -> bool:
    """A column page (by its URL) that loads its items with a script (ajax, jpage, templates) and
    serves almost no dates itself: the list is only in the browser."""
    parts = urlsplit(url)
    where = parts.path + (f"?{parts.query}" if parts.query else "")
    return bool(_LIST_PATH.search(where) and _SCRIPT_LIST.search(html)
                and len(_DATE_IN_HTML.findall(html, 0, 300_000)) < 3)


def looks_script_written(html: str) -> bool:
    """Scripts but (almost) no links in the served HTML: the navigation is built in the browser."""
    return "<script" in html.lower() and len(SCRIPT_LINK.findall(html, 0, 200_000)) < 3


@dataclass
class CrawlOutcome:
    pages: list[PageSnapshot]
    link_index: LinkIndex
    scope: SiteScope
    blocked: bool = False
    errors: list[str] = field(default_factory=list)
    robots_text: str | None = None


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
                 progress: Any, parse_pool: Executor | None = None):
        self.parse_pool = parse_pool
        self.site, self.client, self.settings, self.journal, self.progress = site, client, settings, journal, progress
        self.scope = SiteScope(site.url, settings.scope_aliases)
        self.home = canonical_url(site.url) or site.url
        self.pages: list[PageSnapshot] = []
        self.links = LinkIndex(self.home)
        self.errors: list[str] = []
        self.blocked = False
        self.blocked_streak = 0
        self.frontier: Frontier | None = None
        self.renderer: PageRenderer | None = None
        self.renders_left = MAX_RENDERS
        self.list_renders_left = MAX_LIST_RENDERS

    async def absorb(self, snap: PageSnapshot, found: list[Link] | None = None) -> None:
        """Take a page into the outcome and queue its links. A resumed crawl replays the journal through
        here in the same order, so the frontier makes exactly the decisions the killed run made."""
        assert self.frontier is not None
        self.pages.append(snap)
        final = canonical_url(snap.final_url)
        if snap.url == self.home and final and final != self.home and not snap.error_class:
            self.scope.add_host(url_host(final))       # the homepage moved: the site lives there too
        if final:
            self.frontier.seen.add(final)
        if not snap.text:
            return
        found = page_links(snap) if found is None else found
        if len(found) > MAX_LINKS_PER_PAGE:
            self.errors.append(f"页面链接过多（{len(found)} 个），只处理前 {MAX_LINKS_PER_PAGE} 个：{snap.url}")
            found = found[:MAX_LINKS_PER_PAGE]
        for i in range(0, len(found), YIELD_EVERY):
            chunk = found[i:i + YIELD_EVERY]
            self.links.add_page(snap.url, chunk)
            for link in chunk:
                self.scope.adopt(link.url, link.text, link.position)     # 信息公开/互动 on a sibling host
                self.frontier.add(link.url, snap.depth + 1, snap.final_url, link)
            if len(found) > YIELD_EVERY:
                await asyncio.sleep(0)       # a page with thousands of links must not stall other sites

    async def maybe_render(self, snap: PageSnapshot) -> PageSnapshot:
        """A page whose navigation is written by scripts (``render_js``), or a list page whose items a
        script loads (automatic when Chromium is installed), is read through the browser."""
        if not snap.text:
            return snap
        nav = self.settings.render_js and self.renders_left > 0 and looks_script_written(snap.text)
        listed = (not nav and self.settings.render_script_lists and self.list_renders_left > 0
                  and list_written_by_script(snap.final_url or snap.url, snap.text))
        if not (nav or listed):
            return snap
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
                return snap
        rendered = await self.renderer.render(snap.final_url)
        if rendered.html is None:
            self.errors.append(f"浏览器渲染失败：{snap.url}（{rendered.error}）")
            return snap
        return replace(snap, text=rendered.html, headers={**snap.headers, RENDERED_HEADER: "chromium"})

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
        replayed = self.journal.pages() if self.journal else []
        if not replayed and robots is not None and not robots.allowed(self.home) and self.settings.robots == "obey":
            self.blocked = True
            self.errors.append("robots.txt 禁止抓取首页，按设置未抓取本站（未能检测）")
        else:
            self.frontier.add(self.home, 0, None, priority=0)
        for snap in replayed:
            await self.absorb(snap)
            self.note_refusal(snap)
            if self.progress is not None:
                self.progress.page_fetched(self.site)
        self.frontier.forget_fetched([snap.url for snap in replayed])
        try:
            if not self.blocked:
                await self._fetch_loop()
        finally:
            if self.renderer is not None:
                await self.renderer.__aexit__(None, None, None)
        return self._outcome(robots)

    async def _fetch_and_read(self, url: str, depth: int, referrer: str | None) -> tuple[PageSnapshot, list[Link]]:
        res = await self.client.fetch(url)
        return await read_page_async(res, depth, referrer, url, self.parse_pool)

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
                    running.pop(task)
                    snap, found = task.result()
                    rendered = await self.maybe_render(snap)
                    if rendered is not snap:
                        snap, found = rendered, None
                    if snap.url != self.home and not snap.error_class and not self.scope.contains(snap.final_url):
                        snap, found = _out_of_scope(snap), []
                    await self.absorb(snap, found)
                    if self.journal:
                        self.journal.add_page(snap)
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
            self.errors.insert(0, "网站拒绝抓取（403/429/防火墙拦截），本站未能检测")
        failed = sum(1 for p in self.pages if p.error_class and p.url != self.home)
        if failed:
            self.errors.append(f"{failed} 个页面抓取失败（原因见页面记录）")
        self.errors.extend(self.frontier.report())
        self.links.drop(self.frontier.trapped)
        ordered = sorted(self.pages, key=lambda p: (p.url != self.home, p.depth, p.url))
        return CrawlOutcome(pages=ordered, link_index=self.links, scope=self.scope, blocked=self.blocked,
                            errors=self.errors, robots_text=robots.text if robots else None)


def _out_of_scope(snap: PageSnapshot) -> PageSnapshot:
    return replace(snap, text=None, error_class="out_of_scope", error_detail=f"重定向到站外：{snap.final_url}")


async def crawl_site(site: SiteRecord, client: HttpClient, settings: Settings, journal: CrawlJournal | None = None,
                     progress: Any = None, parse_pool: Executor | None = None) -> CrawlOutcome:
    """Crawl ``site`` within the settings' budget; resume from ``journal`` when it holds pages.

    ``parse_pool`` (e.g. a ``ProcessPoolExecutor``) decodes pages and extracts links off the event loop.
    """
    return await _Crawl(site, client, settings, journal, progress, parse_pool).run()
