"""Ground truth of one new-media account (indicators.md §6: the three vetoes; a broken feed is 未能检测)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from govinspect.demo.city_model import DemoAccount
from govinspect.model.result import Verdict

if TYPE_CHECKING:
    from govinspect.demo.demo_city import DemoCity

ACCOUNT_VETOES = {"account_not_updated", "account_without_interaction", "account_wording_errors"}
BROKEN_FEEDS = ("empty", "http500", "slow", "garbage")
STALE_DAYS = 14


def account_truth(city: DemoCity, acc: DemoAccount) -> dict[str, Any]:
    as_of = city.as_of
    findings: list[dict[str, Any]] = []
    feed_broken = acc.feed_kind is not None and acc.behaviour in BROKEN_FEEDS
    if feed_broken:
        findings.append({"check": "account_feed_unavailable", "subject": city.feed_url(acc), "status": "error",
                         "reason": acc.behaviour})
    elif acc.newest is not None and (as_of - acc.newest).days >= STALE_DAYS:
        findings.append({"check": "account_not_updated", "status": "fail",
                         "subject": f"{_dot(acc.newest)}-{_dot(as_of)}"})
    if not acc.interaction:
        findings.append({"check": "account_without_interaction", "subject": "互动功能", "status": "fail"})
    if not acc.filed:
        findings.append({"check": "account_unfiled", "subject": "备案", "status": "fail"})
    if acc.wording:
        findings.append({"check": "account_wording_errors", "subject": acc.wording, "status": "fail"})
    twins = [a for a in city.accounts if a.organizer == acc.organizer and a.platform == acc.platform]
    if len(twins) > 1:
        findings.append({"check": "duplicate_accounts", "subject": f"{acc.organizer}|{acc.platform}",
                         "status": "fail"})
    if any(f["check"] in ACCOUNT_VETOES for f in findings):
        result = "不合格"
    elif feed_broken:
        result = Verdict.NOT_ASSESSED.value
    else:
        result = "合格"
    return {"key": acc.key, "name": acc.name, "platform": acc.platform, "organizer": acc.organizer,
            "region": acc.region, "filed": acc.filed, "feed_url": city.feed_url(acc), "behaviour": acc.behaviour,
            "newest_post": acc.newest.isoformat() if acc.newest else None,
            "expected_findings": findings, "expected_result": result}


def _dot(d: date) -> str:
    return f"{d.year}.{d.month}.{d.day}"
