"""Real government pages (../shared/realdata/html) served on loopback as the sites they came from.

Every saved page is served byte for byte (the 2 UTF-16LE clones included) as the homepage of its own
host; the 邯郸 政府信息公开 pages form one site whose home, 栏目 list, article and 指南 pages sit at the
URLs their own links point to. Anything else 404s — links into parts nobody saved are realistic dead
ends. The server routes on the Host header, so every host resolves to 127.0.0.1 through the resolve
map. It listens on port 80 when it can (the pages' absolute links carry no port, so the 邯郸 site is
then wired by its own links), else on a free port (single pages still scan; 邯郸's links then leave
the site's origin).
"""
from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from aiohttp import web

from govinspect.extract.decode_html import decode_html

HD_HOST = "hdzfxxgk.hd.gov.cn"
# 邯郸 pages at the URLs their own links use (home → list /zfwj/jinqixxgk/, detail, 指南).
HD_PAGES = {
    "/": "hd_gov_cn_xxgk_home_2020.html",
    "/zfwj/jinqixxgk/": "hd_gov_cn_xxgk_list_2020.html",
    "/zfwj/jinqixxgk/index.html": "hd_gov_cn_xxgk_list_2020.html",
    "/gszbm/auto23716/202008/t20200802_1352104.html": "hd_gov_cn_xxgk_detail_2020.html",
    "/zfxxgkzn/": "hd_gov_cn_xxgk_gkzn_2020.html",
}
HD_AS_OF = date(2020, 8, 10)       # the day the home page was saved (README)
ARTICLE_HOSTS = {
    "ccgp_gov_cn_notice_detail_modified.html": "www.ccgp.gov.cn",
    "gne_cmse_gov_cn_article.html": "www.cmse.gov.cn",
    "gne_fgw_zj_gov_cn_article_2016.html": "fgw.zj.gov.cn",
    "gne_shanxi_gov_cn_article_2017.html": "www.shanxi.gov.cn",
    "gne_sxmu_edu_article_nonGov.html": "www.sxmu.edu.cn",
    "gne_www_gov_cn_article.html": "www.gov.cn",
}
DATE = re.compile(r"(20[012]\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
LAST_PLAUSIBLE = date(2025, 12, 31)
OWN_META = re.compile(r"<meta[^>]+name=[\"']?PubDate[\"']?[^>]+content=[\"']?" + DATE.pattern, re.IGNORECASE)
OWN_LABEL = re.compile(r"(?:发布|更新|发稿)?(?:日期|时间)\s*[:：]?\s*(?:&nbsp;|\s)*" + DATE.pattern)


@dataclass
class RealSite:
    host: str
    files: dict[str, Path]              # path → saved page
    as_of: date                         # 监测时间点 chosen after the page's own dates
    label: str                          # the realdata file the homepage comes from
    site_code: str | None = None        # hand-checked footer 标识码 (tests/extract/footer_expected.json)
    extra: dict[str, str] = field(default_factory=dict)


def page_date(raw: bytes) -> date | None:
    """The page's own date: <meta PubDate>, else a labelled 发布日期/发布时间/更新时间, else the latest
    plausible date written anywhere in it."""
    text, _ = decode_html(raw, None)
    for pattern in (OWN_META, OWN_LABEL):
        if found := [d for m in pattern.finditer(text) if (d := _as_date(*m.groups()[-3:]))]:
            return max(found)
    return max(filter(None, (_as_date(*m) for m in DATE.findall(text))), default=None)


def _as_date(y: str, m: str, d: str) -> date | None:
    try:
        found = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return found if found <= LAST_PLAUSIBLE else None


def page_as_of(raw: bytes) -> date:
    """A week after the page's own date: the inspection a live site of that day would get."""
    return (page_date(raw) or date(2025, 7, 1)) + timedelta(days=7)


def real_sites(realdata: Path) -> list[RealSite]:
    html = realdata / "html"
    sites = [RealSite(host=HD_HOST, files={p: html / "lists" / f for p, f in HD_PAGES.items()},
                      as_of=HD_AS_OF, label="lists/hd_gov_cn_xxgk_home_2020.html")]
    for page in sorted((html / "clones_mhxqwer").glob("*.html")):
        sites.append(RealSite(host=page.name.removesuffix(".html"), files={"/": page},
                              as_of=page_as_of(page.read_bytes()), label=f"clones_mhxqwer/{page.name}"))
    for name, host in ARTICLE_HOSTS.items():
        page = html / "articles" / name
        sites.append(RealSite(host=host, files={"/": page}, as_of=page_as_of(page.read_bytes()),
                              label=f"articles/{name}"))
    return sites


def make_app(sites: list[RealSite], hits: list[tuple[str, str, int]]) -> web.Application:
    by_host = {s.host: s for s in sites}

    async def handle(request: web.Request) -> web.StreamResponse:
        site = by_host.get((request.host or "").split(":")[0].lower())
        path = request.path if request.path != "/index.html" else "/"
        page = site.files.get(path) if site else None
        hits.append(((request.host or "").split(":")[0].lower(), request.path, 200 if page else 404))
        if page is None:
            return web.Response(status=404, text="404 Not Found")
        # No charset in the header: the page's own bytes (BOM, meta) must tell the encoding.
        return web.Response(body=page.read_bytes(), headers={"Content-Type": "text/html"})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


@dataclass
class RunningSites:
    port: int
    hits: list[tuple[str, str, int]]    # (host, path, status) of every request served

    def url(self, host: str) -> str:
        return f"http://{host}/" if self.port == 80 else f"http://{host}:{self.port}/"


@contextlib.asynccontextmanager
async def serve_real_sites(sites: list[RealSite]) -> AsyncIterator[RunningSites]:
    hits: list[tuple[str, str, int]] = []
    runner = web.AppRunner(make_app(sites, hits), access_log=None)
    await runner.setup()
    try:
        try:
            site = web.TCPSite(runner, "127.0.0.1", 80)
            await site.start()
        except OSError:                  # not root, or port 80 taken: any free port
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
        port = site._server.sockets[0].getsockname()[1]   # type: ignore[union-attr]
        yield RunningSites(port, hits)
    finally:
        await runner.cleanup()
