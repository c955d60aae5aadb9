"""Check every link, image and attachment seen on crawled pages (external ones checked, not crawled).

Internal targets the crawl already fetched reuse its answer; the rest get HEAD, with GET when HEAD
fails or the target is a page (soft-404 needs the body). Failures are checked a second time before
they count, and a refusal (403/429/WAF) is ``blocked``, never ``broken``.
"""
from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.fetch_result import FetchResult
from govinspect.gather.frontier import NOT_PAGES
from govinspect.gather.link_index import LinkIndex, LinkRef
from govinspect.gather.page_snapshot import looks_binary
from govinspect.model.artifacts import LinkCheck, PageSnapshot
from govinspect.model.serialize import from_jsonable, to_jsonable
from govinspect.settings import Settings

if TYPE_CHECKING:     # the parse workers import this module (crawled_soft_404) and never fetch: no aiohttp
    from govinspect.gather.http_client import HttpClient

SOFT_404 = re.compile(r"页面不存在|页面未找到|找不到(?:该|此|您要的)?页面|您访问的页面(?:不存在|已删除|找不到)|"
                      r"信息已(?:删除|撤销|过期)|文章不存在|该页面已被删除|404\s*(?:not found|错误|页面)|"
                      r"page not found|访问的资源不存在|无法找到该页", re.IGNORECASE)
SOFT_404_MAX_BYTES = 30_000          # a real page that mentions "页面不存在" in passing is long
PREFIX_BYTES = 64 * 1024
HEAD_FALLBACK_STATUSES = (400, 403, 404, 405, 406, 429, 500, 501, 502, 503)
RECHECK_DELAY_S = 1.0
BATCH = 200                   # targets checked between two journal writes
PARTS = "link_checks_partial"      # journal facts: PARTS.0, PARTS.1 … each batch's checks (a resume skips them)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def is_soft_404(status: int | None, body: bytes, content_type: str) -> bool:
    if status is None or not 200 <= status < 300 or not body or len(body) > SOFT_404_MAX_BYTES:
        return False
    if "html" not in content_type.lower() and content_type or looks_binary(body):
        return False
    text = body.decode("utf-8", errors="replace")
    if not SOFT_404.search(text):
        text = body.decode("gb18030", errors="replace")
    title = _title(text)
    return bool(SOFT_404.search(title)) or (bool(SOFT_404.search(text)) and len(text) < 3000)


def _title(text: str) -> str:
    m = _TITLE.search(text)
    return m.group(1) if m else ""


def outcome_of(status: int | None, error_class: str | None, soft_404: bool) -> str:
    if soft_404:
        return "broken"
    if error_class == "blocked":
        return "blocked"
    if error_class == "timeout":
        return "timeout"
    if error_class in ("out_of_scope", "robots"):
        return "skipped"
    if error_class in ("too_large", "not_html", "empty") and status is not None and status < 400:
        return "ok"                      # it opens; size/type only matter for crawled pages
    if error_class is not None or status is None or status >= 400:
        return "broken"
    return "ok"


async def probe_target(client: HttpClient, url: str, tag: str) -> tuple[FetchResult, bool]:
    """(fetch result, soft-404?) for one target: HEAD first, GET when needed."""
    wants_body = tag in ("a", "iframe", "area") and not NOT_PAGES.search(url.split("?")[0])
    if not wants_body:
        head = await client.fetch(url, method="HEAD", retries=0)
        if head.error_class in ("timeout", "dns", "out_of_scope") or (
                head.status is not None and head.status not in HEAD_FALLBACK_STATUSES and head.status < 400
                and head.error_class is None):
            return head, False
    res = await client.fetch(url, max_bytes=PREFIX_BYTES, retries=0)
    return res, is_soft_404(res.status, res.body, res.content_type)


def crawled_soft_404(page: PageSnapshot) -> bool:
    """A crawled page (its HTML at hand) that answers 2xx but says the page does not exist."""
    if page.text is not None and page.status is not None and page.status < 300 and page.size <= SOFT_404_MAX_BYTES:
        # the common case, decided without encoding the page to read it again: a page of 3,000 characters
        # or more counts only by its title
        text = page.text
        if not SOFT_404.search(_title(text)) and (len(text) >= 3000 or not SOFT_404.search(text)):
            return False
        return is_soft_404(page.status, page.text.encode("utf-8"), page.content_type or "text/html")
    return False


def _from_crawl(page: PageSnapshot) -> tuple[int | None, str | None, bool]:
    return page.status, page.error_class, page.soft_404 or crawled_soft_404(page)


def _check(target: str, ref: LinkRef, status: int | None, error_class: str | None, soft: bool) -> LinkCheck:
    return LinkCheck(source_url=ref.source_url, target_url=target, anchor=ref.anchor[:200], position=ref.position,
                     on_homepage=ref.on_homepage, outcome=outcome_of(status, error_class, soft), status=status,
                     error_class=error_class, soft_404=soft)


async def check_links(index: LinkIndex, pages: list[PageSnapshot], client: HttpClient, settings: Settings,
                      scope_contains, journal: CrawlJournal | None = None) -> list[LinkCheck]:
    """One LinkCheck per distinct target (homepage occurrences first), in a stable order."""
    by_url = {p.url: p for p in pages}
    by_url.update({p.final_url: p for p in pages if p.final_url not in by_url})
    done: dict[str, LinkCheck] = {}
    saved, parts = _saved_parts(journal)
    for part in saved:
        done.update((d["target_url"], from_jsonable(LinkCheck, d)) for d in part)
    todo: list[tuple[str, LinkRef]] = []
    targets = index.ordered(settings.link_check_budget)     # homepage targets first, then by URL
    for target, ref in targets:
        if target in done:
            continue
        page = by_url.get(target)
        if page is not None:
            done[target] = _check(target, ref, *_from_crawl(page))
        elif not scope_contains(target) and not settings.check_external_links:
            done[target] = LinkCheck(ref.source_url, target, ref.anchor[:200], ref.position, ref.on_homepage,
                                     "skipped")
        else:
            todo.append((target, ref))
    gate = asyncio.Semaphore(max(1, settings.concurrency))

    async def one(target: str, ref: LinkRef) -> None:
        async with gate:
            res, soft = await probe_target(client, target, ref.tag)
        done[target] = _check(target, ref, res.status, res.error_class, soft)

    parts = await _in_batches(todo, one, journal, done, parts)
    failed = [(t, r) for t, r in todo if done[t].outcome in ("broken", "timeout")]
    if failed:                              # count a failure only when it fails twice
        await asyncio.sleep(RECHECK_DELAY_S)
        await _in_batches(failed, one, journal, done, parts)
    return [done[t] for t, _ in targets if t in done]


def _saved_parts(journal: CrawlJournal | None) -> tuple[list[list[dict]], int]:
    """The batches a killed run checked, in the order it wrote them (a recheck's part comes after and wins),
    and how many numbered parts there are (the next one written gets that number)."""
    if journal is None:
        return [], 0
    whole = journal.get_fact(PARTS)        # a journal written when one fact held every check so far
    saved = [whole] if whole else []
    n = 0
    while (part := journal.get_fact(f"{PARTS}.{n}")) is not None:
        saved.append(part)
        n += 1
    return saved, n


async def _in_batches(items: list[tuple[str, LinkRef]], one, journal: CrawlJournal | None,
                      done: dict[str, LinkCheck], parts: int) -> int:
    """Check ``items`` ``BATCH`` at a time; each batch's checks are journaled as one more part (only that
    batch: rewriting every check so far made each write, and its JSON, grow with the site). → parts written."""
    for i in range(0, len(items), BATCH):
        batch = items[i:i + BATCH]
        await asyncio.gather(*(one(t, r) for t, r in batch))
        if journal:
            journal.put_fact(f"{PARTS}.{parts}", [to_jsonable(done[t]) for t, _ in batch])
            parts += 1
    return parts
