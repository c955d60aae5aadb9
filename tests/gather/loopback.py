"""Real loopback HTTP servers for the gather tests (virtual hosts on one aiohttp server)."""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from govinspect.settings import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class VirtualHosts:
    port: int
    hits: dict[str, list[str]]        # host → paths requested, in order

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def resolve(self, hosts) -> dict[str, tuple[str, ...]]:
        return {h: ("127.0.0.1",) for h in hosts}


@contextlib.asynccontextmanager
async def serve_hosts(routes: dict[str, Handler]) -> AsyncIterator[VirtualHosts]:
    hits: dict[str, list[str]] = {h: [] for h in routes}

    async def dispatch(request: web.Request) -> web.StreamResponse:
        host = (request.host or "").split(":")[0].lower()
        handler = routes.get(host)
        if handler is None:
            return web.Response(status=421, text=f"unknown host {host}")
        hits[host].append(request.path_qs)
        return await handler(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", dispatch)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield VirtualHosts(port, hits)
    finally:
        await runner.cleanup()


def loopback_settings(hosts, **overrides) -> Settings:
    """Fast, loopback-only settings: small caps and timeouts so hostile cases stay cheap."""
    base = {"resolve": {h: ("127.0.0.1",) for h in hosts}, "only_mapped_hosts": True, "per_host_delay_s": 0.0,
                "per_host_connections": 4, "concurrency": 16, "connect_timeout_s": 2.0, "read_timeout_s": 2.0,
                "total_timeout_s": 3.0, "retries": 1, "max_page_bytes": 2 * 1024 * 1024,
                "max_decompressed_bytes": 4 * 1024 * 1024, "probe_interval_s": 0.05, "probe_fail_after_s": 2.0,
                "page_budget": 200}
    base.update(overrides)
    return Settings(**base)


async def serve_handler(handler: Handler) -> tuple[web.AppRunner, int]:
    """One handler for every path on 127.0.0.1 at a free port; the caller cleans the runner up."""
    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
