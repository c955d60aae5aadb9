"""A real loopback aiohttp server for feed tests: routes registered per test, host mapped to 127.0.0.1."""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from aiohttp import web

from govinspect.settings import Settings

FEED_HOST = "feeds.example.gov.cn"


@dataclass
class FeedServer:
    port: int
    routes: dict[str, Callable[[web.Request], object]] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"http://{FEED_HOST}:{self.port}{path}"

    def settings(self, **over: object) -> Settings:
        base: dict[str, object] = {"resolve": {FEED_HOST: ("127.0.0.1",)}, "only_mapped_hosts": True,
                                   "per_host_delay_s": 0.0, "total_timeout_s": 1.0, "read_timeout_s": 1.0,
                                   "connect_timeout_s": 1.0, "retries": 0, "per_host_connections": 8}
        base.update(over)
        return Settings(**base)  # type: ignore[arg-type]


def body(data: str | bytes, status: int = 200, ctype: str = "application/rss+xml; charset=utf-8",
         delay: float = 0.0) -> Callable[[web.Request], object]:
    raw = data.encode("utf-8") if isinstance(data, str) else data

    async def handler(request: web.Request) -> web.Response:
        if delay:
            await asyncio.sleep(delay)
        return web.Response(body=raw, status=status, headers={"Content-Type": ctype})
    return handler


@contextlib.asynccontextmanager
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer(port=0)

    async def dispatch(request: web.Request) -> web.StreamResponse:
        handler = server.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="route not found")
        return await handler(request)  # type: ignore[misc]

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", dispatch)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield server
    finally:
        await runner.cleanup()


def rss(posts: list[tuple[str, str, str]], title: str = "测试账号") -> str:
    """posts: (pubDate string, title, text)."""
    items = "".join(f"<item><title>{t}</title><link>http://{FEED_HOST}/p/{i}</link><pubDate>{d}</pubDate>"
                    f"<description><![CDATA[<p>{x}</p>]]></description></item>" for i, (d, t, x) in enumerate(posts))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://{FEED_HOST}/</link><description>由 RSSHub 生成</description>{items}</channel></rss>")
