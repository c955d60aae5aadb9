"""The crawl frontier of one site: canonical URLs, dedupe, scope, budget, depth, trap guards, robots.

Pages are handed out by priority so a page budget covers the column tree first: navigation, then
pagination, then list-like pages, then articles.

Memory is bounded by ``Settings.crawl_state_in_memory``: past that many queued URLs, the rest wait in a spill
file (spill_file.py) and come back in the same order (priority, depth, order found); the URLs already seen
are remembered as 64-bit hashes, not strings.
"""
from __future__ import annotations

import heapq
import re
import sqlite3
from collections import Counter
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from govinspect.gather.canonical_url import canonical_url
from govinspect.gather.robots_rules import RobotsRules
from govinspect.gather.site_scope import SiteScope
from govinspect.gather.spill_file import open_spill
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
QUEUE_SCHEMA = """CREATE TABLE queue (prio INTEGER, depth INTEGER, seq INTEGER, url TEXT, referrer TEXT,
                                      PRIMARY KEY (prio, depth, seq)) WITHOUT ROWID;"""
Entry = tuple[int, int, int, str, "str | None"]      # (priority, depth, order found, URL, referrer)


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
        self._heap: list[Entry] = []
        self._bound = max(1, settings.crawl_state_in_memory)
        self._spill: sqlite3.Connection | None = None     # queued URLs past the bound (opened when first needed)
        self._spilled = 0
        self._spill_head: Entry | None = None             # the spill's first entry, once looked up
        self._seq = 0
        # hash() of each URL seen (64 bits; two URLs of one site colliding: ~n²/2⁶⁵, 3e-10 for 100,000 URLs)
        self.seen: set[int] = set()
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
            priority: int | None = None, canon: str | None = "") -> tuple[str, int] | None:
        """Queue a URL found on a page → (canonical URL, priority); None when it was seen, out of bounds
        or guarded against. ``canon``: ``canonical_url(url)`` when the caller has it already."""
        canon = canonical_url(url) if canon == "" else canon
        if canon is None or hash(canon) in self.seen:
            return None
        if not self.scope.contains(canon) or NOT_PAGES.search(urlsplit(canon).path):
            return None          # checked by the link checker, never crawled
        self.seen.add(hash(canon))
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
        self._push((prio, depth, self._seq, canon, referrer))
        return canon, prio

    def mark_seen(self, url: str) -> None:
        """A URL fetched under another name (a redirect's target): not queued again."""
        self.seen.add(hash(url))

    def _push(self, entry: Entry) -> None:
        if len(self._heap) < self._bound or not self._spill_entry(entry):
            heapq.heappush(self._heap, entry)

    def _spill_entry(self, entry: Entry) -> bool:
        if self._spill is None:
            self._spill = open_spill(QUEUE_SCHEMA)
        try:
            self._spill.execute("INSERT INTO queue VALUES (?, ?, ?, ?, ?)", entry)
        except UnicodeEncodeError:       # a lone surrogate SQLite cannot store: it stays in memory
            return False
        self._spilled += 1
        if self._spill_head is not None and entry[:3] < self._spill_head[:3]:
            self._spill_head = entry
        return True

    def _first_spilled(self) -> Entry | None:
        if not self._spilled:
            return None
        if self._spill_head is None:
            assert self._spill is not None
            self._spill_head = self._spill.execute(
                "SELECT prio, depth, seq, url, referrer FROM queue ORDER BY prio, depth, seq LIMIT 1").fetchone()
        return self._spill_head

    def _take_first_spilled(self) -> Entry:
        entry = self._first_spilled()
        assert entry is not None and self._spill is not None
        self._spill.execute("DELETE FROM queue WHERE prio = ? AND depth = ? AND seq = ?", entry[:3])
        self._spilled -= 1
        self._spill_head = None
        return entry

    def _clear(self) -> None:
        self._heap.clear()
        if self._spill is not None:
            self._spill.execute("DELETE FROM queue")
        self._spilled, self._spill_head = 0, None

    def close(self) -> None:
        """The queue is done with (the crawl ended): the spill file goes."""
        self._clear()
        if self._spill is not None:
            self._spill.close()
            self._spill = None

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
        if self._spill is not None:
            gone = [e[:3] for e in self._spill.execute("SELECT prio, depth, seq, url FROM queue") if e[3] in done]
            self._spill.executemany("DELETE FROM queue WHERE prio = ? AND depth = ? AND seq = ?", gone)
            self._spilled -= len(gone)
            self._spill_head = None
        self.dispatched += len(done)

    def pop(self) -> tuple[str, int, str | None] | None:
        if self.dispatched >= self.settings.page_budget:
            if len(self):
                self.skipped["超出页面预算"] += len(self)
                self._clear()
            return None
        spilled = self._first_spilled()
        if self._heap and (spilled is None or self._heap[0][:3] < spilled[:3]):
            entry = heapq.heappop(self._heap)
        elif spilled is not None:
            entry = self._take_first_spilled()
        else:
            return None
        self.dispatched += 1
        return entry[3], entry[1], entry[4]

    def __len__(self) -> int:
        return len(self._heap) + self._spilled

    def report(self) -> list[str]:
        """Recorded reasons for URLs not crawled (gather_errors lines, Chinese)."""
        lines = []
        for reason, n in self.skipped.most_common():
            ex = "，".join(self.examples.get(reason, []))
            lines.append(f"{reason}：跳过 {n} 个地址" + (f"（例：{ex}）" if ex else ""))
        if self.robots_disallowed and self.settings.robots == "record":
            lines.append(f"robots.txt 禁止的地址 {self.robots_disallowed} 个（按设置仍已抓取并记录）")
        return lines
