"""One aiohttp session for a run: politeness, timeouts, retries, size caps, manual redirects.

Every byte read from the network passes through ``HttpClient.fetch``. Bodies are streamed and cut at
the caps (decompressed size for compressed answers, so a gzip bomb costs at most the cap);
redirects are followed by hand so loops and overly long chains are recorded, not raised.
"""
from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Self

import aiohttp
from yarl import URL

from govinspect.gather.fetch_result import KEPT_HEADERS, FetchResult, classify_exception, classify_status
from govinspect.gather.resolve_hosts import MappedResolver, host_allowed
from govinspect.settings import Settings

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RETRY_STATUSES = (502, 503, 504)
RETRY_ERRORS = ("refused", "other")
MAX_CRAWL_DELAY_S = 10.0
CHUNK = 64 * 1024


class HostGate:
    """Per host: at most ``connections`` open requests and a minimum gap between request starts."""

    __slots__ = ("delay", "lock", "next_at", "slots")

    def __init__(self, delay: float, connections: int):
        self.lock = asyncio.Lock()
        self.next_at = 0.0
        self.delay = delay
        self.slots = asyncio.Semaphore(max(1, connections))

    async def wait(self) -> None:
        if self.delay <= 0:
            return
        async with self.lock:
            loop = asyncio.get_running_loop()
            gap = self.next_at - loop.time()
            if gap > 0:
                await asyncio.sleep(gap)
            self.next_at = loop.time() + self.delay


@dataclass(slots=True)
class _Hop:
    status: int | None
    headers: dict[str, str]
    body: bytes
    ttfb_ms: float | None
    error_class: str | None = None
    error_detail: str | None = None


class HttpClient:
    """Use as ``async with HttpClient(settings) as client: await client.fetch(url)``."""

    def __init__(self, settings: Settings, family: int = 0):
        self.settings = settings
        self._family = family
        self._session: aiohttp.ClientSession | None = None
        self._gates: dict[str, HostGate] = {}
        self.bytes_read = 0          # decompressed bytes kept, for bounds in tests and benchmarks
        self.requests = 0

    async def __aenter__(self) -> Self:
        s = self.settings
        # Slots are our own semaphores, taken before the timeouts start: waiting behind a hostile
        # site's slow connections must not time out a healthy site's requests.
        self._slots = asyncio.Semaphore(max(1, s.concurrency))
        connector = aiohttp.TCPConnector(limit=0, limit_per_host=0, resolver=MappedResolver(s), ttl_dns_cache=300,
                                         family=self._family, enable_cleanup_closed=True)
        timeout = aiohttp.ClientTimeout(total=s.total_timeout_s, sock_connect=s.connect_timeout_s,
                                        sock_read=s.read_timeout_s)
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=timeout, auto_decompress=True,
            headers={"User-Agent": s.user_agent, "Accept": ACCEPT, "Accept-Language": "zh-CN,zh;q=0.9"},
            cookie_jar=aiohttp.CookieJar(unsafe=True), max_line_size=16384, max_field_size=16384)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def set_host_delay(self, host: str, delay_s: float) -> None:
        """Raise one host's delay (robots.txt Crawl-delay), bounded so a hostile value cannot stall us."""
        gate = self._gate(host)
        gate.delay = max(gate.delay, min(float(delay_s), MAX_CRAWL_DELAY_S))

    def _gate(self, host: str) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = HostGate(self.settings.per_host_delay_s, self.settings.per_host_connections)
        return gate

    async def fetch(self, url: str, *, method: str = "GET", headers: Mapping[str, str] | None = None,
                    max_bytes: int | None = None, follow_redirects: bool = True, retries: int | None = None,
                    total_timeout_s: float | None = None, polite: bool = True,
                    verify_tls: bool = True) -> FetchResult:
        """Fetch ``url``; never raises for network trouble: failures come back classified."""
        start = time.perf_counter()
        retries = self.settings.retries if retries is None else retries
        result = FetchResult(url=url, final_url=url)
        for attempt in range(retries + 1):
            result = await self._follow(url, method, headers, max_bytes, follow_redirects, total_timeout_s,
                                        polite, verify_tls, start)
            result.attempts = attempt + 1
            # A timeout before any answer (busy server) is retried; one after the answer started (a slow
            # drip) is not: retrying it would only double what a hostile server costs us.
            retry = result.error_class in RETRY_ERRORS or (
                result.error_class == "timeout" and result.ttfb_ms is None) or (
                result.status in RETRY_STATUSES and result.error_class != "blocked")
            if not retry or attempt == retries:
                break
            await asyncio.sleep(0.25 * (2 ** attempt))
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result

    async def _follow(self, url: str, method: str, headers: Mapping[str, str] | None, max_bytes: int | None,
                      follow: bool, total_timeout_s: float | None, polite: bool, verify_tls: bool,
                      start: float) -> FetchResult:
        seen: list[str] = []
        current = url
        ttfb: float | None = None
        while True:
            hop = await self._one(current, method, headers, max_bytes, total_timeout_s, polite, verify_tls, start)
            ttfb = ttfb if ttfb is not None else hop.ttfb_ms
            result = FetchResult(url=url, final_url=current, status=hop.status, headers=hop.headers, body=hop.body,
                                 ttfb_ms=ttfb, error_class=hop.error_class, error_detail=hop.error_detail,
                                 redirects=tuple(seen))
            location = hop.headers.get("location")
            if not follow or hop.error_class or hop.status not in (301, 302, 303, 307, 308) or not location:
                if hop.error_class is None and hop.status is not None:
                    result.error_class, result.error_detail = classify_status(hop.status, hop.body)
                return result
            try:
                target = str(URL(current).join(URL(location.strip())).with_fragment(None))
            except ValueError as exc:
                result.error_class, result.error_detail = "other", f"bad Location header: {exc}"[:300]
                return result
            seen.append(current)
            if target in seen or target == current:
                result.error_class, result.error_detail = "redirect_loop", f"重定向循环：{target}"
                return result
            if len(seen) > self.settings.max_redirects:
                result.error_class = "too_many_redirects"
                result.error_detail = f"重定向超过 {self.settings.max_redirects} 次"
                return result
            if method == "POST" or hop.status == 303:
                method = "GET"
            current = target

    async def _one(self, url: str, method: str, headers: Mapping[str, str] | None, max_bytes: int | None,
                   total_timeout_s: float | None, polite: bool, verify_tls: bool, start: float) -> _Hop:
        assert self._session is not None, "HttpClient used outside 'async with'"
        try:
            parsed = URL(url)
        except ValueError as exc:
            return _Hop(None, {}, b"", None, "other", f"bad URL: {exc}"[:300])
        if parsed.scheme not in ("http", "https") or not parsed.host:
            return _Hop(None, {}, b"", None, "other", f"不支持的地址：{url[:200]}")
        if not host_allowed(self.settings, parsed.host):
            return _Hop(None, {}, b"", None, "out_of_scope", f"{parsed.host} 不在解析映射中（only_mapped_hosts）")
        gate = self._gate(parsed.host)
        async with gate.slots, self._slots:
            if polite:
                await gate.wait()
            return await self._request(url, parsed, method, headers, max_bytes, total_timeout_s, verify_tls, start)

    async def _request(self, url: str, parsed: URL, method: str, headers: Mapping[str, str] | None,
                       max_bytes: int | None, total_timeout_s: float | None, verify_tls: bool, start: float) -> _Hop:
        assert self._session is not None
        start = time.perf_counter()          # time to first byte counts from the request, not the queue
        kwargs: dict = {"allow_redirects": False, "headers": dict(headers or {})}
        if total_timeout_s is not None:
            s = self.settings
            kwargs["timeout"] = aiohttp.ClientTimeout(total=total_timeout_s,
                                                      sock_connect=min(s.connect_timeout_s, total_timeout_s),
                                                      sock_read=min(s.read_timeout_s, total_timeout_s))
        if not verify_tls:
            kwargs["ssl"] = False
        self.requests += 1
        ttfb: float | None = None
        try:
            async with self._session.request(method, parsed, **kwargs) as resp:
                ttfb = (time.perf_counter() - start) * 1000
                kept = {k: resp.headers.get(k, "") for k in KEPT_HEADERS if k in resp.headers}
                if method == "HEAD" or resp.status in (204, 304) or 300 <= resp.status < 400:
                    return _Hop(resp.status, kept, b"", ttfb)
                body, over = await self._read_capped(resp, max_bytes)
                if over:
                    return _Hop(resp.status, kept, body, ttfb, "too_large", over)
                return _Hop(resp.status, kept, body, ttfb)
        except (TimeoutError, aiohttp.ClientError, OSError, ssl.SSLError, ValueError) as exc:
            error_class, detail = classify_exception(exc)
            return _Hop(None, {}, b"", ttfb, error_class, detail)   # ttfb set: the answer had started

    async def _read_capped(self, resp: aiohttp.ClientResponse, max_bytes: int | None) -> tuple[bytes, str | None]:
        s = self.settings
        compressed = bool(resp.headers.get("content-encoding", "").strip().lower() not in ("", "identity"))
        cap = s.max_decompressed_bytes if compressed else s.max_page_bytes
        soft_cap = max_bytes is not None and max_bytes < cap
        if soft_cap:
            cap = max_bytes  # type: ignore[assignment]
        declared = resp.content_length
        if declared is not None and not compressed and not soft_cap and declared > s.max_page_bytes:
            return b"", f"声明大小 {declared} 字节，超过上限 {s.max_page_bytes}"
        chunks: list[bytes] = []
        n = 0
        async for chunk in resp.content.iter_chunked(CHUNK):
            room = cap - n
            if len(chunk) > room:
                chunks.append(chunk[:room])
                n = cap
                self.bytes_read += n
                if soft_cap:
                    break     # the caller only wanted a prefix (link checks): not an error
                what = "解压后大小" if compressed else "页面大小"
                return b"".join(chunks), f"{what}超过上限 {cap} 字节"
            chunks.append(chunk)
            n += len(chunk)
        else:
            self.bytes_read += n
        return b"".join(chunks), None


__all__ = ["FetchResult", "HostGate", "HttpClient"]
