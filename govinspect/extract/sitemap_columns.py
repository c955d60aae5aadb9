"""网站地图 pages → column references: nested lists (li in li, dl/dt/dd) or heading + links blocks."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.columns import (
    ColumnRef,
    column_name,
    is_column_name,
    nested_list_columns,
    outermost,
    same_site,
)
from govinspect.extract.links import absolute_url, base_href, clean_text
from govinspect.extract.page_regions import PageRegions

_SITEMAP_TITLE = re.compile(r"网站地图|网站导航|站点地图")
_SITEMAP_SELECTOR = ("[class*='sitemap'], [id*='sitemap'], [class*='site-map'], [class*='wzdt'], [id*='wzdt'], "
                     "[class*='map'], [id*='map']")
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong", "b", "th"}


def is_sitemap(tree: LexborHTMLParser, url: str) -> bool:
    title = tree.css_first("title")
    head = clean_text(title.text()) if title else ""
    return bool(_SITEMAP_TITLE.search(head.split("_")[0].split("-")[0]) or
                re.search(r"sitemap|wzdt|site_?map", url, re.IGNORECASE))


def sitemap_columns(tree: LexborHTMLParser, page_url: str, home_url: str,
                    regions: PageRegions | None = None) -> list[ColumnRef]:
    """The column tree printed on a 网站地图 page."""
    regions = regions or PageRegions()
    base = base_href(tree, page_url)
    containers = [n for n in tree.css(_SITEMAP_SELECTOR)
                  if regions.region(n) == "body" and len(n.css("a[href]")) >= 3 and n.tag not in ("a", "img")]
    containers = outermost(containers) or [tree.css_first("#main, .main, main") or tree.body]
    refs: list[ColumnRef] = []
    for container in containers:
        if container is None:
            continue
        nested = any(li.css_first("ul a[href], ol a[href], dl a[href]") for li in container.css("li"))
        if nested or container.css_first("dl dt") is not None:
            refs.extend(nested_list_columns(container, base, home_url, "sitemap"))
        else:
            refs.extend(_heading_columns(container, base, home_url, regions))
    return [r for r in refs if not _SITEMAP_TITLE.search(r.name)]


def _heading_columns(container: LexborNode, base: str, home_url: str, regions: PageRegions) -> list[ColumnRef]:
    refs: list[ColumnRef] = []
    heading: tuple[str, str | None] | None = None
    for node in container.css("h1, h2, h3, h4, h5, h6, dt, strong, b, th, a[href]"):
        if node.tag != "a":
            if node.css_first("a[href]") is None:
                name = column_name(node.text(deep=True))
                if is_column_name(name):
                    heading = (name, None)
            continue
        if regions.region(node) != "body":
            continue
        name = column_name(node.text(deep=True))
        url = absolute_url(node.attributes.get("href"), base)
        if not url or not is_column_name(name) or not same_site(url, home_url):
            continue
        parent = node.parent
        is_heading = False
        while parent is not None and parent.mem_id != container.mem_id:
            if parent.tag in _HEADING_TAGS or "tit" in (parent.attributes.get("class") or ""):
                is_heading = True
                break
            parent = parent.parent
        if is_heading:
            heading = (name, url)
            refs.append(ColumnRef(name, url, ("首页", name), "sitemap"))
        elif heading:
            refs.append(ColumnRef(name, url, ("首页", heading[0], name), "sitemap", heading[1]))
        else:
            refs.append(ColumnRef(name, url, ("首页", name), "sitemap"))
    return refs
