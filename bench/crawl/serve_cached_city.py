"""Bench server: the demo city on loopback in its own process, each response rendered once and cached,
so the crawlers (not the renderer) are what the benchmark measures.

    python bench/crawl/serve_cached_city.py SITES PAGES INFO_JSON
writes {"port", "resolve", "sites": [{"code", "url", "host"}]} to INFO_JSON when listening.
"""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from aiohttp import web

from govinspect.demo.build_city import build_city


async def main(sites: int, pages: int, info: Path) -> None:
    city = build_city(seed=7, sites=sites, pages_per_site=pages, defects="none")
    cache: dict[tuple[str, str], web.Response] = {}

    async def handle(request: web.Request) -> web.StreamResponse:
        key = (request.host, request.raw_path)
        hit = cache.get(key)
        if hit is None:
            resp = city.render(request.host or "", request.raw_path, dict(request.headers))
            hit = cache[key] = (resp.status, resp.headers, resp.body)
        status, headers, body = hit
        return web.Response(status=status, headers=headers, body=body)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    city.ipv6 = False
    city.bind(port)
    records = city.site_records()
    info.write_text(json.dumps({
        "port": port, "resolve": {h: ["127.0.0.1"] for h in city.resolve_map()},
        "sites": [{"code": r.site_code, "name": r.name, "url": r.url} for r in records],
        "pages_planned": city.summary()["pages"]}, ensure_ascii=False), encoding="utf-8")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))
