"""Side menus of column pages (左侧栏目导航) → sibling or child columns of the page's own column.

Read only when the page's own place is known (its breadcrumb path) and the menu proves how it relates:
a menu that links to this very page lists its siblings; a menu headed by this column's name lists its
children. Anything else is left alone: a stray link list must not become a column judged for staleness.
"""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.columns import (
    ColumnRef,
    canonical_column_url,
    column_name,
    is_column_name,
    outermost,
    same_site,
)
from govinspect.extract.links import absolute_url, base_href
from govinspect.extract.page_regions import PageRegions

_SIDE_SELECTOR = ("[class*='left'], [id*='left'], [class*='side'], [id*='side'], [class*='subnav'], "
                  "[class*='sub-nav'], [class*='sub_nav'], [class*='lmdh'], [class*='lanmu'], [class*='column-nav']")
_HEADINGS = "h1, h2, h3, h4, dt, .title, [class*='tit']"
_MIN_LINKS = 2


SideMenu = tuple[tuple[tuple[str, str], ...], bool, str]   # (links, links to this page, heading name)


def side_menus(tree: LexborHTMLParser, page_url: str, home_url: str,
               regions: PageRegions | None = None) -> list[SideMenu]:
    """The page's side menus as (name, url) links, whether each links to this page, and its heading:
    what ``subnav_refs`` needs once the page's own place is known."""
    regions = regions or PageRegions()
    base = base_href(tree, page_url)
    own_key = canonical_column_url(page_url)
    candidates = [n for n in tree.css(_SIDE_SELECTOR)
                  if n.tag not in ("a", "img", "span", "li", "html", "body") and regions.region(n) == "body"
                  and len(n.css("a[href]")) >= _MIN_LINKS]
    menus: list[SideMenu] = []
    for menu in outermost(candidates):
        links: list[tuple[str, str]] = []
        links_here = False
        for a in menu.css("a[href]"):
            name = column_name(a.text(deep=True))
            url = absolute_url(a.attributes.get("href"), base)
            if not url or not same_site(url, home_url) or not is_column_name(name):
                continue
            if canonical_column_url(url) == own_key:
                links_here = True
                continue
            links.append((name, url))
        heading = menu.css_first(_HEADINGS)
        menus.append((tuple(links), links_here, column_name(heading.text(deep=True)) if heading is not None else ""))
    return menus


def subnav_refs(menus: list[SideMenu], own_path: tuple[str, ...]) -> list[ColumnRef]:
    if len(own_path) < 2:
        return []
    refs: list[ColumnRef] = []
    for links, links_here, heading in menus:
        if links_here:
            parent = own_path[:-1]
        elif heading and heading == own_path[-1]:
            parent = own_path
        else:
            continue
        refs.extend(ColumnRef(name, url, parent + (name,), "subnav") for name, url in links
                    if name != parent[-1])
    return refs


def subnav_columns(tree: LexborHTMLParser, page_url: str, home_url: str, own_path: tuple[str, ...],
                   regions: PageRegions | None = None) -> list[ColumnRef]:
    if len(own_path) < 2:
        return []
    return subnav_refs(side_menus(tree, page_url, home_url, regions), own_path)
