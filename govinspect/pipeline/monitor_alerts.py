"""Hijack and tampering alerts for `monitor`: each round fingerprints every reachable homepage (browser view and
every crawler's view), compares it with the site's stored baseline, keeps one open alert per (site, cause)
until the cause clears, and sends new alerts to a webhook. State lives in the store, so a restart neither
forgets baselines nor repeats an open alert."""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govinspect.extract.security.hijack_signals import CAUSE_NAMES, hijack_signals
from govinspect.extract.security.homepage_fingerprint import Fingerprint, fingerprint
from govinspect.gather.fetch_spider_views import fetch_spider_views
from govinspect.gather.http_client import HttpClient
from govinspect.gather.post_webhook import post_json
from govinspect.gather.render_page import render_page
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.store import monitor_queries as mq

ALERT_FORMATS = ("json", "wecom", "dingtalk")
log = logging.getLogger(__name__)


def screenshot_path(workspace: Path, alert_id: int) -> Path:
    return workspace / "alerts" / f"{alert_id}.png"


@dataclass(frozen=True)
class AlertWebhook:
    url: str
    format: str = "json"          # json | wecom (企业微信群机器人) | dingtalk (钉钉群机器人)


async def watch_homepage(store: Store, site: SiteRecord, client: HttpClient, settings: Settings,
                         screenshots: bool = False) -> list[int]:
    """One round for one site: the ids of alerts opened now (none when the homepage did not answer); with
    ``screenshots`` the homepage as Chromium shows it is saved beside each new alert."""
    views = await fetch_spider_views(site.url, client, settings)
    browser = views.get("browser")
    if browser is None or not browser.text or (browser.status or 0) >= 400:
        return []          # unreachable: the availability probes record that, not a hijack
    spiders = {name: v.text for name, v in views.items() if name != "browser" and v.text}
    now = fingerprint(browser.text, site.url, spiders)
    state = await mq.load_state(store, site.site_code)
    baseline = Fingerprint.from_json(state[0]) if state else None
    await mq.save_state(store, site.site_code, state[0] if state else now.to_json(), now.to_json())
    active = {s.key: s for s in hijack_signals(now, baseline)}
    opened = {a["cause_key"]: a for a in await mq.open_alerts(store, site.site_code)}
    new_ids = [await mq.add_alert(store, site.site_code, cause=s.cause, cause_key=key, message=s.message,
                                  before=s.before, after=s.after, url=site.url)
               for key, s in active.items() if key not in opened]
    await mq.touch_alerts(store, [opened[k]["id"] for k in active if k in opened])
    await mq.clear_alerts(store, [a["id"] for k, a in opened.items() if k not in active])
    if screenshots and new_ids:
        await _screenshot(site.url, settings, new_ids)
    return new_ids


async def _screenshot(url: str, settings: Settings, alert_ids: list[int]) -> None:
    """One Chromium shot of the homepage, kept for every alert it illustrates; a missing browser is logged,
    never a reason to hold the alert back."""
    first = screenshot_path(settings.workspace, alert_ids[0])
    first.parent.mkdir(parents=True, exist_ok=True)
    try:
        await render_page(url, settings, first)
    except Exception as exc:  # noqa: BLE001 - BrowserUnavailable, a page that never loads
        log.warning("alert screenshot of %s failed: %s", url, exc)
        return
    for other in alert_ids[1:]:
        shutil.copyfile(first, screenshot_path(settings.workspace, other))


def alert_payload(alert: dict[str, Any], site_name: str, fmt: str) -> dict[str, Any]:
    """The webhook body: a generic JSON document, or a 企业微信 / 钉钉 robot markdown message."""
    cause = CAUSE_NAMES.get(alert["cause"], alert["cause"])
    opened = alert["opened_at"].isoformat() if hasattr(alert["opened_at"], "isoformat") else str(alert["opened_at"])
    if fmt == "json":
        return {"type": "govinspect.hijack_alert", "id": alert["id"], "site_code": alert["site_code"],
                "site_name": site_name, "url": alert["url"], "cause": alert["cause"], "cause_name": cause,
                "message": alert["message"], "before": alert["before"], "after": alert["after"],
                "opened_at": opened}
    text = (f"### 网站疑似被篡改：{site_name}\n> {alert['message']}\n\n- 网址：{alert['url']}\n"
            f"- 发现时间：{opened}\n- 变化前：{alert['before'][:200]}\n- 变化后：{alert['after'][:200]}")
    if fmt == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": text}}
    return {"msgtype": "markdown", "markdown": {"title": f"网站疑似被篡改：{site_name}", "text": text}}


async def deliver_alerts(store: Store, webhook: AlertWebhook, names: dict[str, str]) -> int:
    """Sends every open alert not yet delivered (new ones, and those a failed send left); returns how many."""
    sent = 0
    for alert in await mq.undelivered_alerts(store):
        if alert["cleared_at"] is not None:
            continue
        error = await post_json(webhook.url, alert_payload(alert, names.get(alert["site_code"], ""), webhook.format))
        await mq.mark_delivery(store, alert["id"], error)
        sent += not error
    return sent
