"""The crawl frontier of one site: canonical URLs, dedupe, scope, budget, depth, trap guards, robots.

Pages are handed out by priority so a page budget covers the column tree first: navigation, then
pagination, then list-like pages, then articles.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from govinspect.gather.canonical_url import canonical_url
from govinspect.gather.robots_rules import RobotsRules
from govinspect.gather.site_scope import SiteScope
from govinspect.model.artifacts import Link
from govinspect.settings import Settings

NOT_PAGES = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|zip|rar|7z|gz|tar|jpe?g|png|gif|bmp|webp|svg|ico|css|js|mp[34]|avi|"
    r"flv|wmv|mov|swf|apk|exe|msi|txt|xml|json|ofd|ceb|tif+)$", re.IGNORECASE)
PAGER_TEXT = re.compile(r"^(?:下一页|下页|上一页|上页|尾页|末页|\d{1,4}|>|>>|»|next|last)$", re.IGNORECASE)
PAGER_URL = re.compile(r"(?:index|list|default)_\d+\.s?html?$|[?&](?:page|pageno|pageindex|p|curpage|currentpage|"
                       r"pagenum|pn|start)=\d+", re.IGNORECASE)
LIST_URL = re.compile(r"(?:/|/(?:index|list|default|column|col)[^/]*\.s?html?|/col/col\d+/.*)$", re.IGNORECASE)
ARTICLE_URL = re.compile(r"/t\d{8}_\d+|/art/\d{4}/|/\d{6,}|/content_\d+|/info/\d+/\d+|art_\d+_\d+", re.IGNORECASE)
YEAR_MONTH = re.compile(r"(?<!\d)((?:19|2\d)\d{2})[-/_]?(0[1-9]|1[0-2])(?:[-/_]?(?:0[1-9]|[12]\d|3[01]))?(?!\d)")
ID_PARAM = re.compile(r"id$|^id|class|cat|col|chan|node|page|^pn$|^p$|^no$|num|type|code|menu|item|art|info|"
                      r"doc|news|sort_?id|tid|^c$|^a$|^m$|^mod|^act|^ac$|^op$|^do$|^s$", re.IGNORECASE)
MAX_URL_LENGTH = 1000
EXAMPLES_PER_REASON = 3


def link_priority(link: Link | None, url: str) -> int:
    """0 navigation, 1 pagination, 2 list-like, 3 other, 4 article-like (lower is sooner)."""
    if link is not None and link.position == "nav":
        return 0
    path_q = url.split("://", 1)[-1]
    path_q = path_q[path_q.find("/"):] if "/" in path_q else "/"
    if (link is not None and PAGER_TEXT.match(link.text.strip())) or PAGER_URL.search(path_q):
        return 1
    if ARTICLE_URL.search(path_q):
        return 4
    if LIST_URL.search(path_q.split("?")[0]):
        return 2
    return 3


def trap_reason(url: str, max_year: int) -> str | None:
    if len(url) > MAX_URL_LENGTH:
        return "地址过长"
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and max(Counter(segments).values()) >= 3:
        return "路径段重复"
    for m in YEAR_MONTH.finditer(parts.path + "?" + parts.query):
        year = int(m.group(1))
        if year < 1990 or year > max_year:
            return f"日历陷阱（{year} 年）"
    return None


class Frontier:
    def __init__(self, site_url: str, settings: Settings, scope: SiteScope, robots: RobotsRules | None = None,
                 today: date | None = None):
        self.settings = settings
        self.scope = scope
        self.robots = robots
        self._max_year = (today or date.today()).year + 1
        self._heap: list[tuple[int, int, int, str, str | None]] = []
        self._seq = 0
        self.seen: set[str] = set()
        self.dispatched = 0
        self._variants: dict[tuple, set[tuple]] = {}
        self.skipped: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.robots_disallowed = 0
        self.trapped: set[str] = set()      # trap URLs: neither crawled nor link-checked
        self.home = canonical_url(site_url) or site_url

    def _skip(self, reason: str, url: str) -> None:
        self.skipped[reason] += 1
        ex = self.examples.setdefault(reason, [])
        if len(ex) < EXAMPLES_PER_REASON:
            ex.append(url)

    def add(self, url: str, depth: int, referrer: str | None = None, link: Link | None = None,
            priority: int | None = None) -> tuple[str, int] | None:
        """Queue a URL found on a page → (canonical URL, priority); None when it was seen, out of bounds
        or guarded against."""
        canon = canonical_url(url)
        if canon is None or canon in self.seen:
            return None
        if not self.scope.contains(canon) or NOT_PAGES.search(urlsplit(canon).path):
            return None          # checked by the link checker, never crawled
        self.seen.add(canon)
        if depth > self.settings.max_depth:
            self._skip("超过最大深度", canon)
            return None
        reason = trap_reason(canon, self._max_year)
        if reason is None:
            reason = self._query_trap(canon)
        if reason is not None:
            self.trapped.add(canon)
            self._skip(f"陷阱防护：{reason}", canon)
            return None
        if self.robots is not None and not self.robots.allowed(canon):
            self.robots_disallowed += 1
            if self.settings.robots == "obey":
                self._skip("robots.txt 禁止", canon)
                return None
        prio = link_priority(link, canon) if priority is None else priority
        self._seq += 1
        heapq.heappush(self._heap, (prio, depth, self._seq, canon, referrer))
        return canon, prio

    def _query_trap(self, canon: str) -> str | None:
        """Too many combinations of the non-identifier parameters (dates, sort orders, filters) of one path.

        Identifier and page parameters (ClassID=, id=, page=) name real columns and articles: an
        ASP.NET CMS lists every column through one List.aspx, so those are never limited here.
        """
        parts = urlsplit(canon)
        if not parts.query:
            return None
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        free = tuple((k, v) for k, v in pairs if not ID_PARAM.search(k))
        if not free:
            return None
        key = (parts.netloc, parts.path, tuple(k for k, _ in pairs))
        variants = self._variants.setdefault(key, set())
        if free in variants:
            return None
        if len(variants) >= self.settings.max_query_variants:
            return f"同一路径查询参数组合超过 {self.settings.max_query_variants} 种"
        variants.add(free)
        return None

    def forget_fetched(self, urls: list[str]) -> None:
        """After a journal replay: pages fetched before the interruption leave the queue; they used budget."""
        if not urls:
            return
        done = {canonical_url(u) or u for u in urls}
        self._heap = [e for e in self._heap if e[3] not in done]
        heapq.heapify(self._heap)
        self.dispatched += len(done)

    def pop(self) -> tuple[str, int, str | None] | None:
        if self.dispatched >= self.settings.page_budget:
            if self._heap:
                self.skipped["超出页面预算"] += len(self._heap)
                self._heap.clear()
            return None
        if not self._heap:
            return None
        _prio, depth, _seq, url, referrer = heapq.heappop(self._heap)
        self.dispatched += 1
        return url, depth, referrer

    def __len__(self) -> int:
        return len(self._heap)

    def report(self) -> list[str]:
        """Recorded reasons for URLs not crawled (gather_errors lines, Chinese)."""
        lines = []
        for reason, n in self.skipped.most_common():
            ex = "，".join(self.examples.get(reason, []))
            lines.append(f"{reason}：跳过 {n} 个地址" + (f"（例：{ex}）" if ex else ""))
        if self.robots_disallowed and self.settings.robots == "record":
            lines.append(f"robots.txt 禁止的地址 {self.robots_disallowed} 个（按设置仍已抓取并记录）")
        return lines
