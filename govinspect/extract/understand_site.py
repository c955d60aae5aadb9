"""All pages of one site → SiteArtifacts (pure: no I/O, no clock; time is ``as_of``).

Fills columns (tree, types, newest dates across pagination, blank), homepage_items,
homepage_navigation_only, footers, links, messages, service_guides, articles, org_entries and
metas. Probes, link checks and network facts belong to the gather stage and stay ``None``.

A column whose list page was not fetched or failed gets ``fetch_error`` and is never called
blank or stale: an unread page is 未能检测, not an empty column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.articles import extract_article
from govinspect.extract.classify_column import classify_column
from govinspect.extract.columns import ColumnRef, breadcrumb_columns, canonical_column_url, nav_columns
from govinspect.extract.footer import extract_footer_from_tree
from govinspect.extract.links import clean_text, extract_links_from_tree
from govinspect.extract.list_items import ListPage, extract_list_from_tree, more_links
from govinspect.extract.main_content import main_content_text
from govinspect.extract.messages import extract_message, extract_message_rows
from govinspect.extract.org_entries import extract_org_entry, is_org_location
from govinspect.extract.page_meta import extract_page_meta
from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import visible_text
from govinspect.extract.service_guides import could_be_guide, extract_service_guide
from govinspect.extract.sitemap_columns import is_sitemap, sitemap_columns
from govinspect.extract.subnav_columns import subnav_columns
from govinspect.model.artifacts import Column, ListItem, PageSnapshot, SiteArtifacts

NAV_ONLY_MAX_DATED = 3          # fewer dated items than this: a navigation-only homepage (V3)
_SOURCE_RANK = {"breadcrumb": 0, "sitemap": 1, "nav": 2, "subnav": 3, "block": 4}
_NAV_PAGES = 5                  # pages whose menus are read (sub-menus differ per section)


@dataclass(slots=True)
class _Page:
    snap: PageSnapshot
    url: str
    tree: LexborHTMLParser
    regions: PageRegions
    listing: ListPage
    kind: str = "other"          # home | list | article | sitemap | other
    crumb_path: tuple[str, ...] = ()


@dataclass(slots=True)
class _Tree:
    home_key: str = ""
    refs: dict[str, ColumnRef] = field(default_factory=dict)

    def add(self, ref: ColumnRef) -> None:
        if not ref.url:
            return
        key = canonical_column_url(ref.url)
        if key == self.home_key:
            return            # a link back to the homepage is no column
        old = self.refs.get(key)
        if old is None or (_SOURCE_RANK[ref.source], -len(ref.path)) < (_SOURCE_RANK[old.source], -len(old.path)):
            self.refs[key] = ref


_SOFT_404 = re.compile(r"\b404\b|页面不存在|页面未找到|找不到(该|您要访问的)?页面|页面已删除|页面已过期|Not Found|出错了|访问的页面", re.IGNORECASE)


def _soft_404(page: _Page) -> bool:
    """A 200 answer that says "页面不存在": for a column, a missing page, not an empty list."""
    title = page.tree.css_first("title")
    heading = page.tree.css_first("h1")
    head = " ".join(clean_text(n.text()) for n in (title, heading) if n is not None)
    return bool(head and _SOFT_404.search(head) and not any(i.date for i in page.listing.items))


def _ok(snap: PageSnapshot) -> bool:
    return bool(snap.text) and snap.error_class is None and (snap.status is None or 200 <= snap.status < 400)


def _parse(snap: PageSnapshot, as_of: date) -> _Page:
    url = snap.final_url or snap.url
    tree = LexborHTMLParser(snap.text or "")
    regions = PageRegions()
    listing = extract_list_from_tree(tree, url, as_of, regions=regions)
    return _Page(snap, url, tree, regions, listing)


_BACK_PAGER = re.compile(r"^(上一页|上页|前页|尾页|末页|<|<<|«|‹)$")
_PAGE_OF = re.compile(r"第\s*\d+\s*/\s*\d+\s*页|共\s*\d+\s*页")


def _on_a_later_list_page(page: _Page) -> bool:
    """A pager that leads back (上一页, 第2/2页): list pages past the first carry one, articles do not."""
    if any(_BACK_PAGER.match(clean_text(a.text(deep=True))) for a in page.tree.css("a[href]")):
        return True
    body = page.tree.body
    return body is not None and bool(_PAGE_OF.search(body.text(deep=True)[-3000:]))


def _page_kind(page: _Page, is_home: bool) -> str:
    if is_home:
        return "home"
    if is_sitemap(page.tree, page.url):
        return "sitemap"
    dated = sum(1 for i in page.listing.items if i.date)
    meta_article = any((m.attributes.get("name") or "").lower() in ("articletitle", "pubdate")
                       for m in page.tree.css("meta[name]"))
    if dated >= 2 or page.listing.blank_marker or page.listing.pagination:
        return "list"
    if dated == 1 and not meta_article and _on_a_later_list_page(page):
        return "list"          # the last page of a list may hold one item (共21条 第2/2页)
    return "article" if meta_article or dated <= 1 else "other"


def _block_refs(page: _Page) -> list[ColumnRef]:
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


def _column_pages(pages_by_key: dict[str, list[_Page]], key: str) -> list[_Page]:
    first = pages_by_key.get(key, [])
    out = list(first)
    seen = {id(p) for p in out}
    for p in first:
        for url in p.listing.pagination:
            for q in pages_by_key.get(canonical_column_url(url), []):
                if id(q) not in seen:
                    seen.add(id(q))
                    out.append(q)
    return out


def _merge_items(pages: list[_Page], column_keys: set[str]) -> tuple[list[ListItem], bool]:
    items: list[ListItem] = []
    seen: set[tuple[str, str]] = set()
    marker = False
    for p in pages:
        marker = marker or bool(p.listing.blank_marker)
        for item in p.listing.main_items():
            # Links to other columns (sub-column entries, breadcrumb) are not items of this list.
            if item.date is None and canonical_column_url(item.url) in column_keys:
                continue
            if item.date is None and p.kind == "list" and any(i.date for i in p.listing.main_items()):
                continue          # undated links beside a dated list: sidebars, tabs
            key = (item.url, item.title)
            if key not in seen:
                seen.add(key)
                items.append(item)
    return items, marker


def _build_columns(tree: _Tree, pages_by_key: dict[str, list[_Page]], failed: dict[str, str],
                   as_of: date) -> list[Column]:
    refs = tree.refs
    keys = set(refs)
    by_path = {r.path: r for r in refs.values()}
    has_children = {canonical_column_url(r.parent_url) for r in refs.values() if r.parent_url}
    has_children |= {canonical_column_url(by_path[r.path[:-1]].url) for r in refs.values()
                     if r.path[:-1] in by_path and by_path[r.path[:-1]].url}
    columns: list[Column] = []
    for key, ref in refs.items():
        cls = classify_column(ref.name, ref.path, as_of)
        parent = by_path.get(ref.path[:-1])
        parent_url = ref.parent_url or (parent.url if parent else None)
        col_pages = [p for p in _column_pages(pages_by_key, key) if _ok(p.snap)]
        if col_pages and all(_soft_404(p) for p in col_pages):
            failed.setdefault(key, "页面不存在（软404）")
            col_pages = []
        container = key in has_children
        fetch_error = None
        items: list[ListItem] = []
        blank = False
        review = cls.needs_review
        if not col_pages:
            fetch_error = failed.get(key, "栏目页面未抓取")
        else:
            items, marker = _merge_items(col_pages, keys)
            # "暂无信息" with no dated item is blank even if stray links (login, tools) sit in the body.
            blank = not container and (not items or (marker and not any(i.date for i in items)))
            # Empty without a "暂无信息" marker may be a list our parser cannot read, and items without
            # any date cannot show an update: a human confirms both.
            review = review or (blank and not marker) or (bool(items) and not any(i.date for i in items))
        dated = [i.date for i in items if i.date and not i.future_date]
        columns.append(Column(
            name=ref.name, path=ref.path, url=ref.url or "", level=len(ref.path) - 1,
            column_type=cls.column_type, type_confidence=cls.confidence, needs_review=review,
            items=tuple(items), item_count=len(items), newest_date=max(dated) if dated else None,
            blank=blank, historical=cls.historical, parent_url=parent_url, fetch_error=fetch_error))
    columns.sort(key=lambda c: c.path)
    return columns


def understand_site(pages: list[PageSnapshot], homepage_url: str, as_of: date) -> SiteArtifacts:
    art = SiteArtifacts(site_code="", url=homepage_url, pages=list(pages))
    home_key = canonical_column_url(homepage_url)
    parsed: list[_Page] = []
    failed: dict[str, str] = {}
    for snap in pages:
        if snap.url and canonical_column_url(snap.url) == home_key:
            art.homepage = art.homepage or snap
        if not _ok(snap):
            if snap.error_class is None and snap.status is not None and snap.status < 400:
                reason = "非HTML页面或空页面"
            else:
                reason = " ".join(x for x in (snap.error_class, f"HTTP {snap.status}" if snap.status else "") if x)
            reason = reason or "页面无法读取"
            failed[canonical_column_url(snap.url)] = f"{reason}: {snap.error_detail}" if snap.error_detail else reason
            continue
        parsed.append(_parse(snap, as_of))
    if not parsed:
        # Nothing readable: every page artifact stays None ("not gathered" → 未能检测), never empty lists.
        art.gather_errors.append("站点页面均无法读取")
        return art
    pages_by_key: dict[str, list[_Page]] = {}
    for p in parsed:
        for u in {p.snap.url, p.url}:
            pages_by_key.setdefault(canonical_column_url(u), []).append(p)

    tree = _Tree(home_key)
    home_pages = pages_by_key.get(home_key, [])
    home = home_pages[0] if home_pages else None
    nav_sources = ([home] if home else []) + [p for p in parsed if p is not home][:_NAV_PAGES]
    for p in parsed:
        p.kind = _page_kind(p, p is home)
    for p in nav_sources:
        for ref in nav_columns(p.tree, p.url, homepage_url, p.regions):
            tree.add(ref)
    if home:
        for ref in _block_refs(home):
            tree.add(ref)
    for p in parsed:
        if p.kind == "sitemap":
            for ref in sitemap_columns(p.tree, p.url, homepage_url, p.regions):
                tree.add(ref)
        crumbs = breadcrumb_columns(p.tree, p.url, homepage_url, p.kind == "list")
        for ref in crumbs:
            tree.add(ref)
        if crumbs:
            p.crumb_path = crumbs[-1].path
            if p.kind == "list" and canonical_column_url(crumbs[-1].url or "") == canonical_column_url(p.url):
                for ref in subnav_columns(p.tree, p.url, homepage_url, p.crumb_path, p.regions):
                    tree.add(ref)

    art.columns = _build_columns(tree, pages_by_key, failed, as_of)
    if home is not None:
        art.homepage_items = [i for i in home.listing.items if i.date]
        art.homepage_navigation_only = len(art.homepage_items) < NAV_ONLY_MAX_DATED
    _per_page(art, parsed, as_of)
    return art


def _entry_text(p: _Page, title: str) -> str:
    """The text 办事指南 and 机构 entries are judged on: the main content region (the site footer's 电话/地址
    are not the entry's). Only pages that can be one pay for it; the body text is a superset to filter on."""
    body = visible_text(p.tree.body)
    if could_be_guide(body, title) or is_org_location(">".join(p.crumb_path)):
        return main_content_text(p.tree, p.regions)
    return body


def _per_page(art: SiteArtifacts, parsed: list[_Page], as_of: date) -> None:
    art.links, art.footers, art.metas = [], [], []
    art.messages, art.service_guides, art.articles, art.org_entries = [], [], [], []
    for p in parsed:
        art.links.extend(extract_links_from_tree(p.tree, p.url, p.regions))
        art.footers.append(extract_footer_from_tree(p.tree, p.url))
        meta = extract_page_meta(p.tree, p.url)
        art.metas.append(meta)
        if p.kind == "list":
            art.messages.extend(extract_message_rows(p.tree, p.url))
            continue
        if p.kind != "article":
            continue
        article = extract_article(p.tree, p.url, as_of, meta, p.crumb_path, p.regions)
        message = extract_message(p.tree, p.url, article.title)
        if message is not None:
            art.messages.append(message)
            continue
        text = _entry_text(p, article.title)
        guide = extract_service_guide(text, p.url, article.title)
        if guide is not None:
            art.service_guides.append(guide)
            continue
        org = extract_org_entry(text, p.url, article.title, ">".join(p.crumb_path))
        if org is not None:
            art.org_entries.append(org)
            continue
        if article.pub_date is not None or meta.pub_date:
            art.articles.append(article)      # 登录/联系我们/网站声明 pages carry no date: not articles
