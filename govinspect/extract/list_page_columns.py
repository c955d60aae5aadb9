"""Every crawled page that carries a dated item list is a column (栏目), whether or not a menu names it.

Menus, breadcrumbs and 网站地图 miss columns on real sites (a 财政资金 list reached only from a
重点领域 landing page); the list itself is the evidence. Its place in the tree comes from its
breadcrumb when it has one, else from the URL path (the nearest known column whose directory holds
it); its name from the breadcrumb, the ColumnName meta, the heading above the list, or the title.
Later pages of a list (index_2.html, ?page=3) are not columns of their own.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.columns import ColumnRef, canonical_column_url, column_name, is_column_name
from govinspect.extract.links import clean_text

LATER_PAGE = re.compile(r"(?:index|list|default|main)?_\d+\.s?html?$|list_\d+_\d+\.html$|"
                        r"[?&](?:page|pageno|pagenum|pageindex|p|cur(?:page)?|start|startrecord)=(?:[2-9]|\d{2,})",
                        re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s*[_|｜\-—–]+\s*")
_MAX_CANDIDATES = 40
_HEADINGS = ("[class*='lmmc'], [class*='lm_name'], [class*='lmname'], [class*='column-name'], [class*='colname'], "
             "[class*='list-title'], [class*='list_title'], [class*='tit'] h2, [class*='tit'] h3, h2, h3, "
             "[class*='title']")


def url_dir(url: str) -> str:
    """The directory of a column URL: /xxgk/zdly/czzj/index.html → host/xxgk/zdly/czzj."""
    parts = urlsplit(url)
    path = parts.path
    if not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/"
    return f"{parts.netloc.lower()}{path}".rstrip("/")


def name_candidates(tree: LexborHTMLParser) -> tuple[str, ...]:
    """The names a list page prints for its column, best first: the <title>'s segments, then the
    headings over the list (a block heading such as 专题资讯 is the least specific). The site's own
    name is skipped later (``pick_list_name``), once the whole site is read."""
    out = []
    title = tree.css_first("title")
    for part in _TITLE_SPLIT.split(clean_text(title.text()) if title else ""):
        name = column_name(part)
        if is_column_name(name) and (len(name) <= 16 or name.isascii()):
            out.append(name)
    for node in tree.css(_HEADINGS):
        if node.css_first("a[href]") is not None and node.tag not in ("h2", "h3"):
            continue
        name = column_name(node.text(deep=True)).strip(" >》»:：")
        if is_column_name(name) and len(name) <= 12:
            out.append(name)
        if len(out) >= _MAX_CANDIDATES:
            break
    return tuple(out)


def meta_column(meta_column_name: str | None) -> str:
    """The ColumnName meta when it is a column's name (it wins over everything the page prints)."""
    name = column_name(meta_column_name) if meta_column_name else ""
    return name if name and is_column_name(name) else ""


def pick_list_name(meta_name: str, candidates: tuple[str, ...], site_names: set[str]) -> str:
    return meta_name or next((n for n in candidates if n not in site_names), "")


def list_page_name(tree: LexborHTMLParser, site_names: set[str], meta_column_name: str | None) -> str:
    return pick_list_name(meta_column(meta_column_name), name_candidates(tree), site_names)


def place_by_url(url: str, name: str, known: dict[str, ColumnRef]) -> ColumnRef:
    """A list page without breadcrumb: under the known column whose directory is the nearest ancestor."""
    d = url_dir(url)
    by_dir: dict[str, ColumnRef] = {}
    for ref in known.values():
        # only a directory's own index page (/zwgk/, /zwgk/index.html) stands for the directory:
        # /about.html in the root is a page of the root, not the parent of every section
        if ref.url and canonical_column_url(ref.url) == url_dir(ref.url).lower() and "/" in url_dir(ref.url):
            by_dir.setdefault(url_dir(ref.url), ref)
    own = by_dir.get(d)
    if own is not None and canonical_column_url(own.url or "") != canonical_column_url(url):
        d = d.rsplit("/", 1)[0]        # the directory is another column's: its parent is ours too
    while "/" in d:
        d = d.rsplit("/", 1)[0]
        parent = by_dir.get(d)
        if parent is not None:
            return ColumnRef(name, url, parent.path + (name,), "listpage", parent.url)
    return ColumnRef(name, url, ("首页", name), "listpage")
