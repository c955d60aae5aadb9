"""One page, parsed once, reduced to what the site-wide reading needs: the compact per-page analysis.

``digest_page`` is the only place a crawled page's HTML is parsed. It runs where the page arrives (in the
crawl's parse pool) and returns a ``PageDigest``: links for the frontier and the artifacts, the list, the
kind's evidence, breadcrumb trail, menus, title candidates, footer, messages, article draft and the
content-security analysis. The tree is dropped afterwards; ``understand_site`` reads digests only, so a
site's memory holds no HTML and no trees. What depends on the whole site (the site's own name, its list
templates, which pages are section pages) is kept here as candidates and decided there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.any_case_pattern import any_case, letters
from govinspect.extract.articles import extract_article, title_candidates
from govinspect.extract.columns import (
    ColumnRef,
    Trail,
    breadcrumb,
    canonical_column_url,
    nav_columns,
    trail_place,
)
from govinspect.extract.dates import publication_date
from govinspect.extract.footer import extract_footer_from_tree
from govinspect.extract.links import (
    absolute_url,
    base_href,
    clean_text,
    extract_links_from_tree,
    meta_refresh_url,
)
from govinspect.extract.list_items import ListPage, extract_list_from_tree, more_links
from govinspect.extract.list_page_columns import meta_column, name_candidates
from govinspect.extract.main_content import main_content_text
from govinspect.extract.message_boards import extract_board_messages
from govinspect.extract.messages import extract_message, extract_message_rows, looks_like_messages
from govinspect.extract.org_entries import ADDRESS_RE, PHONE_RE, is_org_location
from govinspect.extract.page_kinds import (
    PageFacts,
    head_text,
    main_heading,
    script_written_list,
    structural_kind,
)
from govinspect.extract.page_meta import extract_page_meta
from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import visible_text
from govinspect.extract.security.analyse_page import MAX_HTML_CHARS, PageAnalysis, analyse_page
from govinspect.extract.security.compact_analysis import compact_analysis, notable_links
from govinspect.extract.security.site_pages import host_of
from govinspect.extract.service_guides import guide_labels, is_guide_page
from govinspect.extract.sitemap_columns import is_sitemap, sitemap_columns
from govinspect.extract.subnav_columns import SideMenu, side_menus
from govinspect.extract.template_lists import Signature, empty_chains, list_signature
from govinspect.model.artifacts import (
    Article,
    FooterInfo,
    Link,
    Message,
    PageKind,
    PageMeta,
    PageSnapshot,
    PersonalDataHit,
)
from govinspect.model.fast_pickle import fast_pickle

_TOP_CHARS = 4000
_BOARD_HINT = re.compile(r"留言|信箱|来信|咨询|办理状态|已办结|已回复|已答复|办理中|未回复")
_GUIDE_PLACE = re.compile(r"bszn|bsfw|fwzn|zwfw|guide|办事|指南|服务事项|事项", re.IGNORECASE)
_LABEL_WORDS = ("发布时间", "发布日期", "发文日期", "成文日期", "发表时间", "更新时间", "信息来源", "文章来源", "稿件来源",
                r"来\s*源", r"字\s*号")
_COLON = r"\s*[:：]"
# the label line or toolbar of an article; spelt without IGNORECASE so re scans for first characters
_PUB_LABEL = re.compile("|".join((
    *(word + _COLON for word in _LABEL_WORDS),
    any_case("release", rf"\s+(?:{letters('time')}|{letters('date')}){_COLON}"),
    any_case("publish", rf"(?:{letters('ed')})?\s+(?:{letters('time')}|{letters('date')}|{letters('on')}){_COLON}"),
    any_case("post", rf"(?:{letters('ed')})?\s+(?:{letters('time')}|{letters('on')}|{letters('date')}){_COLON}"),
    r"【\s*(?:字体|打印|关闭)")))
_BLOCK_HEADING = "h1, h2, h3, h4, .title, [class*='tit'] a, [class*='tit']"
_PER_PAGE_KINDS = ("article", "guide", "content", "board", "landing", "other")


@fast_pickle
@dataclass(slots=True)
class PageDigest:
    """What one page contributes to the site's reading; ``snap`` keeps no text."""

    snap: PageSnapshot
    url: str
    as_of: date                              # the 监测时间点 it was read for (dates are judged against it)
    home_url: str
    listing: ListPage
    meta: PageMeta
    facts: PageFacts
    links: list[Link]
    footer: FooterInfo
    analysis: PageAnalysis                   # content security, compact (compact_analysis.py)
    messages: list[Message] = field(default_factory=list)
    sitemap: bool = False                    # reads as a 网站地图 (unless it is the homepage)
    signature: Signature | None = None       # container path of its dated list (a template of the site)
    empty_chains: tuple[Signature, ...] = ()   # empty classed containers, in document order
    nav_refs: tuple[ColumnRef, ...] = ()
    block_refs: tuple[ColumnRef, ...] = ()   # homepage blocks (heading + 更多)
    sitemap_refs: tuple[ColumnRef, ...] = ()
    trail: Trail | None = None               # breadcrumb after 首页
    side_menus: tuple[SideMenu, ...] = ()
    h1s: tuple[str, ...] = ()                # first two h1 texts (a logo h1 on every page is the site's name)
    name_candidates: tuple[str, ...] = ()    # a list page's own name, best first (site names skipped later)
    meta_column_name: str = ""               # the ColumnName meta, when it is a column name
    body_targets: tuple[str, ...] = ()       # canonical URLs of body links (sub-columns of a landing page)
    measured_chars: int | None = None        # main-region characters (pages structure did not decide)
    place: tuple[str, ...] = ()              # breadcrumb place of a detail page
    article: Article | None = None           # title and kind decided with the site's names
    title_candidates: tuple[str, ...] = ()
    guide_text: str | None = None            # main content of a 办事指南 page
    org_contacts: tuple[bool, bool] | None = None   # (phone, address) in the main content of an 机构 page
    personal_hits: list[PersonalDataHit] = field(default_factory=list)   # masked (scan_personal_data.py)
    # decided by understand_site
    kind: PageKind | None = None
    crumb_path: tuple[str, ...] = ()
    main_chars: int | None = None

    @property
    def kind_name(self) -> str:
        return self.kind.kind if self.kind else "other"


# What only the page's own artifacts need, not the site's reading (understand_site): stored apart from the rest
# of the digest (page_store.pack_digest), so a large site's reading holds its digests without them and reads
# them one page at a time at the end (page_store.PageSource.whole_digests).
PER_PAGE_PARTS = ("analysis", "footer", "article", "title_candidates", "guide_text", "personal_hits")
_EMPTY_PARTS = (None, None, None, (), None, [])


def page_parts(digest: PageDigest) -> tuple:
    return tuple(getattr(digest, name) for name in PER_PAGE_PARTS)


def without_page_parts(digest: PageDigest) -> PageDigest:
    """A copy of ``digest`` without its per-page parts."""
    return replace(digest, **dict(zip(PER_PAGE_PARTS, _EMPTY_PARTS, strict=True)))


def with_page_parts(digest: PageDigest, parts: tuple) -> PageDigest:
    """A copy of ``digest`` (read without them) with its per-page parts."""
    return replace(digest, **dict(zip(PER_PAGE_PARTS, parts, strict=True)))


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
    single = extract_message(tree, url, "", page_text=text)
    return [single] if single is not None and single.asked_at is not None else []


def _meta_article(tree: LexborHTMLParser) -> bool:
    return any((m.attributes.get("name") or "").lower() in ("articletitle", "pubdate")
               for m in tree.css("meta[name]"))


def _frames(tree: LexborHTMLParser, url: str, regions: PageRegions) -> tuple[str, ...]:
    """Pages the body shows in frames (a column whose list lives in an iframe)."""
    base = base_href(tree, url)
    out = []
    for node in tree.css("iframe[src], frame[src]"):
        if regions.region(node) == "body":
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


def _block_refs(tree: LexborHTMLParser, url: str) -> tuple[ColumnRef, ...]:
    """Homepage blocks: a heading with a 更多>> link names a column and its list page."""
    refs = []
    for target, anchor in more_links(tree, url):
        block = anchor.parent
        name = ""
        for _ in range(3):
            if block is None:
                break
            heading = block.css_first(_BLOCK_HEADING)
            if heading is not None:
                name = clean_text(heading.text(deep=True)).replace("更多", "").strip(" >》»")
                if name:
                    break
            block = block.parent
        if 2 <= len(name) <= 20:
            refs.append(ColumnRef(name, target, ("首页", name), "block"))
    return tuple(refs)


def _body_targets(tree: LexborHTMLParser, url: str, regions: PageRegions) -> tuple[str, ...]:
    own = canonical_column_url(url)
    out = []
    for a in tree.css("a[href]"):
        if regions.region(a) != "body":
            continue
        target = absolute_url(a.attributes.get("href"), url)
        if target and (key := canonical_column_url(target)) != own:
            out.append(key)
    return tuple(out)


def _may_show_an_empty_template(structural: PageKind | None, listing: ListPage) -> bool:
    """Only an undecided page, a forwarding page or a list page without any date can be judged an empty
    list of the site's template (understand_site, site_columns._blank); other pages skip the walk."""
    if structural is None or structural.kind == "landing":
        return True
    return structural.kind == "list" and not any(i.date for i in listing.items)


def strip_text(snap: PageSnapshot) -> PageSnapshot:
    """The snapshot without its HTML (kept in the gather store), noting how much text it had."""
    if snap.text is None:
        return snap
    return replace(snap, text=None, text_chars=len(snap.text))


def digest_page(snap: PageSnapshot, as_of: date, home_url: str, extra_css: str = "") -> PageDigest:
    """Parse ``snap.text`` once and compute everything the site's reading and the checks need of it."""
    url = snap.final_url or snap.url
    html = snap.text or ""
    home_key = canonical_column_url(home_url)
    at_home = home_key in (canonical_column_url(snap.url), canonical_column_url(url))
    tree = LexborHTMLParser(html)
    regions = PageRegions()
    listing = extract_list_from_tree(tree, url, as_of, regions=regions)
    meta = extract_page_meta(tree, url)
    text = visible_text(tree.body)
    messages = _page_messages(tree, url, text, as_of)
    labelled = publication_date(text[:_TOP_CHARS], as_of)
    title = meta.title or ""
    labels = guide_labels(tree.body)
    pub_label = bool(_PUB_LABEL.search(text[:_TOP_CHARS]))
    if pub_label and not _GUIDE_PLACE.search(f"{url} {title}"):
        labels = 0        # a news article that quotes 流程/材料 headings is not a 办事指南
    sitemap = is_sitemap(tree, url)
    facts = PageFacts(
        url=url, listing=listing, is_sitemap=sitemap,
        meta_article=_meta_article(tree), labelled_date=bool(labelled and labelled.label),
        messages=len(messages), guide_labels=labels if is_guide_page(labels, title) else 0,
        pub_label=pub_label, own_items=_own_items(listing, url),
        refresh_to=meta_refresh_url(tree, base_href(tree, url)), frames=_frames(tree, url, regions),
        head=head_text(tree), has_password=tree.css_first("input[type=password]") is not None,
        is_form=tree.css_first("textarea") is not None and len(tree.css("input")) >= 3,
        main_heading=main_heading(tree), script_list=script_written_list(tree),
        has_iframe=tree.css_first("iframe") is not None)
    # the kind as a page other than the homepage; the site decides which copy is its homepage, and
    # everything a non-home kind could need is computed here (it cannot be later: the tree is gone)
    structural = structural_kind(facts)
    site_host = host_of(home_url)
    analysis = compact_analysis(analyse_page(html, url, extra_css, tree=tree if len(html) <= MAX_HTML_CHARS else None,
                                             keep_link=notable_links(site_host)), site_host)
    d = PageDigest(snap=strip_text(snap), url=url, as_of=as_of, home_url=home_url, listing=listing, meta=meta, facts=facts,
                   links=extract_links_from_tree(tree, url, regions), footer=extract_footer_from_tree(tree, url, text, html),
                   analysis=analysis, messages=messages, sitemap=sitemap,
                   signature=list_signature(tree, listing),
                   nav_refs=tuple(nav_columns(tree, url, home_url, regions)), trail=breadcrumb(tree, url),
                   side_menus=tuple(side_menus(tree, url, home_url, regions)),
                   h1s=tuple(clean_text(n.text(deep=True)) for n in tree.css("h1")[:2]))
    if _may_show_an_empty_template(structural, listing):
        d.empty_chains = empty_chains(tree)
    if at_home:
        d.block_refs = _block_refs(tree, url)
    if sitemap:
        d.sitemap_refs = tuple(sitemap_columns(tree, url, home_url, regions))
    d.meta_column_name = meta_column(meta.column_name)
    undecided = structural is None
    if undecided or structural.kind in ("list", "board"):
        d.name_candidates = name_candidates(tree)
    if undecided:
        d.body_targets = _body_targets(tree, url, regions)
        d.measured_chars = len(main_content_text(tree, regions).replace(" ", ""))
    if undecided or structural.kind in _PER_PAGE_KINDS:
        d.place = trail_place(d.trail, meta.title)
        titles = title_candidates(tree, regions)
        d.article = extract_article(tree, url, as_of, meta, d.place, regions, page_text=text, titles=titles)
        d.title_candidates = tuple(titles)
        if not undecided and structural.kind == "guide":
            d.guide_text = main_content_text(tree, regions)
        elif is_org_location(">".join(d.place)):
            entry = main_content_text(tree, regions)
            d.org_contacts = (bool(PHONE_RE.search(entry)), bool(ADDRESS_RE.search(entry)))
    return d
