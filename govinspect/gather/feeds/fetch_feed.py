"""Fetch one feed through the crawler's shared ``HttpClient`` (politeness per host, timeouts,
retries on 502-504 and refused connections, size caps on decompressed bytes, the resolve map and
``only_mapped_hosts``) and classify the outcome into feed health terms.
"""
from __future__ import annotations

from dataclasses import dataclass

from govinspect.gather.http_client import HttpClient

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")
GONE_STATUSES = (404, 410)          # the route or account no longer exists: a dead feed


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    status: str                     # ok | http_error | timeout | dead
    body: bytes = b""
    http_status: int | None = None
    content_type: str = ""
    detail: str = ""


_ERRORS = {
    "timeout": "订阅源响应超时", "dns": "订阅源域名无法解析", "refused": "无法连接订阅源",
    "tls": "订阅源证书或加密连接出错", "blocked": "订阅源拒绝访问（可能被防火墙拦截）",
    "too_large": "订阅源超过大小上限", "redirect_loop": "订阅源重定向循环", "too_many_redirects": "订阅源重定向次数过多",
    "out_of_scope": "订阅源主机不在允许访问的映射表中", "http": "订阅源返回错误",
}


async def fetch_feed(url: str, client: HttpClient) -> FetchOutcome:
    got = await client.fetch(url, headers={"Accept": FEED_ACCEPT})
    if got.ok:
        return FetchOutcome("ok", body=got.body, http_status=got.status, content_type=got.content_type)
    where = f"（{got.error_detail}）" if got.error_detail else ""
    if got.status in GONE_STATUSES:
        return FetchOutcome("dead", http_status=got.status,
                            detail=f"订阅地址已不存在（HTTP {got.status}），疑似失效的订阅源")
    if got.error_class == "timeout":
        return FetchOutcome("timeout", detail=f"订阅源响应超时（{client.settings.total_timeout_s:g} 秒内未完成）")
    reason = _ERRORS.get(got.error_class or "", "未能访问订阅源")
    return FetchOutcome("http_error", http_status=got.status, content_type=got.content_type, detail=reason + where)
