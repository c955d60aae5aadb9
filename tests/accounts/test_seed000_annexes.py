"""Seed 000 附件2 reproduced from 附件3: 139 accounts → the per-region table 139 / 39 / 72%.

Two routes to the same verdicts: (1) the registry route — each account's 最近更新 date (the
registry column) through the manual adapter (records built directly: the registry parser rejects the
seed's two exact repeat rows, 崇阳医保 and 通山财政, which the notice counts twice); (2) the feed route — every account
served as a real RSS feed on loopback (county feeds with 2020年07月03日-style dates, the city with
RFC 822 dates), whose account_not_updated subjects must equal the periods printed in 附件3.
The one account printed 无更新 (never posted) enters as a reviewer's manual entry in both routes.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import yaml

from govinspect.gather.read_feeds import manual_artifacts, read_accounts
from govinspect.model.records import AccountRecord
from govinspect.pipeline.assess_accounts import judge_accounts
from govinspect.report.account_stats import region_account_stats

from .feed_server import body, feed_server, rss

SEED = yaml.safe_load((Path(__file__).parent / "seed000_annex3.yaml").read_text(encoding="utf-8"))
AS_OF = date.fromisoformat(SEED["as_of"])
CST = timezone(timedelta(hours=8))


def dotted(text: str) -> date:
    y, m, d = (int(x) for x in text.split("."))
    return date(y, m, d)


def last_post(i: int, acc: dict) -> date | None:
    """The annex's period start for stale accounts; a date inside the 2 weeks for 合格 ones."""
    if acc["problem"] == "合格":
        return AS_OF - timedelta(days=i % 14)        # 0…13 days before: still fresh
    return dotted(acc["last_post"]) if acc.get("last_post") else None


def expected_subject(acc: dict) -> str | None:
    m = re.search(r"\((.+)\)$", acc["problem"])
    if not m:
        return None
    if m.group(1) == "无更新":
        return "无更新"
    start, end = (dotted(x) for x in m.group(1).split("-"))
    return f"{start.year}.{start.month}.{start.day}-{end.year}.{end.month}.{end.day}"


def table(entries: list[dict]) -> list[dict]:
    return [{"region": r["region"], "checked": r["checked"], "failed": r["failed"],
             "pass_rate": f"{r['pass_rate_percent']}%"} for r in region_account_stats({"accounts": entries})]


def test_fixture_transcribes_139_accounts() -> None:
    assert len(SEED["accounts"]) == 139
    assert sum(1 for a in SEED["accounts"] if a["problem"] != "合格") == 39


def test_registry_dates_reproduce_annex2() -> None:
    records, never = [], []
    for i, acc in enumerate(SEED["accounts"]):
        d = last_post(i, acc)
        if d is None:
            never.append(acc["name"])
        records.append(AccountRecord(name=acc["name"], platform=acc["platform"], organizer=acc["organizer"],
                                     region=acc["region"], last_post=d))
    assert never == ["咸宁市咸安区教育局"]
    arts = [manual_artifacts(r, never_posted=r.name in never) for r in records]
    verdicts = judge_accounts(arts, AS_OF)
    assert table(verdicts.entries) == SEED["annex2"]
    got = {e["name"] + e["organizer"]: [f["subject"] for f in e["findings"] if f["check"] == "account_not_updated"]
           for e in verdicts.entries}
    for acc in SEED["accounts"]:
        want = expected_subject(acc)
        assert got[acc["name"] + acc["organizer"]] == ([want] if want else []), acc


def test_duplicates_in_seed() -> None:
    records = [AccountRecord(name=a["name"], platform=a["platform"], organizer=a["organizer"], region=a["region"],
                             last_post=AS_OF) for a in SEED["accounts"]]
    entries = judge_accounts([manual_artifacts(r) for r in records], AS_OF).entries
    dup = {f["subject"] for e in entries for f in e["findings"] if f["check"] == "duplicate_accounts"}
    # the three the issue names, and the two more the rule finds (two 市场监管 accounts each)
    assert dup == {"崇阳县医疗保障局|微信", "通山县财政局|微信", "咸安区政务服务和大数据管理局|微信",
                   "崇阳县市场监督管理局|微信", "通山县市场监督管理局|微信"}
    flagged = {e["name"] for e in entries if any(f["check"] == "duplicate_accounts" for f in e["findings"])}
    assert {"崇阳医保", "通山财政", "咸安政务服务", "咸安政务"} <= flagged
    assert all(e["result"] == "合格" for e in entries)          # not a veto


def _feed_for(i: int, acc: dict, d: date) -> str:
    county = acc["region"] != "市直"
    posts = []
    for k in range(3):
        day = d - timedelta(days=3 * k)
        when = f"{day.year}年{day.month:02d}月{day.day:02d}日" if county else \
            format_datetime(datetime(day.year, day.month, day.day, 8, 5, tzinfo=CST))
        posts.append((when, f"{acc['name']}工作动态{k}", ""))
    return rss(posts, acc["name"])


async def test_feed_route_prints_the_annex_periods() -> None:
    async with feed_server() as srv:
        records, never = [], []
        for i, acc in enumerate(SEED["accounts"]):
            d = last_post(i, acc)
            url = None
            if d is not None:
                srv.routes[f"/wechat/{i}"] = body(_feed_for(i, acc, d))
                url = srv.url(f"/wechat/{i}")
            rec = AccountRecord(name=acc["name"], platform=acc["platform"], organizer=acc["organizer"],
                                region=acc["region"], feed_url=url)
            (records if url else never).append(rec)
        arts = await read_accounts(records, srv.settings())
    assert {a.health.status for a in arts} == {"ok"}
    arts += [manual_artifacts(r, never_posted=True) for r in never]
    entries = judge_accounts(arts, AS_OF).entries
    got = {e["name"] + e["organizer"]: [f["subject"] for f in e["findings"]
                                        if f["check"] == "account_not_updated" and f["status"] == "fail"]
           for e in entries}
    for acc in SEED["accounts"]:
        want = expected_subject(acc)
        assert got[acc["name"] + acc["organizer"]] == ([want] if want else []), acc
    assert sum(1 for e in entries if e["result"] == "不合格") == 39
