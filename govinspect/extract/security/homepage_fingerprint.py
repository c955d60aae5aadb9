"""A homepage's fingerprint for `monitor`: what a hijack changes (title, meta keywords/description, external
script and link hosts, hidden links to outside hosts, what crawlers are shown) next to what ordinary updates
change (the visible text, whose hash is kept but is no alarm by itself)."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.security.analyse_page import analyse_page
from govinspect.extract.security.classify_spam import classify_link, classify_text, is_government_host
from govinspect.extract.security.find_injected_spam import cloaked_spam, find_injected_spam

MAX_HOSTS = 60


@dataclass(frozen=True)
class Fingerprint:
    url: str
    title: str = ""
    keywords: str = ""
    description: str = ""
    script_hosts: tuple[str, ...] = ()        # external <script src> hosts
    link_hosts: tuple[str, ...] = ()          # external <a href> hosts
    text_hash: str = ""                       # visible text (changes with every news item: no alarm alone)
    text_excerpt: str = ""
    hidden_links: tuple[str, ...] = ()        # "host 锚文本" of hidden links to non-government hosts
    hidden_spam_links: tuple[str, ...] = ()   # those of them the link classifier calls spam (暗链)
    title_meta_spam: tuple[str, ...] = ()     # spam terms in the title or meta keywords/description
    cloaked: dict[str, str] = field(default_factory=dict)   # crawler → spam only it is shown (excerpt)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fingerprint:
        tuples = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
        return cls(**{**data, **tuples})


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _own(host: str, site_host: str) -> bool:
    """The site's own host or a sibling under the same parent (www.x.gov.cn and xxgk.x.gov.cn)."""
    base = site_host.removeprefix("www.")
    return host == site_host or host == base or host.endswith("." + base)


def _external(hosts: list[str], site_host: str) -> tuple[str, ...]:
    return tuple(sorted({h for h in hosts if h and not _own(h, site_host)}))[:MAX_HOSTS]


def fingerprint(html: str, url: str, spider_html: dict[str, str] | None = None) -> Fingerprint:
    """``html`` as a browser received it; ``spider_html`` the same URL as each crawler was served it."""
    site_host = host_of(url)
    tree = LexborHTMLParser(html)
    page = analyse_page(html, url)
    scripts = [host_of(urljoin(url, n.attributes.get("src") or "")) for n in tree.css("script[src]")]
    anchors = [host_of(urljoin(url, n.attributes.get("href") or "")) for n in tree.css("a[href]")]
    text = " ".join(b.text for b in page.blocks)
    outside = [link for link in page.links if link.hidden_hints and host_of(link.url)
               and not _own(host_of(link.url), site_host) and not is_government_host(host_of(link.url), site_host)]
    hidden = sorted({f"{host_of(link.url)} {link.text[:20]}".strip() for link in outside})
    spam = sorted({f"{host_of(link.url)} {link.text[:20]}".strip() for link in outside
                   if classify_link(link.url, link.text, site_host, hidden=True).is_spam})
    head = " ".join((page.title, page.meta.get("keywords", ""), page.meta.get("description", "")))
    verdict = classify_text(head)
    return Fingerprint(
        url=url, title=page.title[:200], keywords=page.meta.get("keywords", "")[:300],
        description=page.meta.get("description", "")[:300], script_hosts=_external(scripts, site_host),
        link_hosts=_external(anchors, site_host), text_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
        text_excerpt=text[:200], hidden_links=tuple(hidden[:MAX_HOSTS]), hidden_spam_links=tuple(spam[:MAX_HOSTS]),
        title_meta_spam=tuple(verdict.terms[:12]) if verdict.is_spam else (),
        cloaked=_cloaked(page, spider_html or {}, site_host))


def _cloaked(browser_page: Any, spider_html: dict[str, str], site_host: str) -> dict[str, str]:
    """Spam a crawler is shown that the browser view does not carry (the scan's cloaking rule)."""
    browser = find_injected_spam(browser_page, site_host)
    out: dict[str, str] = {}
    for name, html in sorted(spider_html.items()):
        if html:
            extra = cloaked_spam(browser, find_injected_spam(analyse_page(html, browser_page.url), site_host))
            if extra:
                out[name] = extra[0].excerpt[:120]
    return out
