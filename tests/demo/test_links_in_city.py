"""Crawling every page of the city reaches every column and finds exactly the planted broken links."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from govinspect.demo import build_city


def crawl(city, start: str) -> tuple[set[str], set[str]]:
    """(pages seen, link targets answering ≥ 400 or a soft-404) reachable from ``start``."""
    host = urlsplit(start).hostname
    seen, broken, queue = {start}, set(), [start]
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        resp = city.render(parts.hostname, parts.path + (f"?{parts.query}" if parts.query else ""))
        ctype = resp.headers.get("Content-Type", "")
        charset = ctype.partition("charset=")[2] or "utf-8"
        text = resp.body.decode(charset, errors="replace") if ctype.startswith("text/") else ""
        if resp.status >= 400 or "页面不存在" in text:
            broken.add(url)
            continue
        if parts.hostname != host or not ctype.startswith("text/html"):
            continue
        text = re.sub(r"<script.*?</script>", "", text, flags=re.DOTALL)   # script-written links are not crawled
        for href in re.findall(r'(?:href|src)="([^"#]+)"', text):
            target = urljoin(url, href.replace("&amp;", "&"))
            if target.startswith("http") and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen, broken


def test_only_planted_links_are_broken() -> None:
    city = build_city(sites=12, pages_per_site=60)
    city.bind(8123)
    for st in city.ground_truth()["sites"]:
        if st["blocked"] or st["role"] == "unreachable":
            continue
        seen, broken = crawl(city, st["url"])
        expected = {f["subject"] for f in st["expected_findings"] if f["check"] == "broken_links"}
        assert broken == expected, st["host"]
        assert {c["url"] for c in st["columns"]} <= seen        # every 栏目 is reachable by links
