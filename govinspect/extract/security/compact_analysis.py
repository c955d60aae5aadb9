"""A page's content-security reading cut to what the content checks can find on it.

Kept: the title, meta tags and spider-sniffing scripts; the links the classifier calls spam or
suspicious; the visible text only when it holds a spam or suspicious segment. A clean page — nearly
every page — keeps a few hundred bytes instead of its whole text and every menu link, so a site's
analyses stay small in memory, in the worker's reply and in the store. The checks judge exactly what
they judged on the full reading: what is dropped is what they would have passed over.
"""
from __future__ import annotations

from functools import lru_cache

from govinspect.extract.security.analyse_page import KeepLink, PageAnalysis, PageLink
from govinspect.extract.security.classify_spam import SpamVerdict, classify_link
from govinspect.extract.security.find_injected_spam import find_injected_spam

NOTABLE = ("spam", "suspicious")


def link_context(link: PageLink) -> str:
    return _context(link.text, link.title, link.hidden_hints, link.container_text)


def _context(text: str, title: str, hints: tuple[str, ...], container_text: str) -> str:
    """The text a static link is judged on: its text, its title and the rest of its hidden container
    (a 暗链 block often lists several sites; the link's own text is not counted twice)."""
    rest = container_text.replace(text, " ", 1) if hints else ""
    return f"{text} {title} {rest}"


def templated(target: str) -> bool:
    """A script template's placeholder, not a link (``${url}``, ``'+url+'``)."""
    return "${" in target or "'+" in target


@lru_cache(maxsize=8_192)
def link_verdict(target: str, context: str, site_host: str, hidden: bool, js: bool) -> SpamVerdict:
    # menus and footers repeat the same links on every page: each distinct link is classified once
    return classify_link(target, context, site_host, hidden, js)


@lru_cache(maxsize=64)
def notable_links(site_host: str) -> KeepLink:
    """``compact_analysis``'s test of a link, for ``analyse_page(keep_link=…)``: a clean link is passed
    over as it is read, before a record is made of it."""
    def keep(url: str, text: str, title: str, hints: tuple[str, ...], js_written: bool, container_text: str) -> bool:
        return not templated(url) and link_verdict(url, _context(text, title, hints, container_text), site_host,
                                                   bool(hints), js_written).level in NOTABLE
    return keep


def compact_analysis(page: PageAnalysis, site_host: str) -> PageAnalysis:
    keep = notable_links(site_host)
    links = [link for link in page.links
             if keep(link.url, link.text, link.title, link.hidden_hints, link.js_written, link.container_text)]
    found = find_injected_spam(page, site_host)
    blocks = page.blocks if found.spam or found.suspicious else []
    return PageAnalysis(url=page.url, title=page.title, meta=dict(page.meta), links=links, blocks=blocks,
                        spider_scripts=list(page.spider_scripts))
