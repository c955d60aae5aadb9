"""`monitor` hijack alerts on loopback: a homepage that turns hijacked between two probe rounds reaches the
webhook receiver once, within one probe interval; a changed news list raises nothing; a restarted monitor
does not repeat the open alert. Real HTTP on 127.0.0.1 for the site and for the receiver."""
from __future__ import annotations

import asyncio
import time
from datetime import UTC
from pathlib import Path

import pytest
from aiohttp import web

from govinspect.demo.spam_plants import CLOAK_TITLE
from govinspect.model.records import SiteRecord
from govinspect.pipeline.monitor_alerts import AlertWebhook, alert_payload, screenshot_path
from govinspect.pipeline.open_store import open_store
from govinspect.pipeline.probe_sites import MonitorRateError, check_rate, monitor
from govinspect.store.monitor_queries import list_alerts
from tests.gather.loopback import loopback_settings, serve_hosts

HOST = "www.jk.gov.cn"
INTERVAL = 1.5
PAGE = ("<html><head><title>{title}</title><meta name='keywords' content='嘉鱼县,政府'></head><body>"
        "<div class='nav'><a href='/zwgk/'>政务公开</a></div><ul>{items}</ul>"
        "<script src='/js/common.js'></script></body></html>")


class Site:
    def __init__(self) -> None:
        self.mode = "normal"
        self.flipped_at = 0.0
        self.rounds_seen = 0

    async def handle(self, request: web.Request) -> web.Response:
        if "Chrome/120" in request.headers.get("User-Agent", "") and not request.headers.get("Referer"):
            self.rounds_seen += 1        # the browser view: once per round
        news = ["关于做好防汛工作的通知", "县政府召开常务会议"] if self.mode != "news" else ["关于开展安全生产检查的通知"]
        title = f"{CLOAK_TITLE}_嘉鱼县人民政府" if self.mode == "hijacked" else "嘉鱼县人民政府"
        items = "".join(f"<li><a href='/a/{i}.html'>{t}</a><span>2020-07-1{i}</span></li>" for i, t in enumerate(news))
        return web.Response(text=PAGE.format(title=title, items=items), content_type="text/html")


class Receiver:
    def __init__(self) -> None:
        self.got: list[tuple[float, dict]] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.got.append((time.monotonic(), await request.json()))
        return web.json_response({"errcode": 0, "errmsg": "ok"})


async def _run_monitor(tmp_path: Path, hosts, receiver_url: str, rounds: int, flip_to: str | None,
                       site: Site, screenshots: bool = False) -> None:
    settings = loopback_settings([HOST], workspace=tmp_path, quiet=True)
    store = await open_store(settings)
    await store.upsert_sites([SiteRecord("4212210001", "嘉鱼县人民政府", hosts.url(HOST))])
    await store.close()
    task = asyncio.ensure_future(monitor(settings, per_day=86400 / INTERVAL, rounds=rounds,
                                         webhook=AlertWebhook(receiver_url), screenshots=screenshots))
    if flip_to is not None:
        while site.rounds_seen < 1:                 # the first round saw the healthy homepage
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.3)
        site.mode, site.flipped_at = flip_to, time.monotonic()
    await asyncio.wait_for(task, timeout=60)


async def test_hijack_alert_once_within_an_interval_and_not_after_restart(tmp_path: Path) -> None:
    site, receiver = Site(), Receiver()
    async with serve_hosts({HOST: site.handle, "127.0.0.1": receiver.handle}) as hosts:
        hook = hosts.url("127.0.0.1", "/robot")
        await _run_monitor(tmp_path, hosts, hook, rounds=3, flip_to="hijacked", site=site)
        assert len(receiver.got) == 1, receiver.got
        at, payload = receiver.got[0]
        assert payload["cause"] == "spam_title_meta" and "365bet" in payload["after"]
        assert payload["before"].startswith("嘉鱼县人民政府") and payload["site_code"] == "4212210001"
        assert at - site.flipped_at <= INTERVAL + 1.0, at - site.flipped_at
        # restart: the site is still hijacked, the alert is still open → nothing new is sent
        await _run_monitor(tmp_path, hosts, hook, rounds=2, flip_to=None, site=site)
        assert len(receiver.got) == 1
    store = await open_store(loopback_settings([HOST], workspace=tmp_path))
    alerts = await list_alerts(store)
    await store.close()
    assert [(a["cause"], a["cleared_at"] is None, a["delivered_at"] is not None) for a in alerts] == \
        [("spam_title_meta", True, True)]


async def test_news_list_change_raises_no_alert(tmp_path: Path) -> None:
    site, receiver = Site(), Receiver()
    async with serve_hosts({HOST: site.handle, "127.0.0.1": receiver.handle}) as hosts:
        hook = hosts.url("127.0.0.1", "/robot")
        await _run_monitor(tmp_path, hosts, hook, rounds=3, flip_to="news", site=site)
    assert site.rounds_seen == 3 and receiver.got == []


@pytest.mark.browser
async def test_alert_screenshot_with_chromium(tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    site, receiver = Site(), Receiver()
    site.mode = "hijacked"
    async with serve_hosts({HOST: site.handle, "127.0.0.1": receiver.handle}) as hosts:
        await _run_monitor(tmp_path, hosts, hosts.url("127.0.0.1", "/robot"), rounds=1, flip_to=None, site=site,
                           screenshots=True)
    [(_, payload)] = receiver.got
    shot = screenshot_path(tmp_path, payload["id"])
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 1000


def test_robot_shapes_and_rate_rule() -> None:
    from datetime import datetime

    alert = {"id": 1, "site_code": "4212210001", "url": "http://www.jk.gov.cn/", "cause": "cloaking",
             "message": "向搜索引擎蜘蛛展示违规内容（伪装）：googlebot", "before": "a", "after": "b",
             "opened_at": datetime(2020, 7, 17, tzinfo=UTC)}
    wecom = alert_payload(alert, "嘉鱼县人民政府", "wecom")
    assert wecom["msgtype"] == "markdown" and "嘉鱼县人民政府" in wecom["markdown"]["content"]
    ding = alert_payload(alert, "嘉鱼县人民政府", "dingtalk")
    assert ding["markdown"]["title"].startswith("网站疑似被篡改") and "googlebot" in ding["markdown"]["text"]
    try:
        check_rate(10, test=False)
        raise AssertionError("10 a day must be refused")
    except MonitorRateError as exc:
        assert "--test" in str(exc)
    check_rate(10, test=True)
    check_rate(20, test=False)
