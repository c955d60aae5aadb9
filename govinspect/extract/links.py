"""Every link on a page: a/area, img, script, iframe, link and attachments, as model ``Link``s.

URLs are made absolute (honouring ``<base href>``), fragments dropped; javascript:, mailto:,
tel:, data: and bare ``#`` targets are skipped. Each link carries its page region
(nav/body/footer) and inline hiding hints (see page_regions.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.page_regions import PageRegions
from govinspect.model.artifacts import Link

ATTACHMENT_EXTENSIONS = frozenset((
    "pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "zip", "rar", "7z",
    "txt", "csv", "ofd", "ceb", "tif", "tiff", "mp4", "mp3", "flv", "avi", "wmv", "apk",
))
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:", "sms:", "#")
_SKIP_LINK_RELS = {"dns-prefetch", "preconnect"}
_URL_NOISE = re.compile(r"[\t\r\n]")

_SELECTOR = "a[href], area[href], img[src], script[src], iframe[src], frame[src], link[href], embed[src]"


def clean_text(text: str | None) -> str:
    """Runs of whitespace as one space, none at the ends (``str.split`` and ``\\s`` agree on every
    character; splitting is several times cheaper than a regex on the short texts of anchors)."""
    return " ".join(text.split()) if text else ""


def absolute_url(href: str | None, base_url: str) -> str | None:
    """``href`` resolved against ``base_url``; None for non-navigable targets."""
    if not href:
        return None
    if "\n" in href or "\t" in href or "\r" in href:
        href = _URL_NOISE.sub("", href)
    href = href.strip().replace("\\", "/")
    if not href:
        return None
    lower = href[:12].lower()
    if lower.startswith(_SKIP_SCHEMES):
        return None
    if lower.startswith(("http://", "https://")) and ".." not in href and "/./" not in href:
        url = href.split("#", 1)[0]   # fast path: already absolute (most links)
        return url if url.count("/") > 2 or "?" in url else url + "/"
    if href[0] == "/" and href[1:2] != "/" and "/." not in href and "//" not in href:
        origin = page_origin(base_url)   # fast path: root-relative (most links of most CMSs)
        if origin:
            return origin + href.split("#", 1)[0]
    try:
        url, _ = urldefrag(urljoin(base_url, href))
    except ValueError:
        return None
    if not url.lower().startswith(("http://", "https://")):
        return None
    return url


# ``\bhref`` in any case, spelt with classes and the boundary checked after the first letter: a pattern that
# starts with a class is scanned for quickly (IGNORECASE would make re try every position)
_HREF = re.compile(r"""[hH](?<!\w[hH])[rR][eE][fF]\s*=\s*["']?\s*([^"'\s>]*)""")


def base_dependence(base_url: str, hrefs: list[str]) -> str:
    """How much of ``base_url`` the resolution of ``hrefs`` depends on: nothing for absolute URLs and
    targets that are never links, scheme and host for /paths, all of it for relative ones — so a
    result computed from these hrefs on one page can be reused on another page of the same site."""
    needs = ""
    for href in hrefs:
        lower = href.strip()[:12].lower()
        if not lower or lower.startswith(_SKIP_SCHEMES):
            continue
        if lower.startswith(("http://", "https://")):
            needs = needs or base_url[:base_url.find(":") + 1]     # urljoin compares the schemes
        elif lower[0] in "/\\":
            needs = page_origin(base_url) or base_url
        else:
            return base_url
    return needs


def hrefs_in(html: str) -> list[str]:
    return _HREF.findall(html)


@lru_cache(maxsize=256)        # every link of a page asks about the same base
def page_origin(base_url: str) -> str | None:
    """``scheme://netloc`` of a plain lowercase http(s) base, else None (urljoin decides)."""
    if not base_url.startswith(("http://", "https://")):
        return None
    start = base_url.index("//") + 2
    end = len(base_url)
    for sep in "/?#;":
        i = base_url.find(sep, start)
        if i != -1 and i < end:
            end = i
    return base_url[:end] if end > start else None


def is_attachment(url: str) -> bool:
    path = url.split("?", 1)[0]
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot + 1:].lower() in ATTACHMENT_EXTENSIONS


_LAST_BASE: list = [None, None]     # [tree, its <base href> or None]: one page's extractors all ask


def base_href(tree: LexborHTMLParser, page_url: str) -> str:
    if _LAST_BASE[0] is not tree:       # held, not its id: a freed tree's id may come back
        base = tree.css_first("base[href]")
        _LAST_BASE[:] = [tree, base.attributes.get("href") if base is not None else None]
    if _LAST_BASE[1] is not None:
        resolved = absolute_url(_LAST_BASE[1], page_url)
        if resolved:
            return resolved
    return page_url


def _anchor_text(node) -> str:
    text = clean_text(node.text(deep=True))
    if text:
        return text
    img = node.css_first("img[alt]")
    if img is not None:
        return clean_text(img.attributes.get("alt"))
    return clean_text(node.attributes.get("title"))


_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";\s]+)", re.IGNORECASE)


def meta_refresh_url(tree: LexborHTMLParser, base: str) -> str | None:
    """The target of ``<meta http-equiv="Refresh" content="0;URL=./ywyw/">`` (TRS section pages
    that forward to their first sub-column), absolute."""
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").lower() != "refresh":
            continue
        m = _REFRESH_URL.search(meta.attributes.get("content") or "")
        if m:
            return absolute_url(m.group(1), base)
    return None


def extract_links_from_tree(tree: LexborHTMLParser, base_url: str,
                            regions: PageRegions | None = None) -> list[Link]:
    base = base_href(tree, base_url)
    regions = regions or PageRegions()
    links: list[Link] = []
    for node in tree.css(_SELECTOR):
        tag = node.tag
        attrs = node.attributes
        if tag in ("a", "area", "link"):
            if tag == "link" and (attrs.get("rel") or "").lower() in _SKIP_LINK_RELS:
                continue
            url = absolute_url(attrs.get("href"), base)
        else:
            url = absolute_url(attrs.get("src"), base)
        if url is None:
            continue
        if tag in ("a", "area"):
            text = _anchor_text(node) if tag == "a" else clean_text(attrs.get("alt"))
            kind = "attachment" if is_attachment(url) else "a"
        elif tag == "img":
            text = clean_text(attrs.get("alt"))
            kind = "img"
        elif tag in ("iframe", "frame"):
            text, kind = "", "iframe"
        elif tag == "embed":
            text, kind = "", "attachment"
        else:
            text, kind = "", tag
        info = regions.info(node)
        # positional (url, text, position, tag, hidden_hints, title): a third cheaper for a frozen record
        links.append(Link(url, text, info.region or "body", kind, info.hints, clean_text(attrs.get("title"))))
    refresh = meta_refresh_url(tree, base)
    if refresh:
        links.append(Link(url=refresh, text="", position="body", tag="a", title="页面自动跳转"))
    return links


def extract_links(html: str, base_url: str) -> list[Link]:
    """All links of ``html`` (a decoded page) with absolute URLs, region and hiding hints."""
    if not html:
        return []
    return extract_links_from_tree(LexborHTMLParser(html), base_url)
