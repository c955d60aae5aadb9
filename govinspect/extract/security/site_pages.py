"""The HTML pages and stylesheets of a site's snapshots, analysed once per page (pure; no I/O)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Protocol
from urllib.parse import urlsplit

from govinspect.extract.security.analyse_page import PageAnalysis, analyse_page

MAX_CSS_CHARS = 500_000


class Snapshot(Protocol):
    url: str
    final_url: str
    content_type: str
    text: str | None


def is_stylesheet(page: Snapshot) -> bool:
    return "css" in (page.content_type or "").lower() or urlsplit(page.final_url or page.url).path.endswith(".css")


def site_stylesheets(pages: Iterable[Snapshot]) -> str:
    """Stylesheets the crawler fetched (the external ``.css`` that hides a 暗链 container)."""
    css = [p.text for p in pages if p.text and is_stylesheet(p)]
    return "\n".join(css)[:MAX_CSS_CHARS]


def html_pages(pages: Iterable[Snapshot]) -> Iterator[Snapshot]:
    seen: set[str] = set()
    for p in pages:
        url = p.final_url or p.url
        if not (p.text or getattr(p, "text_chars", 0)) or is_stylesheet(p) or url in seen:
            continue
        ctype = (p.content_type or "").lower()
        if ctype and "html" not in ctype and "xml" not in ctype and "text/plain" not in ctype:
            continue
        seen.add(url)
        yield p


def analyse_site(pages: Iterable[Snapshot]) -> list[PageAnalysis]:
    pages = list(pages)
    css = site_stylesheets(pages)
    return [_analyse_cached(p.text or "", p.final_url or p.url, css) for p in html_pages(pages)]


@lru_cache(maxsize=1024)
def _analyse_cached(text: str, url: str, css: str) -> PageAnalysis:
    # the spam checks share one analysis per page (PageAnalysis is treated as read-only)
    return analyse_page(text, url, css)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
