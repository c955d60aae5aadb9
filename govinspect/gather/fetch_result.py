"""The outcome of one HTTP fetch, and how failures are classified into ``ERROR_CLASSES``."""
from __future__ import annotations

import asyncio
import re
import ssl
from dataclasses import dataclass, field

KEPT_HEADERS = ("content-type", "content-length", "content-encoding", "last-modified", "server", "location",
                "x-powered-by", "set-cookie")

# Markers of WAF / anti-bot challenge pages (Chinese CMS hosting and cloud WAFs). Only looked for in
# short bodies, so an article that merely mentions a product is not taken for a challenge.
WAF_MARKERS = re.compile(
    r"安全狗|safedog|云锁|yunsuo_session|__jsl_clearance|_waf_|waf\.(?:aliyun|tencent)|"
    r"cdn\.aliyun|知道创宇|创宇盾|jiasule|加速乐|Cloudflare Ray ID|cf-chl|Attention Required|"
    r"您的访问被拦截|访问被拒绝|请求被拦截|网站防火墙|Web应用防火墙|滑动验证|人机验证|"
    r"拦截了您的请求|当前访问疑似黑客攻击|Access Denied|Request Rejected|The requested URL was rejected",
    re.IGNORECASE)
WAF_BODY_LIMIT = 20_000
BLOCK_STATUSES = (403, 429)


@dataclass(slots=True)
class FetchResult:
    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    elapsed_ms: float = 0.0
    ttfb_ms: float | None = None
    error_class: str | None = None
    error_detail: str | None = None
    redirects: tuple[str, ...] = ()
    attempts: int = 1

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def ok(self) -> bool:
        return self.error_class is None and self.status is not None and self.status < 400


def classify_exception(exc: BaseException) -> tuple[str, str]:
    """(error class, detail) for an exception raised while fetching."""
    # here, not at the top: the parse workers read FetchResults and never fetch (aiohttp: ~8 MB a process)
    import aiohttp

    from govinspect.gather.resolve_hosts import UnmappedHostError

    detail = f"{type(exc).__name__}: {exc}"[:300]
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError, TimeoutError)):
        return "timeout", detail or "timeout"
    if isinstance(exc, UnmappedHostError):
        return "out_of_scope", detail
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        cause = exc.os_error if isinstance(getattr(exc, "os_error", None), UnmappedHostError) else None
        return ("out_of_scope", detail) if cause else ("dns", detail)
    if isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError, ssl.SSLError)):
        return "tls", detail
    if isinstance(exc, (aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError, ConnectionError,
                        aiohttp.ClientOSError)):
        return "refused", detail
    if isinstance(exc, (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError, ValueError)):
        return "other", detail
    return "other", detail


def looks_like_waf(body: bytes) -> bool:
    if not body or len(body) > WAF_BODY_LIMIT:
        return False
    return bool(WAF_MARKERS.search(body.decode("utf-8", errors="replace")))


def classify_status(status: int, body: bytes) -> tuple[str | None, str | None]:
    """Error class for an HTTP answer: blocked (403/429/WAF challenge), http (other ≥ 400), else None."""
    if status in BLOCK_STATUSES:
        return "blocked", f"HTTP {status}"
    if status >= 400:
        if looks_like_waf(body):
            return "blocked", f"HTTP {status}，防火墙拦截页"
        return "http", f"HTTP {status}"
    few_links = len(body) <= WAF_BODY_LIMIT and body.lower().count(b"<a ") < 2
    if 200 <= status < 300 and few_links and looks_like_waf(body):
        # A 200 challenge page (JS cookie challenge) carries no navigation; test that cheap fact first.
        return "blocked", f"HTTP {status}，防火墙验证页"
    return None, None
