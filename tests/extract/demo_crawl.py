"""In-process crawl of the demo city (no network): render pages, decode, follow links → PageSnapshots."""
from __future__ import annotations

import hashlib
from collections import deque
from urllib.parse import urlsplit

from govinspect.extract.decode_html import decode_html
from govinspect.extract.links import extract_links
from govinspect.model.artifacts import PageSnapshot


def crawl_demo_site(city, site, max_pages: int = 3000) -> tuple[str, list[PageSnapshot]]:
    home = city.site_url(site)
    host = urlsplit(home).netloc
    queue, seen, pages = deque([home]), {home}, []
    while queue and len(pages) < max_pages:
        url = queue.popleft()
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        resp = city.render(parts.hostname, path or "/")
        ctype = resp.headers.get("Content-Type", "")
        text, enc = (decode_html(resp.body, ctype) if "html" in ctype else (None, None))
        ok = resp.status < 400
        pages.append(PageSnapshot(url=url, final_url=url, status=resp.status, fetched_at="", elapsed_ms=0.0,
                                  content_type=ctype, encoding=enc, text=text if ok else None,
                                  size=len(resp.body), sha256=hashlib.sha256(resp.body).hexdigest(),
                                  error_class=None if ok else "http"))
        if not ok or text is None:
            continue
        for link in extract_links(text, url):
            if link.tag not in ("a", "attachment") or link.tag == "attachment":
                continue
            target = link.url
            if urlsplit(target).netloc == host and target not in seen:
                seen.add(target)
                queue.append(target)
    return home, pages
