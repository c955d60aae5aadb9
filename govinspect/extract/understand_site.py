"""All pages of one site → SiteArtifacts (pure: no I/O, no clock; time is ``as_of``).

Each page is parsed once (site_pages.py) and given a kind with its evidence (page_kinds.py). Columns come
from menus, sub-menus, breadcrumbs, 网站地图, homepage blocks and every list page (site_columns.py,
list_page_columns.py); the site's list templates, learnt from its own list pages, show an empty list
where no "暂无信息" says so (template_lists.py). Fills columns, page_kinds, understanding, homepage_items,
homepage_navigation_only, footers, links, messages, service_guides, articles, org_entries and metas.
Probes, link checks and network facts belong to the gather stage and stay ``None``.

A column whose list page was not fetched or failed gets ``fetch_error`` and is never called
blank or stale: an unread page is 未能检测, not an empty column; a page not understood is only ever
a reason for review.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from govinspect.extract.articles import extract_article
from govinspect.extract.columns import (
    ColumnRef,
    breadcrumb_columns,
    breadcrumb_place,
    canonical_column_url,
    nav_columns,
)
from govinspect.extract.footer import extract_footer_from_tree
from govinspect.extract.links import absolute_url, clean_text, extract_links_from_tree
from govinspect.extract.list_items import more_links
from govinspect.extract.list_page_columns import LATER_PAGE, list_page_name, place_by_url
from govinspect.extract.main_content import main_content_text
from govinspect.extract.org_entries import extract_org_entry, is_org_location
from govinspect.extract.page_kinds import structural_kind, textual_kind
from govinspect.extract.service_guides import extract_service_guide
from govinspect.extract.site_columns import ColumnRefs, build_columns
from govinspect.extract.site_pages import SitePage, parse_page
from govinspect.extract.sitemap_columns import is_sitemap, sitemap_columns
from govinspect.extract.subnav_columns import subnav_columns
from govinspect.extract.template_lists import empty_template_list, list_signature
from govinspect.extract.understanding_coverage import coverage
from govinspect.model.artifacts import PageKind, PageSnapshot, SiteArtifacts

NAV_ONLY_MAX_DATED = 3          # fewer dated items than this: a navigation-only homepage (V3)
_NAV_SECTIONS = 30              # pages whose menus are read: one per site section (sub-menus differ)
_MAX_NOT_UNDERSTOOD = 50
_TITLE_PARTS = re.compile(r"\s*[_|｜\-—–]+\s*")


def _ok(snap: PageSnapshot) -> bool:
    return bool(snap.text) and snap.error_class is None and (snap.status is None or 200 <= snap.status < 400)


def _failure(snap: PageSnapshot) -> str:
    if snap.error_class is None and snap.status is not None and snap.status < 400:
        reason = "非HTML页面或空页面"
    else:
        reason = " ".join(x for x in (snap.error_class, f"HTTP {snap.status}" if snap.status else "") if x)
    reason = reason or "页面无法读取"
    return f"{reason}: {snap.error_detail}" if snap.error_detail else reason


def _block_refs(page: SitePage) -> list[ColumnRef]:
    """Homepage blocks: a heading with a 更多>> link names a column and its list page."""
    refs = []
    for url, anchor in more_links(page.tree, page.url):
        block = anchor.parent
        name = ""
        for _ in range(3):
            if block is None:
                break
            heading = block.css_first("h1, h2, h3, h4, .title, [class*='tit'] a, [class*='tit']")
            if heading is not None:
                name = clean_text(heading.text(deep=True)).replace("更多", "").strip(" >》»")
                if name:
                    break
            block = block.parent
        if 2 <= len(name) <= 20:
            refs.append(ColumnRef(name, url, ("首页", name), "block"))
    return refs


def _section_pages(parsed: list[SitePage], home: SitePage | None) -> list[SitePage]:
    """The homepage and the first page of each site section (first path segment): their menus."""
    out = [home] if home else []
    seen: set[str] = set()
    for p in parsed:
        if p is home:
            continue
        section = urlsplit(p.url).path.strip("/").split("/")[0]
        if section not in seen:
            seen.add(section)
            out.append(p)
        if len(out) >= _NAV_SECTIONS:
            break
    return out


def site_names(parsed: list[SitePage]) -> set[str]:
    """The site's own name as pages print it (SiteName meta, a logo heading on every page):
    never an article's title."""
    names = {clean_text(p.meta.site_name) for p in parsed if p.meta.site_name}
    counts: dict[str, int] = {}
    for p in parsed:
        for node in p.tree.css("h1")[:2]:
            text = clean_text(node.text(deep=True))
            if text:
                counts[text] = counts.get(text, 0) + 1
    floor = max(3, len(parsed) // 3)
    names |= {t for t, n in counts.items() if n >= floor}
    # a <title> segment most pages repeat ("… - 中国农药信息网_生物农药 - Powered by ICAMA") is the site's chrome
    segments: dict[str, int] = {}
    for p in parsed:
        for part in set(_TITLE_PARTS.split(p.meta.title or "")):
            part = part.strip()
            if part:
                segments[part] = segments.get(part, 0) + 1
    names |= {t for t, n in segments.items() if n >= floor}
    return {n for n in names if n}


def _list_page_refs(parsed: list[SitePage], tree: ColumnRefs, names: set[str]) -> None:
    """Every first page of a dated list becomes a column (menus miss many); aliases merge."""
    signatures: dict[tuple[str, ...], str] = {}
    framed = {canonical_column_url(src) for p in parsed if p.facts for src in p.facts.frames}
    for p in parsed:
        if not (p.kind_name == "list" or (p.kind_name == "board" and len(p.messages) >= 2)):
            continue          # a message's own page is not a column
        key = canonical_column_url(p.url)
        sig = tuple(sorted(i.url for i in p.listing.main_items()[:8]))
        if len(sig) >= 3 and signatures.setdefault(sig, key) != key:
            continue          # the same list reached by another URL
        if key in tree.refs or key in framed or LATER_PAGE.search(p.url):
            continue          # known, shown in another column's frame, or a later page of a list
        if p.crumb_path and p.crumb_path[-1] != "首页":
            name = p.crumb_path[-1]
            tree.add(ColumnRef(name, p.url, p.crumb_path, "listpage"))
            continue
        name = list_page_name(p.tree, names, p.meta.column_name)
        if name:
            tree.add(place_by_url(p.url, name, tree.refs))


def _column_links(p: SitePage, keys: set[str]) -> int:
    n = 0
    for a in p.tree.css("a[href]"):
        if p.regions.region(a) != "body":
            continue
        url = absolute_url(a.attributes.get("href"), p.url)
        if url and canonical_column_url(url) in keys and canonical_column_url(url) != canonical_column_url(p.url):
            n += 1
    return n


def understand_site(pages: list[PageSnapshot], homepage_url: str, as_of: date) -> SiteArtifacts:
    art = SiteArtifacts(site_code="", url=homepage_url, pages=list(pages))
    home_key = canonical_column_url(homepage_url)
    parsed: list[SitePage] = []
    failed: dict[str, str] = {}
    for snap in pages:
        key = canonical_column_url(snap.url) if snap.url else ""
        if key == home_key:
            art.homepage = art.homepage or snap
        if not _ok(snap):
            failed[key] = _failure(snap)
            continue
        parsed.append(parse_page(snap, as_of, home_key, key))
    if not parsed:
        # Nothing readable: every page artifact stays None ("not gathered" → 未能检测), never empty lists.
        art.gather_errors.append("站点页面均无法读取")
        return art
    pages_by_key: dict[str, list[SitePage]] = {}
    for p in parsed:
        for u in {p.snap.url, p.url}:
            pages_by_key.setdefault(canonical_column_url(u), []).append(p)
    home = next(iter(pages_by_key.get(home_key, [])), None)
    for p in parsed:
        assert p.facts is not None
        p.facts.is_home = p is home
        p.facts.is_sitemap = p is not home and is_sitemap(p.tree, p.url)
        p.kind = structural_kind(p.facts)
    # the site's list templates, learnt from its list pages; an undecided page holding one of their
    # containers empty is an empty list of that template
    templates = {sig for p in parsed if p.kind_name == "list" and (sig := list_signature(p.tree, p.listing))}
    for p in parsed:
        if p.kind is None and (empty := empty_template_list(p.tree, templates)):
            p.kind = PageKind(p.url, "list", empty)

    tree = ColumnRefs(home_key)
    for p in _section_pages(parsed, home):
        for ref in nav_columns(p.tree, p.url, homepage_url, p.regions):
            tree.add(ref)
    if home:
        for ref in _block_refs(home):
            tree.add(ref)
    for p in parsed:
        if p.kind_name == "sitemap":
            for ref in sitemap_columns(p.tree, p.url, homepage_url, p.regions):
                tree.add(ref)
        listed = p.kind_name in ("list", "board")
        crumbs = breadcrumb_columns(p.tree, p.url, homepage_url, listed)
        for ref in crumbs:
            tree.add(ref)
        if crumbs:
            p.crumb_path = crumbs[-1].path
            if canonical_column_url(crumbs[-1].url or "") == canonical_column_url(p.url):
                for ref in subnav_columns(p.tree, p.url, homepage_url, p.crumb_path, p.regions):
                    tree.add(ref)
    names = site_names(parsed)
    _list_page_refs(parsed, tree, names)

    keys = set(tree.refs)
    for p in parsed:
        if p.kind is None:
            assert p.facts is not None
            p.facts.column_links = _column_links(p, keys)
            p.main_chars = p.facts.main_chars = len(main_content_text(p.tree, p.regions).replace(" ", ""))
            p.kind = textual_kind(p.facts)
    art.page_kinds = [p.kind for p in parsed if p.kind is not None]
    art.columns = build_columns(tree, pages_by_key, failed, as_of, templates)
    if home is not None:
        art.homepage_items = [i for i in home.listing.items if i.date]
        art.homepage_navigation_only = len(art.homepage_items) < NAV_ONLY_MAX_DATED
    art.understanding = coverage(art.page_kinds, art.columns, _MAX_NOT_UNDERSTOOD, homepage_url)
    _per_page(art, parsed, as_of, names)
    return art


def _entry_text(p: SitePage) -> str:
    """The text 办事指南 and 机构 entries are judged on: the main content region (the site footer's 电话/地址
    are not the entry's). Only guide and 机构 pages pay for it."""
    if p.kind_name == "guide" or is_org_location(">".join(p.place)):
        return main_content_text(p.tree, p.regions)
    return p.text


def _anchor_titles(parsed: list[SitePage]) -> dict[str, str]:
    """URL → the title a list printed for it (an article's title when its page has no usable heading)."""
    out: dict[str, str] = {}
    for p in parsed:
        for item in p.listing.items:
            if item.date and item.url not in out:
                out[item.url] = item.title
    return out


def _per_page(art: SiteArtifacts, parsed: list[SitePage], as_of: date, names: set[str]) -> None:
    art.links, art.footers, art.metas = [], [], []
    art.messages, art.service_guides, art.articles, art.org_entries = [], [], [], []
    anchors = _anchor_titles(parsed)
    for p in parsed:
        art.links.extend(extract_links_from_tree(p.tree, p.url, p.regions))
        art.footers.append(extract_footer_from_tree(p.tree, p.url))
        art.metas.append(p.meta)
        kind = p.kind_name
        if kind in ("board", "list"):
            art.messages.extend(p.messages)
        if kind not in ("article", "guide", "content", "board", "landing", "other"):
            continue
        p.place = breadcrumb_place(p.tree, p.url, p.meta.title) or p.crumb_path
        article = extract_article(p.tree, p.url, as_of, p.meta, p.place, p.regions,
                                  site_names=names, anchor_title=anchors.get(p.url), page_text=p.text)
        if kind == "board":
            continue
        text = _entry_text(p)
        if kind == "guide":
            guide = extract_service_guide(text, p.url, article.title)
            if guide is not None:
                art.service_guides.append(guide)
            continue
        org = extract_org_entry(text, p.url, article.title, ">".join(p.place))
        if org is not None:
            art.org_entries.append(org)
            continue
        if kind == "article" and (article.pub_date is not None or p.meta.pub_date):
            art.articles.append(article)      # 登录/联系我们/网站声明 pages carry no date: not articles
