"""Fetch the attachments (docx, xlsx, xls, pdf, wps, et) the crawled pages link to, for the personal-data
check: on the site's own hosts only, at most ``attachment_budget`` files, each cut at ``max_attachment_bytes``
and ``attachment_timeout_s``. Every file gets a record (size, time, error), read or not."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import urlsplit

from govinspect.gather.http_client import HttpClient
from govinspect.gather.link_index import LinkIndex
from govinspect.model.artifacts import AttachmentFile
from govinspect.settings import Settings

READ_KINDS = frozenset(("docx", "xlsx", "xls", "pdf", "wps", "et"))
# 公示 tables first: spreadsheets hold lists of people more often than prose does
_ORDER = {"xlsx": 0, "xls": 0, "et": 0, "docx": 1, "wps": 1, "pdf": 2}


def _kind(url: str) -> str:
    path = urlsplit(url).path
    dot = path.rfind(".")
    return path[dot + 1:].lower() if dot > path.rfind("/") else ""


def attachment_targets(index: LinkIndex, in_scope: Callable[[str], bool], budget: int) -> list[tuple[str, str]]:
    """(url, linking page) of the readable attachments on the site's own hosts, spreadsheets first, the same
    files whatever order the crawl met them in."""
    found = [(url, ref.source_url) for url, ref in index.items()
             if _kind(url) in READ_KINDS and in_scope(url)]
    found.sort(key=lambda t: (_ORDER[_kind(t[0])], t[0]))   # by URL within a kind: crawl order varies by run
    return found[:budget]


async def fetch_attachment(url: str, source_url: str, client: HttpClient, settings: Settings) -> AttachmentFile:
    limit = settings.max_attachment_bytes
    # one byte over the limit tells a file cut at the limit from one that fits exactly
    res = await client.fetch(url, max_bytes=limit + 1, retries=0, total_timeout_s=settings.attachment_timeout_s)
    error_class, detail = res.error_class, res.error_detail
    if error_class is None and (res.status or 0) >= 400:
        error_class, detail = "http", f"HTTP {res.status}"
    if error_class == "too_large" or (error_class is None and len(res.body) > limit):
        error_class, detail = "too_large", f"超过 {limit / 1024 / 1024:g} MB，未读取"
    elif error_class == "timeout":
        detail = f"超过 {settings.attachment_timeout_s:g} 秒未下载完，未读取"
    return AttachmentFile(url=url, source_url=source_url, status=res.status,
                          content_type=res.headers.get("content-type", ""), size=len(res.body),
                          fetch_ms=round(res.elapsed_ms, 1), error_class=error_class, error_detail=detail,
                          data=b"" if error_class else res.body)


async def fetch_attachments(index: LinkIndex, in_scope: Callable[[str], bool], settings: Settings) -> list[AttachmentFile]:
    """Own client: a page's byte cap (``max_page_bytes``) is not an attachment's."""
    targets = attachment_targets(index, in_scope, settings.attachment_budget)
    if not targets:
        return []
    cap = settings.max_attachment_bytes + 1
    wide = settings.with_(max_page_bytes=max(settings.max_page_bytes, cap),
                          max_decompressed_bytes=max(settings.max_decompressed_bytes, cap))
    async with HttpClient(wide) as client:
        return list(await asyncio.gather(*(fetch_attachment(u, s, client, wide) for u, s in targets)))
