"""The hostile loopback server of the acceptance tests: each host misbehaves in one way."""
from __future__ import annotations

import asyncio
import zlib

from aiohttp import web

from tests.gather.site_pages import small_site

BIG_PAGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 256 * 1024 * 1024
CALENDAR_LINKS = 10_000
_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    """256 MiB of zeros, gzip-compressed to ~0.25 MiB (built once per test session)."""
    if not _BOMB:
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"\0" * (4 * 1024 * 1024)
        parts = [comp.compress(zeros) for _ in range(BOMB_BYTES // len(zeros))]
        _BOMB.append(b"".join(parts) + comp.flush())
    return _BOMB[0]


async def big_page(request: web.Request) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
    await resp.prepare(request)
    chunk = b"<p>" + "大".encode() * 21_000 + b"</p>\n"
    sent = 0
    try:
        while sent < BIG_PAGE_BYTES:
            await resp.write(chunk)
            sent += len(chunk)
    except (ConnectionError, RuntimeError):
        pass
    return resp


async def bomb(request: web.Request) -> web.StreamResponse:
    return web.Response(body=gzip_bomb(), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})


async def redirect_loop(request: web.Request) -> web.StreamResponse:
    target = "/b" if request.path != "/b" else "/a"
    raise web.HTTPFound(target)


async def calendar(request: web.Request) -> web.StreamResponse:
    if request.path == "/":
        links = "".join(f'<a href="/cal?day={i}">{i}</a> ' for i in range(CALENDAR_LINKS))
        return web.Response(text=f"<html><body><h1>日历</h1>{links}</body></html>", content_type="text/html")
    day = int(request.query.get("day", "0"))
    nav = f'<a href="/cal?day={day + 1}">下一天</a><a href="/cal?day={day - 1}">前一天</a>'
    return web.Response(text=f"<html><body><h1>{day}</h1>{nav}</body></html>", content_type="text/html")


async def drip(request: web.Request) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": "text/html"})
    await resp.prepare(request)
    try:
        for _ in range(3600):
            await resp.write(b"<")
            await asyncio.sleep(1.0)
    except (ConnectionError, RuntimeError, asyncio.CancelledError):
        pass
    return resp


async def invalid_bytes(request: web.Request) -> web.StreamResponse:
    body = (b"<html><head><meta charset='utf-8'><title>\xff\xfe\xfa bad</title></head><body>"
            b"<a href='/ok'>\x80\x81\x82 link</a>\xc3\x28\xa0\xa1</body></html>")
    if request.path == "/ok":
        body = b"<html><body><p>ok page</p></body></html>"
    return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})


async def binary_as_html(request: web.Request) -> web.StreamResponse:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
    return web.Response(body=png, headers={"Content-Type": "text/html"})


async def refuses_crawlers(request: web.Request) -> web.StreamResponse:
    ua = request.headers.get("User-Agent", "").lower()
    if "govinspect" in ua or "spider" in ua or "bot" in ua:
        return web.Response(status=403, text="<html><title>403 Forbidden</title>访问被拒绝</html>",
                            content_type="text/html")
    return web.Response(text="<html><body>hello browser</body></html>", content_type="text/html")


HOSTILE = {
    "big.test": big_page,
    "bomb.test": bomb,
    "loop.test": redirect_loop,
    "calendar.test": calendar,
    "drip.test": drip,
    "invalid.test": invalid_bytes,
    "binary.test": binary_as_html,
    "waf.test": refuses_crawlers,
}


def hostile_routes() -> dict:
    return {**HOSTILE, "good.test": small_site()}
