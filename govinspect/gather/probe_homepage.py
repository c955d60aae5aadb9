"""Homepage availability probes per indicators.md V2.

A probe fails when no complete 2xx HTML answer arrives within ``probe_fail_after_s`` (15 s): timeout,
DNS/TCP/TLS error, HTTP ≥ 400 or an empty body. A one-shot scan makes ``probe_count`` (≥ 3) probes,
``probe_interval_s`` apart; probes are not retried (each one is a measurement).
"""
from __future__ import annotations

import asyncio

from govinspect.gather.http_client import HttpClient
from govinspect.gather.page_snapshot import now_iso
from govinspect.model.artifacts import Probe
from govinspect.settings import Settings

MIN_PROBES = 3


async def probe_once(client: HttpClient, url: str, settings: Settings) -> Probe:
    at = now_iso()
    res = await client.fetch(url, retries=0, total_timeout_s=settings.probe_fail_after_s, polite=False)
    error_class, detail = res.error_class, res.error_detail
    if error_class is None and not res.body:
        error_class, detail = "empty", "响应成功但内容为空"
    if error_class is None and res.elapsed_ms >= settings.probe_fail_after_s * 1000:
        error_class, detail = "timeout", f"超过 {settings.probe_fail_after_s:g} 秒"
    if error_class == "too_large":
        error_class, detail = None, None     # it opened; size is not availability
    ok = error_class is None and res.status is not None and 200 <= res.status < 300
    return Probe(url=url, at=at, ok=ok, status=res.status,
                 ttfb_ms=round(res.ttfb_ms, 1) if res.ttfb_ms is not None else None,
                 total_ms=round(res.elapsed_ms, 1), error_class=error_class, error_detail=detail,
                 test=settings.probe_test_window)


async def probe_homepage(url: str, client: HttpClient, settings: Settings) -> list[Probe]:
    """``max(3, probe_count)`` probes of the homepage, spaced by ``probe_interval_s``."""
    probes: list[Probe] = []
    for i in range(max(MIN_PROBES, settings.probe_count)):
        if i:
            await asyncio.sleep(settings.probe_interval_s)
        probes.append(await probe_once(client, url, settings))
    return probes
