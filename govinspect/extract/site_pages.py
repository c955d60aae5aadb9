"""One parsed page of a site and the facts computed once for it (list, breadcrumb, kind, text sizes)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.dates import publication_date
from govinspect.extract.links import absolute_url, base_href, meta_refresh_url
from govinspect.extract.list_items import ListPage, extract_list_from_tree
from govinspect.extract.message_boards import extract_board_messages
from govinspect.extract.messages import extract_message, extract_message_rows, looks_like_messages
from govinspect.extract.page_kinds import PageFacts
from govinspect.extract.page_meta import extract_page_meta
from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import visible_text
from govinspect.extract.service_guides import guide_labels, is_guide_page
from govinspect.model.artifacts import Message, PageKind, PageMeta, PageSnapshot

_TOP_CHARS = 4000
_BOARD_HINT = re.compile(r"留言|信箱|来信|咨询|办理状态|已办结|已回复|已答复|办理中|未回复")
_GUIDE_PLACE = re.compile(r"bszn|bsfw|fwzn|zwfw|guide|办事|指南|服务事项|事项", re.IGNORECASE)
_PUB_LABEL = re.compile(r"(发布时间|发布日期|发文日期|成文日期|发表时间|更新时间|信息来源|文章来源|稿件来源|来\s*源|字\s*号|"
                        r"Release\s+(?:time|date)|Publish(?:ed)?\s+(?:time|date|on)|Post(?:ed)?\s+(?:time|on|date))\s*[:：]|"
                        r"【\s*(?:字体|打印|关闭)", re.IGNORECASE)   # the label line or toolbar of an article


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
    crumb_path: tuple[str, ...] = ()             # path of the breadcrumb's last column reference
    place: tuple[str, ...] = ()                  # the page's location, unlinked segments included
    main_chars: int | None = None

    @property
    def kind_name(self) -> str:
        return self.kind.kind if self.kind else "other"


def _meta_article(tree: LexborHTMLParser) -> bool:
    return any((m.attributes.get("name") or "").lower() in ("articletitle", "pubdate")
               for m in tree.css("meta[name]"))


def _page_messages(tree: LexborHTMLParser, url: str, text: str, as_of: date) -> list[Message]:
    """Message records on a board list (one per record) or a detail page (one), in the shapes
    message_boards.py reads; the older label/table readers remain as a fallback."""
    head = text[:8000]
    if not (looks_like_messages(head) or _BOARD_HINT.search(head)):
        return []
    records = [m for m in extract_board_messages(tree, url, as_of) if m.asked_at is not None]
    if records:
        return records
    rows = [m for m in extract_message_rows(tree, url) if m.asked_at is not None]
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
    page.messages = _page_messages(tree, url, text, as_of)
    labelled = publication_date(text[:_TOP_CHARS], as_of)
    title = meta.title or ""
    labels = guide_labels(tree.body)
    pub_label = bool(_PUB_LABEL.search(text[:_TOP_CHARS]))
    if pub_label and not _GUIDE_PLACE.search(f"{url} {title}"):
        labels = 0        # a news article that quotes 流程/材料 headings is not a 办事指南
    page.facts = PageFacts(
        url=url, tree=tree, listing=listing, is_home=canonical == home_key,
        meta_article=_meta_article(tree), labelled_date=bool(labelled and labelled.label),
        messages=len(page.messages), guide_labels=labels if is_guide_page(labels, title) else 0,
        pub_label=pub_label, own_items=_own_items(listing, url),
        refresh_to=meta_refresh_url(tree, base_href(tree, url)), frames=_frames(page))
    return page


def _frames(page: SitePage) -> tuple[str, ...]:
    """Pages the body shows in frames (a column whose list lives in an iframe)."""
    base = base_href(page.tree, page.url)
    out = []
    for node in page.tree.css("iframe[src], frame[src]"):
        if page.regions.region(node) == "body":
            src = absolute_url(node.attributes.get("src"), base)
            if src and src not in out:
                out.append(src)
    return tuple(out[:5])


def _own_items(listing: ListPage, url: str) -> int:
    """Dated items linking below this page's directory: a column list page links to its own articles."""
    parts = urlsplit(url)
    folder = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    if folder == "/":
        return 0
    n = 0
    for item in listing.main_items():
        target = urlsplit(item.url)
        own = target.path != parts.path or target.fragment.startswith("item-")   # javascript: items
        if item.date and target.netloc == parts.netloc and target.path.startswith(folder) and own:
            n += 1
    return n
