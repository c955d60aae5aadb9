"""The column tree of a site (栏目 with location path, type, items across pagination, blank, newest date).

References come from menus, sub-menus, breadcrumbs, 网站地图, homepage blocks and every list page
(list_page_columns.py); one reference per canonical URL, the most telling source winning. A column is
judged on what its page is (page_kinds.py): only an explicitly empty list ("暂无信息") or a page with
no main content at all is blank; content, landing, guide and board pages with content never are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from govinspect.extract.classify_column import classify_by_items, classify_column
from govinspect.extract.columns import ColumnRef, canonical_column_url
from govinspect.extract.page_digest import PageDigest
from govinspect.extract.page_kinds import EMPTY_CHARS
from govinspect.extract.template_lists import Signature, empty_template_list
from govinspect.model.artifacts import Column, ListItem, PageKind

SOURCE_RANK = {"breadcrumb": 0, "sitemap": 1, "nav": 2, "subnav": 3, "block": 4, "listpage": 5}
LISTED_KINDS = ("list", "board", "other", "home")        # pages whose links are the column's items
CONTENT_KINDS = ("content", "article", "guide", "landing", "form", "search", "login", "sitemap")


@dataclass(slots=True)
class ColumnRefs:
    home_key: str = ""
    refs: dict[str, ColumnRef] = field(default_factory=dict)

    def add(self, ref: ColumnRef) -> None:
        if not ref.url:
            return
        key = canonical_column_url(ref.url)
        if key == self.home_key:
            return            # a link back to the homepage is no column
        old = self.refs.get(key)
        if old is None or (SOURCE_RANK[ref.source], -len(ref.path)) < (SOURCE_RANK[old.source], -len(old.path)):
            self.refs[key] = ref


def _shown_elsewhere(page: PageDigest, pages_by_key: dict[str, list[PageDigest]]) -> str | None:
    """Where the page's content really is: its meta-refresh target, or — when it lists nothing itself —
    the first framed page that was read and lists dated items."""
    facts = page.facts
    if facts is None:
        return None
    if facts.refresh_to:
        return facts.refresh_to
    if any(i.date for i in page.listing.items):
        return None
    for src in facts.frames:
        framed = pages_by_key.get(canonical_column_url(src), [])
        if framed and any(i.date for i in framed[0].listing.items):
            return src
    return None


def column_pages(pages_by_key: dict[str, list[PageDigest]], key: str) -> list[PageDigest]:
    """The column's first page (or the page it forwards to or frames) and the pages its pager leads to."""
    first = pages_by_key.get(key, [])
    for _ in range(2):      # a section page that forwards (meta refresh) or shows its list in an iframe
        target = _shown_elsewhere(first[0], pages_by_key) if first else None
        if not target or canonical_column_url(target) == key:
            break
        key = canonical_column_url(target)
        first = pages_by_key.get(key, first)
    out = list(first)
    seen = {id(p) for p in out}
    for p in first:
        for url in p.listing.pagination:
            for q in pages_by_key.get(canonical_column_url(url), []):
                if id(q) not in seen:
                    seen.add(id(q))
                    out.append(q)
    return out


def _merge_items(pages: list[PageDigest], column_keys: set[str]) -> tuple[list[ListItem], str]:
    items: list[ListItem] = []
    seen: set[tuple[str, str]] = set()
    marker = ""
    for p in pages:
        if p.kind_name not in LISTED_KINDS:
            continue
        marker = marker or (p.listing.blank_marker or "")
        main = p.listing.main_items()
        has_dates = any(i.date for i in main)
        for item in main:
            # Links to other columns (sub-column entries, breadcrumb) are not items of this list.
            if item.date is None and (canonical_column_url(item.url) in column_keys or has_dates):
                continue          # undated links beside a dated list: sidebars, tabs
            key = (item.url, item.title)
            if key not in seen:
                seen.add(key)
                items.append(item)
    return items, marker


def _blank(first: PageDigest, items: list[ListItem], marker: str,
           templates: set[Signature]) -> tuple[bool, str, bool]:
    """(blank, evidence, doubtful) from what the page shows."""
    if any(i.date for i in items):
        return False, "", False
    if marker:
        return True, f"栏目列表明示为空：“{marker}”", False
    if first.kind_name in ("list", "other", "content", "landing"):
        empty = empty_template_list(first.empty_chains, templates)
        if empty:
            return True, f"栏目列表明示为空：{empty}", False
    pages = first.listing.page_count
    if pages is not None and pages <= 1 and not items and first.kind_name in ("list", "other"):
        return True, f"栏目列表明示为空：分页显示共{pages}页，列表无任何条目", False
    kind = first.kind_name
    if kind in CONTENT_KINDS or kind == "board" or items:
        return False, "", kind == "other" and bool(items)
    chars = first.main_chars if first.main_chars is not None else EMPTY_CHARS
    if chars < EMPTY_CHARS:
        if first.facts.script_list or first.facts.has_iframe:
            return False, "", True          # content a script or frame loads is not seen: not understood
        return True, f"栏目页正文区无任何内容（{chars}字）", False
    return False, "", True


def build_columns(refs: ColumnRefs, pages_by_key: dict[str, list[PageDigest]], failed: dict[str, str],
                  as_of: date, templates: set[Signature] | None = None) -> list[Column]:
    keys = set(refs.refs)
    by_path = {r.path: r for r in refs.refs.values()}
    has_children = {canonical_column_url(r.parent_url) for r in refs.refs.values() if r.parent_url}
    has_children |= {canonical_column_url(by_path[r.path[:-1]].url) for r in refs.refs.values()
                     if r.path[:-1] in by_path and by_path[r.path[:-1]].url}
    columns: list[Column] = []
    for key, ref in refs.refs.items():
        cls = classify_column(ref.name, ref.path, as_of)
        parent = by_path.get(ref.path[:-1])
        parent_url = ref.parent_url or (parent.url if parent else None)
        col_pages = [p for p in column_pages(pages_by_key, key) if p.snap.readable]
        if col_pages and all(p.kind_name == "soft404" for p in col_pages):
            failed.setdefault(key, "页面不存在（软404）")
            col_pages = []
        container = key in has_children
        common: dict[str, Any] = {
            "name": ref.name, "path": ref.path, "url": ref.url or "", "level": len(ref.path) - 1,
            "column_type": cls.column_type, "type_confidence": cls.confidence, "historical": cls.historical,
            "parent_url": parent_url, "source": ref.source}
        if not col_pages:
            columns.append(Column(**common, needs_review=cls.needs_review,
                                  fetch_error=failed.get(key, "栏目页面未抓取")))
            continue
        first = col_pages[0]
        items, marker = _merge_items(col_pages, keys)
        blank, blank_evidence, doubtful = _blank(first, items, marker, templates or set())
        typed = classify_by_items(cls, [i.title for i in items if i.date][:20])
        if typed is not cls:
            cls = typed
            common.update(column_type=cls.column_type, type_confidence=cls.confidence)
        if container:
            blank, blank_evidence = False, ""
        dated = [i for i in items if i.date and not i.future_date]
        newest = max(dated, key=lambda i: i.date) if dated else None
        review = cls.needs_review or doubtful or (bool(items) and newest is None)
        kind = first.kind
        if blank and "列表容器" in blank_evidence and kind is not None:
            kind = PageKind(kind.url, "list", blank_evidence)      # an empty list of the site's template
        columns.append(Column(
            **common, needs_review=review, items=tuple(items), item_count=len(items),
            newest_date=newest.date if newest else None, newest_text=newest.date_text if newest else "",
            blank=blank, blank_evidence=blank_evidence, page_kind=kind.kind if kind else "",
            kind_evidence=kind.evidence if kind else "", pages_read=len(col_pages),
            total_count=getattr(first.listing, "total_count", None)))
    columns.sort(key=lambda c: c.path)
    return columns
