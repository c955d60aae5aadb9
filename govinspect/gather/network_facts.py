"""HTTPS and IPv6 facts of a site (outside page crawling).

HTTPS: a stdlib ``ssl`` handshake on 443 with certificate verification, and whether plain HTTP
redirects to HTTPS. IPv6: an AAAA address (the resolve map's IPv6 entries or getaddrinfo) and a
real fetch of the homepage over IPv6. Anything that cannot be tested stays None (未能检测).
"""
from __future__ import annotations

import asyncio
import socket
import ssl
from functools import cache
from urllib.parse import urlsplit, urlunsplit

from govinspect.gather.http_client import HttpClient
from govinspect.gather.resolve_hosts import host_allowed, mapped_addresses
from govinspect.model.artifacts import NetworkFacts
from govinspect.settings import Settings

TLS_TIMEOUT_S = 10.0


async def _addresses(host: str, settings: Settings, family: int) -> list[str]:
    mapped = mapped_addresses(settings, host)
    if mapped is not None:
        want6 = family == socket.AF_INET6
        return [ip for ip in mapped if (":" in ip) == want6]
    if not host_allowed(settings, host):
        return []
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, family=family, type=socket.SOCK_STREAM)
    except OSError:
        return []
    return sorted({info[4][0] for info in infos})


@cache
def _tls_context() -> ssl.SSLContext:
    """One verifying context per process: loading the system's CA bundle costs ~0.1 s of CPU, which every
    site paid again; a context is safe to share between connections."""
    ctx = ssl.create_default_context()
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    return ctx


async def tls_certificate_ok(host: str, settings: Settings, port: int = 443) -> tuple[bool | None, str]:
    """(valid certificate?, detail). False when 443 refuses or the handshake/verification fails."""
    ips = await _addresses(host, settings, socket.AF_INET) or await _addresses(host, settings, socket.AF_INET6)
    if not ips:
        return (None, "无法解析") if not settings.only_mapped_hosts else (False, "未映射，视为无 HTTPS")
    ctx = _tls_context()
    try:
        _reader, writer = await asyncio.wait_for(
            asyncio.open_connection(ips[0], port, ssl=ctx, server_hostname=host), TLS_TIMEOUT_S)
    except ssl.SSLCertVerificationError as exc:
        return False, f"证书无效：{exc.verify_message}"
    except (TimeoutError, OSError, ssl.SSLError) as exc:
        return False, f"443 端口不可用：{type(exc).__name__}"
    obj = writer.get_extra_info("ssl_object")
    detail = f"{obj.version()} {obj.selected_alpn_protocol() or ''}".strip() if obj else ""
    writer.close()
    try:
        await writer.wait_closed()
    except (OSError, ssl.SSLError):
        pass
    return True, detail


async def redirects_to_https(url: str, client: HttpClient) -> bool | None:
    parts = urlsplit(url)
    http_url = urlunsplit(("http", parts.netloc, parts.path or "/", parts.query, ""))
    res = await client.fetch(http_url, follow_redirects=False, retries=0, max_bytes=1)
    if res.status is None:
        return None
    return res.status in (301, 302, 303, 307, 308) and res.headers.get("location", "").lower().startswith("https://")


async def ipv6_reachable(url: str, client: HttpClient, settings: Settings) -> bool | None:
    """True when the homepage opens over IPv6; None when it does not open over IPv4 either."""
    host = urlsplit(url).hostname or ""
    if not await _addresses(host, settings, socket.AF_INET6):
        return False
    async with HttpClient(settings.with_(retries=0), family=socket.AF_INET6) as client6:
        res = await client6.fetch(url, polite=False)
    if res.ok and res.body:
        return True
    v4 = await client.fetch(url, retries=0)
    return False if v4.ok else None


async def network_facts(url: str, client: HttpClient, settings: Settings) -> NetworkFacts:
    host = (urlsplit(url).hostname or "").lower()
    https_ok, _detail = await tls_certificate_ok(host, settings)
    return NetworkFacts(host=host, https_ok=https_ok, http_redirects_to_https=await redirects_to_https(url, client),
                        ipv6=await ipv6_reachable(url, client, settings), robots_honoured=settings.robots == "obey")
