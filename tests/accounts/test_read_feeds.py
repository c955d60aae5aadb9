"""Adapters on a real loopback server: healthy feeds are evidence, broken ones never are."""
from __future__ import annotations

import json
from datetime import date

import pytest

from govinspect.gather.read_feeds import manual_artifacts, read_account, read_accounts
from govinspect.model.records import AccountRecord
from govinspect.pipeline.assess_accounts import judge_accounts

from .feed_server import body, feed_server, rss

AS_OF = date(2020, 7, 17)


def rec(name: str, url: str | None = None, **kw: object) -> AccountRecord:
    return AccountRecord(name=name, platform="微信", organizer=f"{name}主办单位", region="市直", feed_url=url, **kw)


async def test_fresh_rss_is_ok_and_qualified() -> None:
    async with feed_server() as srv:
        srv.routes["/wechat/1"] = body(rss([("Thu, 16 Jul 2020 09:30:00 +0800", "动态一", "正文"),
                                            ("Mon, 06 Jul 2020 10:00:00 +0800", "动态二", "正文")]))
        art = await read_account(rec("咸宁发布", srv.url("/wechat/1")), srv.settings())
    assert art.health.status == "ok" and art.health.newest == date(2020, 7, 16) and art.health.post_count == 2
    entry = judge_accounts([art], AS_OF).entries[0]
    assert not [f for f in entry["findings"] if f["check"] in ("account_not_updated", "account_feed_unavailable")]
    assert entry["result"] == "合格", entry


async def test_healthy_feed_with_20_day_old_post_fails() -> None:
    async with feed_server() as srv:
        srv.routes["/wechat/2"] = body(rss([("Sat, 27 Jun 2020 09:00:00 +0800", "旧动态", "正文")]))
        art = await read_account(rec("咸宁林业", srv.url("/wechat/2")), srv.settings())
    entry = judge_accounts([art], AS_OF).entries[0]
    assert entry["result"] == "不合格"
    stale = [f for f in entry["findings"] if f["check"] == "account_not_updated"]
    assert stale[0]["subject"] == "2020.6.27-2020.7.17" and stale[0]["veto"] and stale[0]["indicator"] == "M2"


@pytest.mark.parametrize("route,expect", [
    (body("<h1>500</h1>", status=500, ctype="text/html"), "http_error"),
    (body(rss([]), delay=3.0), "timeout"),
    (body(rss([])), "empty"),
    (body(b"<?xml version='1.0'?><feed><ti\x00\xff\xfe garbage \x13" * 20, ctype="application/atom+xml"), "parse_error"),
    (body("<html><body>登录后查看</body></html>", ctype="text/html"), "parse_error"),
    (body(b"", ctype="application/rss+xml"), "parse_error"),
    (body('{"items": [{"title": "x"}]}', ctype="application/json"), "parse_error"),
    (body("{not json", ctype="application/feed+json"), "parse_error"),
    (body("gone", status=404, ctype="text/plain"), "dead"),
])
async def test_broken_feeds_are_never_a_verdict(route, expect: str) -> None:
    async with feed_server() as srv:
        srv.routes["/feed"] = route
        art = await read_account(rec("咸宁交通", srv.url("/feed")), srv.settings())
    assert art.health.status == expect, art.health
    entry = judge_accounts([art], AS_OF).entries[0]
    assert entry["result"] == "未能检测" and entry["not_assessed_reason"]
    assert not any(f["check"] == "account_not_updated" for f in entry["findings"])
    assert [f["status"] for f in entry["findings"] if f["check"] == "account_feed_unavailable"] == ["error"]


async def test_refused_connection_is_http_error() -> None:
    async with feed_server() as srv:
        url = srv.url("/x")
    art = await read_account(rec("咸宁水利", url), srv.settings())      # server already closed
    assert art.health.status == "http_error"


async def test_unmapped_host_is_never_contacted() -> None:
    async with feed_server() as srv:
        art = await read_account(rec("外网", "http://rsshub.app/wechat/1"), srv.settings())
    assert art.health.status == "http_error" and "映射" in art.health.detail


async def test_chinese_dates_are_reparsed() -> None:
    async with feed_server() as srv:
        srv.routes["/cn"] = body(rss([("2020年07月17日", "今日", "正文"), ("2020年07月03日", "旧", "正文")]))
        art = await read_account(rec("赤壁发布", srv.url("/cn")), srv.settings())
    assert art.health.status == "ok"
    assert [p.published_at for p in art.posts] == [date(2020, 7, 17), date(2020, 7, 3)]


async def test_atom_and_utc_times_are_beijing_dates() -> None:
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>嘉鱼发布</title>'
            '<id>x</id><updated>2020-07-16T23:30:00Z</updated><entry><title>深夜</title><id>1</id>'
            '<updated>2020-07-16T23:30:00Z</updated><content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry></feed>')
    async with feed_server() as srv:
        srv.routes["/atom"] = body(atom, ctype="application/atom+xml")
        art = await read_account(rec("嘉鱼发布", srv.url("/atom")), srv.settings())
    assert art.health.status == "ok" and art.posts[0].published_at == date(2020, 7, 17)
    assert art.posts[0].text == "正文"


async def test_json_feed_and_simple_list() -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "通城融媒",
            "items": [{"id": "1", "title": "a", "content_text": "正文", "date_published": "2020-07-10T08:00:00+08:00"}]}
    plain = [{"title": "b", "text": "正文", "publish_time": 1594339200}, {"title": "c", "date": "2020-06-01"}]
    async with feed_server() as srv:
        srv.routes["/jf"] = body(json.dumps(feed, ensure_ascii=False), ctype="application/feed+json")
        srv.routes["/list"] = body(json.dumps(plain), ctype="application/json")
        arts = await read_accounts([rec("通城融媒", srv.url("/jf")), rec("通城列表", srv.url("/list"))], srv.settings())
    assert [a.health.status for a in arts] == ["ok", "ok"]
    assert arts[0].posts[0].published_at == date(2020, 7, 10)
    assert arts[1].health.newest == date(2020, 7, 10)


async def test_posts_only_after_as_of_cannot_judge_the_window() -> None:
    async with feed_server() as srv:
        srv.routes["/later"] = body(rss([("Mon, 10 Aug 2020 09:00:00 +0800", "之后", "正文")]))
        art = await read_account(rec("后来", srv.url("/later")), srv.settings())
    entry = judge_accounts([art], AS_OF).entries[0]
    assert entry["result"] == "未能检测"


def test_manual_dates() -> None:
    fresh = manual_artifacts(rec("咸宁审计", last_post=date(2020, 7, 12)))
    stale = manual_artifacts(rec("咸宁司法", last_post=date(2020, 5, 18)))
    never = manual_artifacts(rec("咸安教育"), never_posted=True)
    unknown = manual_artifacts(rec("不明"))
    entries = judge_accounts([fresh, stale, never, unknown], AS_OF).entries
    assert [e["result"] for e in entries] == ["合格", "不合格", "不合格", "未能检测"]
    assert [f["subject"] for f in entries[2]["findings"] if f["check"] == "account_not_updated"] == ["无更新"]
    assert [f["subject"] for f in entries[1]["findings"] if f["check"] == "account_not_updated"] == ["2020.5.18-2020.7.17"]


def test_stale_rule_is_configurable() -> None:
    exactly14 = manual_artifacts(rec("界线", last_post=date(2020, 7, 3)))
    assert judge_accounts([exactly14], AS_OF).entries[0]["result"] == "不合格"
    lax = judge_accounts([exactly14], AS_OF, options={"account_stale_rule": "exclusive"}).entries[0]
    assert lax["result"] == "合格"
