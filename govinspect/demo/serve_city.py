"""Serve a DemoCity with ONE aiohttp server on loopback, routing on the Host header.

    async with serve_city(city) as running:
        running.port, running.base_url(site), running.resolve_map

Listens on 127.0.0.1 and, when the sandbox allows it, on ::1 with the same port. Crawlers reach the
hosts through ``running.resolve_map`` (host → ["127.0.0.1", "::1"?], like ``curl --resolve``).
"""
from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass

from aiohttp import web

from govinspect.demo.city_model import DemoSite
from govinspect.demo.demo_city import DemoCity


@dataclass
class RunningCity:
    city: DemoCity
    host: str
    port: int
    ipv6: bool

    def base_url(self, site: DemoSite | str) -> str:
        host = site.host if isinstance(site, DemoSite) else site
        return f"http://{host}:{self.port}/"

    @property
    def resolve_map(self) -> dict[str, list[str]]:
        return self.city.resolve_map()

    def url(self, host: str, path_qs: str = "/") -> str:
        return f"http://{host}:{self.port}{path_qs}"


def make_app(city: DemoCity) -> web.Application:
    async def handle(request: web.Request) -> web.StreamResponse:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        via_ipv6 = bool(peer) and ":" in str(peer[0])
        resp = city.render(request.host or "", request.raw_path, dict(request.headers), via_ipv6=via_ipv6)
        if resp.delay_s:
            await asyncio.sleep(resp.delay_s)
        return web.Response(status=resp.status, headers=resp.headers, body=resp.body)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


def ipv6_loopback_works() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
            return True
    except OSError:
        return False


@contextlib.asynccontextmanager
async def serve_city(city: DemoCity, host: str = "127.0.0.1", port: int = 0,
                     ipv6: bool | None = None) -> AsyncIterator[RunningCity]:
    """Start the server, bind the city to its port, stop it on exit."""
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"演示城市只能在本机回环地址上运行（收到 {host}）")
    runner = web.AppRunner(make_app(city), access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    try:
        site4 = web.TCPSite(runner, host, port)
        await site4.start()
        actual = site4._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        want6 = ipv6_loopback_works() if ipv6 is None else ipv6
        has6 = False
        if want6:
            try:
                await web.TCPSite(runner, "::1", actual).start()
                has6 = True
            except OSError:
                has6 = False
        city.ipv6 = has6
        city.bind(actual)
        yield RunningCity(city, host, actual, has6)
    finally:
        await runner.cleanup()


class CityInThread:
    """Blocking helper for the CLI and benchmarks: the server runs in a background thread.

        with CityInThread(city) as running: ...
    """

    def __init__(self, city: DemoCity, port: int = 0):
        self.city, self.port = city, port
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self.running: RunningCity | None = None
        self._thread = threading.Thread(target=self._run, name="demo-city", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        async with serve_city(self.city, port=self.port) as running:
            self.running = running
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> RunningCity:
        self._thread.start()
        if not self._ready.wait(timeout=15) or self.running is None:
            raise RuntimeError("演示城市服务器未能启动")
        return self.running

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)


def serve_forever(city: DemoCity, port: int = 0) -> None:
    """Run the city in the foreground until Ctrl-C (``govinspect demo --serve``-style use)."""
    async def main() -> None:
        async with serve_city(city, port=port) as running:
            print(f"演示城市已启动：端口 {running.port}，{len(city.sites)} 个网站，{len(city.accounts)} 个新媒体账号")
            await asyncio.Event().wait()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
