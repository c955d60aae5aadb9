"""Bounded fetch of one feed URL with aiohttp, honouring Settings.resolve / only_mapped_hosts.

The gather engineer's shared HTTP client had not landed when this was written, so feeds use this
small client: size cap (Settings.max_page_bytes, decompressed bytes counted), connect/read/total
timeouts, bounded redirects, retries on connection errors and 5xx (never on timeouts, which would
multiply the wait), and a per-host gate so one RSSHub instance is not hammered.
"""
from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from govinspect.settings import Settings

GONE_STATUSES = (404, 410)          # the route or account no longer exists: a dead feed


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    status: str                     # ok | http_error | timeout | dead
    body: bytes = b""
    http_status: int | None = None
    content_type: str = ""
    detail: str = ""


class MappedResolver(AbstractResolver):
    """Host → fixed addresses (like ``curl --resolve``); other hosts refused or resolved normally."""

    def __init__(self, mapping: dict[str, tuple[str, ...]], only_mapped: bool):
        self._mapping = {h.lower(): ips for h, ips in mapping.items()}
        self._only_mapped = only_mapped
        self._default: DefaultResolver | None = None

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        ips = self._mapping.get(host.lower())
        if ips:
            return [ResolveResult(hostname=host, host=ip, port=port,
                                  family=socket.AF_INET6 if ":" in ip else socket.AF_INET,
                                  proto=0, flags=socket.AI_NUMERICHOST) for ip in ips]
        if self._only_mapped:
            raise OSError(f"主机 {host} 不在映射表中，按设置不访问")
        if self._default is None:
            self._default = DefaultResolver()
        return await self._default.resolve(host, port, family)

    async def close(self) -> None:
        if self._default is not None:
            await self._default.close()


def make_feed_session(settings: Settings) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(resolver=MappedResolver(settings.resolve, settings.only_mapped_hosts),
                                     limit=max(1, settings.concurrency),
                                     limit_per_host=max(1, settings.per_host_connections))
    return aiohttp.ClientSession(connector=connector, headers={"User-Agent": settings.user_agent},
                                 auto_decompress=True)


def host_allowed(url: str, settings: Settings) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return not settings.only_mapped_hosts or host in {h.lower() for h in settings.resolve}


async def _read_bounded(resp: aiohttp.ClientResponse, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _once(session: aiohttp.ClientSession, url: str, settings: Settings) -> FetchOutcome:
    timeout = aiohttp.ClientTimeout(total=settings.total_timeout_s, connect=settings.connect_timeout_s,
                                    sock_read=settings.read_timeout_s)
    kwargs: dict[str, Any] = {"timeout": timeout, "max_redirects": settings.max_redirects,
                              "headers": {"Accept": "application/rss+xml, application/atom+xml, "
                                                    "application/feed+json, application/json, text/xml, */*"}}
    async with session.get(url, **kwargs) as resp:
        ctype = resp.headers.get("Content-Type", "")
        if resp.status in GONE_STATUSES:
            return FetchOutcome("dead", http_status=resp.status, content_type=ctype,
                                detail=f"订阅地址已不存在（HTTP {resp.status}），疑似失效的订阅源")
        if resp.status >= 400:
            return FetchOutcome("http_error", http_status=resp.status, content_type=ctype,
                                detail=f"订阅源返回错误（HTTP {resp.status}）")
        body = await _read_bounded(resp, min(settings.max_page_bytes, settings.max_decompressed_bytes))
        if body is None:
            return FetchOutcome("http_error", http_status=resp.status, content_type=ctype,
                                detail=f"订阅源超过大小上限（{settings.max_page_bytes} 字节）")
        return FetchOutcome("ok", body=body, http_status=resp.status, content_type=ctype)


async def fetch_feed(url: str, settings: Settings, session: aiohttp.ClientSession) -> FetchOutcome:
    if not host_allowed(url, settings):
        return FetchOutcome("http_error", detail=f"主机不在允许访问的映射表中：{urlsplit(url).hostname}")
    attempts = 1 + max(0, settings.retries)
    last = FetchOutcome("http_error", detail="未能访问订阅源")
    for attempt in range(attempts):
        try:
            last = await _once(session, url, settings)
        except asyncio.TimeoutError:
            return FetchOutcome("timeout", detail=f"订阅源响应超时（{settings.total_timeout_s:g} 秒内未完成）")
        except aiohttp.TooManyRedirects:
            return FetchOutcome("http_error", detail="订阅源重定向次数过多")
        except (aiohttp.ClientError, OSError) as exc:
            last = FetchOutcome("http_error", detail=f"无法连接订阅源（{type(exc).__name__}: {exc}）")
        if last.status == "ok" or last.status == "dead" or (last.http_status or 0) in range(400, 500):
            return last
        if attempt + 1 < attempts:
            await asyncio.sleep(min(1.0, settings.per_host_delay_s))
    return last
