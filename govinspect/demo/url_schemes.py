"""URL layouts of the three CMS families the demo templates imitate, and their parsers.

- ``trs``    (TRS WCM, e.g. hd.gov.cn): ``/zwgk/czzj/``, ``index_1.html``, ``/zwgk/czzj/202007/t20200717_5300012.html``
- ``hanweb`` (大汉 JCMS): ``/col/col1012/index.html?uid=1&pageNum=2``, ``/art/2020/7/17/art_1012_7.html``
- ``jcms``   (ASP.NET sites): ``/News/List.aspx?ClassID=12&page=2``, ``/News/Show.aspx?id=1200007``
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

from govinspect.demo.city_model import DemoColumn


@dataclass(frozen=True, slots=True)
class Route:
    kind: str                 # home | column | article | sitemap | search | css | image | robots | org
    cid: int | None = None
    number: int = 0           # list page number (0-based) or item index
    query: str = ""


AID_BASE = 100_000
# Pages every site has outside its column tree (footer links, the hidden login box).
STATIC_PAGES = {"/wzsm.html": "网站声明", "/lxwm.html": "联系我们", "/login": "用户登录", "/register": "用户注册"}           # article id = cid * AID_BASE + index + 1


def _aid(col: DemoColumn, index: int) -> int:
    return col.cid * AID_BASE + index + 1


def _split_aid(aid: int) -> tuple[int, int]:
    return aid // AID_BASE, aid % AID_BASE - 1


class UrlScheme:
    sitemap = "/wzdt/"
    search = "/search/"
    search_param = "q"

    def column_url(self, col: DemoColumn, page: int = 0) -> str:
        raise NotImplementedError

    def article_url(self, col: DemoColumn, index: int, d: date) -> str:
        raise NotImplementedError

    def parse(self, path_qs: str) -> Route | None:
        parts = urlsplit(path_qs)
        path, qs = parts.path, parse_qs(parts.query)
        if path in ("/", "/index.html", "/index.htm", "/default.aspx"):
            return Route("home")
        if path == self.sitemap:
            return Route("sitemap")
        if path == self.search:
            return Route("search", query=(qs.get(self.search_param) or [""])[0])
        if path.startswith("/css/"):
            return Route("css", query=path)
        if path.startswith("/images/"):
            return Route("image", query=path)
        if path.startswith("/uploadfiles/"):
            return Route("attachment", query=path)
        if path == "/robots.txt":
            return Route("robots")
        if path in STATIC_PAGES:
            return Route("static", query=path)
        return self.parse_own(path, qs)

    def parse_own(self, path: str, qs: dict[str, list[str]]) -> Route | None:
        raise NotImplementedError


class TrsScheme(UrlScheme):
    _art = re.compile(r"^/(.+)/(\d{6})/t(\d{8})_(\d+)\.html$")
    _col = re.compile(r"^/(.+?)/(?:index(?:_(\d+))?\.html)?$")

    def __init__(self, slugs: dict[str, int]):
        self.slugs = slugs

    def column_url(self, col: DemoColumn, page: int = 0) -> str:
        return f"/{col.slug}/" if page == 0 else f"/{col.slug}/index_{page}.html"

    def article_url(self, col: DemoColumn, index: int, d: date) -> str:
        return f"/{col.slug}/{d:%Y%m}/t{d:%Y%m%d}_{_aid(col, index)}.html"

    def parse_own(self, path: str, qs: dict[str, list[str]]) -> Route | None:
        if m := self._art.match(path):
            cid, index = _split_aid(int(m.group(4)))
            return Route("article", cid, index, query=m.group(3))
        if (m := self._col.match(path)) and m.group(1) in self.slugs:
            return Route("column", self.slugs[m.group(1)], int(m.group(2) or 0))
        return None


class HanwebScheme(UrlScheme):
    sitemap = "/col/col999/index.html"
    search = "/jrobot/search.do"
    _art = re.compile(r"^/art/(\d{4})/(\d{1,2})/(\d{1,2})/art_(\d+)_(\d+)\.html$")
    _col = re.compile(r"^/col/col(\d+)/index\.html$")

    def column_url(self, col: DemoColumn, page: int = 0) -> str:
        base = f"/col/col{1000 + col.cid}/index.html"
        return base if page == 0 else f"{base}?uid={4000 + col.cid}&pageNum={page + 1}"

    def article_url(self, col: DemoColumn, index: int, d: date) -> str:
        return f"/art/{d.year}/{d.month}/{d.day}/art_{1000 + col.cid}_{_aid(col, index)}.html"

    def parse_own(self, path: str, qs: dict[str, list[str]]) -> Route | None:
        if m := self._art.match(path):
            cid, index = _split_aid(int(m.group(5)))
            if cid != int(m.group(4)) - 1000:
                return None
            return Route("article", cid, index, query=f"{int(m.group(1)):04d}{int(m.group(2)):02d}{int(m.group(3)):02d}")
        if m := self._col.match(path):
            raw = (qs.get("pageNum") or ["1"])[0] or "1"
            return Route("column", int(m.group(1)) - 1000, int(raw) - 1) if raw.isdigit() else None
        return None


class JcmsScheme(UrlScheme):
    sitemap = "/SiteMap.aspx"
    search = "/Search.aspx"
    search_param = "keyword"

    def column_url(self, col: DemoColumn, page: int = 0) -> str:
        base = f"/News/List.aspx?ClassID={col.cid}"
        return base if page == 0 else f"{base}&page={page + 1}"

    def article_url(self, col: DemoColumn, index: int, d: date) -> str:
        return f"/News/Show.aspx?id={_aid(col, index)}"

    def parse_own(self, path: str, qs: dict[str, list[str]]) -> Route | None:
        try:
            if path.lower() == "/news/list.aspx":
                return Route("column", int(qs["ClassID"][0]), int((qs.get("page") or ["1"])[0]) - 1)
            if path.lower() == "/news/show.aspx":
                cid, index = _split_aid(int(qs["id"][0]))
                return Route("article", cid, index)
        except (KeyError, ValueError, IndexError):
            return None
        return None


def scheme_for(template: str, columns: list[DemoColumn]) -> UrlScheme:
    if template == "trs":
        return TrsScheme({c.slug: c.cid for c in columns})
    if template == "hanweb":
        return HanwebScheme()
    return JcmsScheme()
