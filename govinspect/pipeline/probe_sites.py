"""`govinspect probe` (one round) and `govinspect monitor` (≥20 probes a day per site, daily snapshots, hijack
alerts: pipeline/monitor_alerts.py).

Probes are stored with their times; a later scan decides 站点无法访问 (V2) only on a monitored week (7 days,
≥ 20 probes each day, checks/site/homepage_unreachable.py). A rate below 20 a day is refused unless the run
is declared a test; its probes are then stored as a test window.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from govinspect.gather.http_client import HttpClient
from govinspect.gather.probe_homepage import probe_homepage, probe_once
from govinspect.model.artifacts import Probe
from govinspect.pipeline.monitor_alerts import AlertWebhook, deliver_alerts, watch_homepage
from govinspect.pipeline.open_store import open_store
from govinspect.settings import Settings
from govinspect.store import Store

MONITOR_WINDOW_DAYS = 7
MIN_PER_DAY = 20            # indicators.md V2: 每天不少于20次


class MonitorRateError(ValueError):
    """A monitoring rate the rules do not accept (the message is for the user)."""


def _probe_row(p: Probe) -> dict[str, Any]:
    row = asdict(p)
    row.pop("error_detail", None)
    return row


async def probe_round(settings: Settings) -> list[str]:
    store = await open_store(settings)
    lines: list[str] = []
    try:
        sites = await store.list_sites()
        if not sites:
            return ["名录中没有网站：请先 govinspect import 网站名录"]
        async with HttpClient(settings) as client:
            results = await asyncio.gather(*(probe_homepage(s.url, client, settings) for s in sites))
        for site, probes in zip(sites, results):
            await store.add_probes(site.site_code, [_probe_row(p) for p in probes])
            failed = sum(1 for p in probes if not p.ok)
            worst = max((p.total_ms for p in probes), default=0)
            lines.append(f"{site.name}：{len(probes)} 次探测，失败 {failed} 次，最长 {worst / 1000:.1f} 秒")
    finally:
        await store.close()
    return lines


async def monitored_probes(store: Store, site_code: str, as_of: date) -> list[Probe]:
    """The stored probes of the week up to the 监测时间点, with their times and test flag: the check decides
    whether they make a monitored week."""
    since = datetime.combine(as_of - timedelta(days=MONITOR_WINDOW_DAYS), datetime.min.time()).isoformat()
    rows = [r for r in await store.probes_for(site_code, since) if r["at"][:10] <= as_of.isoformat()]
    return [Probe(url=r["url"], at=r["at"], ok=r["ok"], status=r["status"], ttfb_ms=r["ttfb_ms"],
                  total_ms=r["total_ms"], error_class=r["error_class"], test=bool(r.get("test"))) for r in rows]


def check_rate(per_day: float, test: bool) -> None:
    if per_day <= 0:
        raise MonitorRateError("每天探测次数必须大于 0")
    if per_day < MIN_PER_DAY and not test:
        raise MonitorRateError(f"每天探测 {per_day:g} 次少于国家要求的 {MIN_PER_DAY} 次（监测1周、每天不少于20次），"
                               "这样的记录不能判定站点无法访问；如确为测试，请加 --test（探测记为测试窗口）")


async def monitor(settings: Settings, per_day: float, rounds: int = 0, console: Any = None,
                  webhook: AlertWebhook | None = None, test: bool = False, screenshots: bool = False) -> None:
    check_rate(per_day, test)
    settings = settings.with_(probe_test_window=settings.probe_test_window or test)
    interval = 86400 / per_day
    store = await open_store(settings)
    done = 0
    try:
        async with HttpClient(settings) as client:
            while rounds == 0 or done < rounds:
                started = asyncio.get_running_loop().time()
                sites = await store.list_sites()
                probes = await asyncio.gather(*(probe_once(client, s.url, settings) for s in sites))
                for site, probe in zip(sites, probes):
                    await store.add_probes(site.site_code, [_probe_row(probe)])
                opened = await asyncio.gather(*(watch_homepage(store, s, client, settings, screenshots)
                                                for s, p in zip(sites, probes) if p.ok))
                if webhook is not None:
                    await deliver_alerts(store, webhook, {s.site_code: s.name for s in sites})
                await save_daily_snapshots(client, sites, settings.workspace / "snapshots")
                done += 1
                if console is not None:
                    failed = sum(1 for p in probes if not p.ok)
                    alerts = sum(len(ids) for ids in opened)
                    console.print(f"{datetime.now(UTC).astimezone():%m-%d %H:%M} 第{done}轮："
                                  f"{len(sites)} 个网站，失败 {failed} 个" + (f"，新告警 {alerts} 条" if alerts else ""))
                if rounds and done >= rounds:
                    break
                await asyncio.sleep(max(0.0, interval - (asyncio.get_running_loop().time() - started)))
    finally:
        await store.close()


async def save_daily_snapshots(client: HttpClient, sites: list[Any], folder: Path) -> None:
    """One homepage snapshot per site per day (首页不更新 evidence over the two weeks)."""
    today = date.today().isoformat()
    for site in sites:
        path = folder / hashlib.sha1(site.site_code.encode()).hexdigest()[:12] / f"{today}.html"
        if path.exists():
            continue
        res = await client.fetch(site.url, retries=0)
        if res.error_class is None and res.body:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(".part")      # a monitor killed mid-write must not leave half a page that
            part.write_bytes(res.body)            # counts as today's snapshot after its restart
            os.replace(part, path)
