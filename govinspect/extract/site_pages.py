"""One parsed page of a site and the facts computed once for it (list, breadcrumb, kind, text sizes)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.dates import publication_date
from govinspect.extract.list_items import ListPage, extract_list_from_tree
from govinspect.extract.messages import extract_message, extract_message_rows, looks_like_messages
from govinspect.extract.page_kinds import PageFacts
from govinspect.extract.page_meta import extract_page_meta
from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import visible_text
from govinspect.extract.service_guides import guide_labels, is_guide_page
from govinspect.model.artifacts import Message, PageKind, PageMeta, PageSnapshot

_TOP_CHARS = 4000


@dataclass(slots=True)
class SitePage:
    snap: PageSnapshot
    url: str
    tree: LexborHTMLParser
    regions: PageRegions
    listing: ListPage
    meta: PageMeta
    text: str                                    # visible text of the body
    messages: list[Message] = field(default_factory=list)
    facts: PageFacts | None = None
    kind: PageKind | None = None
    crumb_path: tuple[str, ...] = ()
    main_chars: int | None = None

    @property
    def kind_name(self) -> str:
        return self.kind.kind if self.kind else "other"


def _meta_article(tree: LexborHTMLParser) -> bool:
    return any((m.attributes.get("name") or "").lower() in ("articletitle", "pubdate")
               for m in tree.css("meta[name]"))


def _page_messages(tree: LexborHTMLParser, url: str, text: str) -> list[Message]:
    """Message records on a board list (one per row) or a detail page (one)."""
    if not looks_like_messages(text[:8000]):
        return []
    rows = extract_message_rows(tree, url)
    rows = [m for m in rows if m.asked_at is not None]
    if rows:
        return rows
    single = extract_message(tree, url, "")
    return [single] if single is not None and single.asked_at is not None else []


def parse_page(snap: PageSnapshot, as_of: date, home_key: str, canonical: str) -> SitePage:
    url = snap.final_url or snap.url
    tree = LexborHTMLParser(snap.text or "")
    regions = PageRegions()
    listing = extract_list_from_tree(tree, url, as_of, regions=regions)
    meta = extract_page_meta(tree, url)
    text = visible_text(tree.body)
    page = SitePage(snap, url, tree, regions, listing, meta, text)
    page.messages = _page_messages(tree, url, text)
    labelled = publication_date(text[:_TOP_CHARS], as_of)
    title = meta.title or ""
    labels = guide_labels(tree.body)
    page.facts = PageFacts(
        url=url, tree=tree, listing=listing, is_home=canonical == home_key,
        meta_article=_meta_article(tree), labelled_date=bool(labelled and labelled.label),
        messages=len(page.messages), guide_labels=labels if is_guide_page(labels, title) else 0)
    return page
