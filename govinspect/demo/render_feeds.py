"""RSS 2.0, Atom and JSON Feed bodies for the demo accounts (RSSHub-like routes on FEED_HOST)."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape

from govinspect.demo.city_model import DemoAccount, DemoResponse
from govinspect.demo.prose import paragraphs, pick
from govinspect.demo.titles import item_title, item_topic

CST = timezone(timedelta(hours=8))
SLOW_FEED_SECONDS = 30.0


def posts(acc: DemoAccount, seed: int) -> list[tuple[date, str, str]]:
    """(date, title, text) newest first; the planted wording error sits in the newest post."""
    if acc.newest is None or acc.feed_kind is None:
        return []
    out = []
    for i in range(acc.post_count):
        d = acc.newest - timedelta(days=2 * i + (pick(f"{seed}|{acc.key}|{i}", 2) if i else 0))
        key = f"{seed}|{acc.key}|{i}"
        salt = pick(f"{seed}|{acc.key}|salt", 1 << 20)
        title = item_title("news", i, salt, acc.organizer, acc.region, d)
        text = "".join(paragraphs(key, acc.organizer, 1, item_topic(i, salt)))
        if i == 0 and acc.wording:
            text = f"要深入学习贯彻{acc.wording}新时代中国特色社会主义思想。" + text
        out.append((d, title, text))
    return out


def _dt(d: date, i: int) -> datetime:
    return datetime(d.year, d.month, d.day, 9 + i % 8, 30, tzinfo=CST)


def rss(acc: DemoAccount, seed: int, link: str) -> str:
    items = []
    for i, (d, title, text) in enumerate(posts(acc, seed)):
        when = f"{d.year}年{d.month:02d}月{d.day:02d}日" if acc.chinese_dates else format_datetime(_dt(d, i))
        items.append(f"<item><title>{escape(title)}</title><link>{link}/p/{i}</link>"
                     f"<guid isPermaLink=\"false\">{escape(acc.key)}-{i}</guid><pubDate>{when}</pubDate>"
                     f"<description>{escape(text)}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(acc.name)}</title><link>{link}</link>"
            f"<description>{escape(acc.name)} - 由 RSSHub 生成</description><language>zh-cn</language>"
            + "".join(items) + "</channel></rss>\n")


def atom(acc: DemoAccount, seed: int, link: str) -> str:
    entries = []
    ps = posts(acc, seed)
    for i, (d, title, text) in enumerate(ps):
        entries.append(f"<entry><title>{escape(title)}</title><link href=\"{link}/p/{i}\"/>"
                       f"<id>{escape(acc.key)}-{i}</id><updated>{_dt(d, i).isoformat()}</updated>"
                       f"<content type=\"html\">{escape(text)}</content></entry>")
    updated = _dt(ps[0][0], 0).isoformat() if ps else "2019-01-01T00:00:00+08:00"
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(acc.name)}</title><id>{link}</id><link href=\"{link}\"/>"
            f"<updated>{updated}</updated>" + "".join(entries) + "</feed>\n")


def json_feed(acc: DemoAccount, seed: int, link: str) -> str:
    items = [{"id": f"{acc.key}-{i}", "url": f"{link}/p/{i}", "title": title, "content_text": text,
              "date_published": _dt(d, i).isoformat()} for i, (d, title, text) in enumerate(posts(acc, seed))]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": acc.name, "home_page_url": link,
                       "items": items}, ensure_ascii=False, indent=1)


CONTENT_TYPES = {"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml; charset=utf-8",
                 "json": "application/feed+json; charset=utf-8"}


def render_feed(acc: DemoAccount, seed: int, link: str, slow_seconds: float) -> DemoResponse:
    if acc.behaviour == "http500":
        return DemoResponse(500, {"Content-Type": "text/html; charset=utf-8"},
                            "<html><body><h1>500 Internal Server Error</h1>RSSHub 路由出错</body></html>".encode())
    if acc.behaviour == "garbage":
        junk = bytes(pick(f"{seed}|junk|{i}", 256) for i in range(600))
        return DemoResponse(200, {"Content-Type": CONTENT_TYPES["atom"]}, b"<?xml version='1.0'?><feed><ti" + junk)
    kind = acc.feed_kind or "rss"
    body = {"rss": rss, "atom": atom, "json": json_feed}[kind](acc, seed, link)
    delay = slow_seconds if acc.behaviour == "slow" else 0.0
    return DemoResponse(200, {"Content-Type": CONTENT_TYPES[kind]}, body.encode("utf-8"), delay_s=delay)
