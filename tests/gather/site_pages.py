"""A small, well-formed government-like site for the tests: nav, columns, pagination, articles."""
from __future__ import annotations

import asyncio

from aiohttp import web

NAV = [("信息公开", "/xxgk/"), ("政务动态", "/zwdt/"), ("通知公告", "/tzgg/")]


def page(title: str, body: str, charset: str = "utf-8") -> str:
    nav = "".join(f'<li><a href="{u}">{n}</a></li>' for n, u in NAV)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<nav><ul><li><a href="/">首页</a></li>{nav}</ul></nav><div class="main">{body}</div>'
            f'<footer>主办单位：测试市人民政府办公室 鄂ICP备12345678号</footer></body></html>')


def small_site(articles_per_column: int = 4, extra_links: str = "", delay_s: float = 0.0) -> web.RequestHandler:
    """Homepage → 3 columns (2 list pages each) → articles. Deterministic."""

    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        if delay_s:
            await asyncio.sleep(delay_s)
        if path == "/":
            return _html(page("测试市人民政府", "<h1>首页</h1>" + extra_links))
        if path == "/robots.txt":
            return web.Response(status=404, text="not found")
        for name, col in NAV:
            if path in (col, col + "index_1.html"):
                first = path == col
                items = "".join(
                    f'<li><a href="{col}art{k}.html">{name}文章{k}</a><span>2020-07-{10 + k:02d}</span></li>'
                    for k in (range(articles_per_column // 2) if first else
                              range(articles_per_column // 2, articles_per_column)))
                pager = f'<a href="{col}index_1.html">下一页</a>' if first else f'<a href="{col}">上一页</a>'
                return _html(page(name, f"<ul>{items}</ul>{pager}"))
            if path.startswith(col + "art"):
                return _html(page(f"{name}文章", f"<p>正文 {path}</p>"))
        return web.Response(status=404, text="<h1>404</h1>", content_type="text/html")

    return handle


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html", charset="utf-8")


def small_site_page_count(articles_per_column: int = 4) -> int:
    return 1 + len(NAV) * (2 + articles_per_column)
