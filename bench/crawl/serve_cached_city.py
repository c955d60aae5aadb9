"""Bench server: the demo city on loopback in its own process, each response rendered once and cached
and served by a minimal keep-alive protocol, so the crawlers (not the server) are what is measured.

    python bench/crawl/serve_cached_city.py SITES PAGES INFO_JSON
writes {"port", "resolve", "sites": [{"code", "url", "host"}]} to INFO_JSON when listening.
"""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from govinspect.demo.build_city import build_city

REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 403: "Forbidden", 404: "Not Found",
           421: "Misdirected Request", 502: "Bad Gateway"}


class CachedCityProtocol(asyncio.Protocol):
    """Minimal HTTP/1.1 keep-alive server over a response cache: the bench measures crawlers, not this."""

    def __init__(self, city, cache: dict[tuple[str, str], bytes]):
        self.city, self.cache, self.buf = city, cache, b""

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while b"\r\n\r\n" in self.buf:
            head, self.buf = self.buf.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            method, target = lines[0].split(" ")[:2]
            headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
            self.transport.write(self.respond(method, headers.get("host", ""), target, headers))

    def respond(self, method: str, host: str, target: str, headers: dict[str, str]) -> bytes:
        key = (host, target)
        raw = self.cache.get(key)
        if raw is None:
            resp = self.city.render(host, target, headers)
            head = [f"HTTP/1.1 {resp.status} {REASONS.get(resp.status, 'OK')}"]
            head += [f"{k}: {v}" for k, v in resp.headers.items() if k.lower() != "content-length"]
            head += [f"Content-Length: {len(resp.body)}", "Connection: keep-alive", "", ""]
            raw = self.cache[key] = "\r\n".join(head).encode("utf-8") + resp.body
        if method == "HEAD":
            return raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
        return raw


async def main(sites: int, pages: int, info: Path) -> None:
    city = build_city(seed=7, sites=sites, pages_per_site=pages, defects="none")
    cache: dict[tuple[str, str], bytes] = {}
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: CachedCityProtocol(city, cache), "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
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
