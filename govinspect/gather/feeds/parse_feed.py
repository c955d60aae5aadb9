"""Feed bytes → posts and a health verdict: RSS/Atom (feedparser) and JSON feeds.

Health (model FeedHealth.status) decided here: ``ok`` (a well-formed feed with at least one dated
post), ``empty`` (a well-formed feed with no items), ``parse_error`` (not a feed, broken XML/JSON,
items none of which carries a readable date, or every item stamped with one identical time — a
generator filling in its own clock, which would make a dead account look fresh). Only ``ok`` is
evidence about the account.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import feedparser

from govinspect.gather.feeds.feed_dates import parse_post_date
from govinspect.model.artifacts import Post

MAX_POSTS = 200                 # newest first; a feed with thousands of items is trimmed
MAX_TEXT = 20_000               # characters of text kept per post (wording checks)
_TAGS = re.compile(r"<[^>]+>")
_JSON_DATE_KEYS = ("date_published", "date_modified", "published", "pubDate", "pub_date", "date", "time",
                   "created_at", "create_time", "publish_time", "updated")
_JSON_TEXT_KEYS = ("content_text", "content_html", "summary", "text", "content", "description", "desc")
_JSON_LIST_KEYS = ("items", "posts", "data", "list", "entries")


@dataclass(slots=True)
class ParsedFeed:
    status: str                 # ok | empty | parse_error
    posts: list[Post] = field(default_factory=list)
    detail: str = ""


def plain_text(html_or_text: str) -> str:
    text = _TAGS.sub(" ", html_or_text or "")
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"\s+", " ", text).strip()[:MAX_TEXT]


# This many items stamped with one identical date-and-time are the generator's clock, not post dates.
# A WeChat push carries up to 8 articles with one timestamp, and date-only stamps repeat on busy days,
# so only more than 8 identical stamps with a time of day count.
SYNTHETIC_MIN = 9


def _finish(posts: list[Post], what: str, raw_dates: list[object] | None = None) -> ParsedFeed:
    if not posts:
        return ParsedFeed("empty", [], f"{what}中没有任何条目")
    stamps = [str(r).strip() for r in raw_dates or [] if r not in (None, "")]
    if len(stamps) >= SYNTHETIC_MIN and len(stamps) == len(posts) and len(set(stamps)) == 1 and ":" in stamps[0]:
        return ParsedFeed("parse_error", posts, f"{what}中 {len(posts)} 个条目的时间完全相同（{stamps[0]}），"
                                                "疑似生成时间而非发布时间")
    posts.sort(key=lambda p: (p.published_at is not None, p.published_at), reverse=True)
    posts = posts[:MAX_POSTS]
    if all(p.published_at is None for p in posts):
        return ParsedFeed("parse_error", posts, f"{what}中的 {len(posts)} 个条目都没有可识别的发布日期")
    return ParsedFeed("ok", posts)


def _json_first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if item.get(key) not in (None, ""):
            return item[key]
    return None


def parse_json_feed(body: bytes) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (``{"version": …, "items": […]}``) or a simple list of post objects."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ParsedFeed("parse_error", detail=f"JSON 订阅源无法解析（{type(exc).__name__}）")
    except RecursionError:      # [[[[…]]]] thousands deep: hostile or broken, never a feed
        return ParsedFeed("parse_error", detail="JSON 订阅源嵌套层次过深，无法解析")
    items: Any = data
    if isinstance(data, dict) and isinstance(data.get("data"), dict) and isinstance(data["data"].get("cards"), list):
        # m.weibo.cn container API: {"ok": 1, "data": {"cards": [{"mblog": {...}}]}}
        items = [c["mblog"] for c in data["data"]["cards"] if isinstance(c, dict) and isinstance(c.get("mblog"), dict)]
    elif isinstance(data, dict):
        items = next((data[k] for k in _JSON_LIST_KEYS if isinstance(data.get(k), list)), None)
        if items is None:
            return ParsedFeed("parse_error", detail="JSON 内容不是订阅源（没有条目列表）")
    if not isinstance(items, list):
        return ParsedFeed("parse_error", detail="JSON 内容不是订阅源")
    posts, raw_dates = [], []
    for item in items:
        if not isinstance(item, dict):
            return ParsedFeed("parse_error", detail="JSON 订阅源的条目格式不正确")
        text = _json_first(item, _JSON_TEXT_KEYS)
        raw_dates.append(_json_first(item, _JSON_DATE_KEYS))
        posts.append(Post(published_at=parse_post_date(raw_dates[-1]),
                          title=str(item.get("title") or "")[:500],
                          text=plain_text(str(text)) if text is not None else "",
                          url=str(item.get("url") or item.get("link") or item.get("external_url") or "")))
    return _finish(posts, "JSON 订阅源", raw_dates)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    raw = " ".join(c.get("value", "") for c in contents) if contents else entry.get("summary", "")
    return plain_text(raw)


def parse_xml_feed(body: bytes) -> ParsedFeed:
    parsed = feedparser.parse(body)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        why = parsed.get("bozo_exception")
        return ParsedFeed("parse_error", detail="内容不是 RSS/Atom 订阅源" + (f"（{type(why).__name__}）" if why else ""))
    if not entries and parsed.get("bozo"):
        return ParsedFeed("parse_error", detail=f"订阅源 XML 格式错误（{type(parsed.get('bozo_exception')).__name__}）")
    posts, raw_dates = [], []
    for e in entries:
        raw = e.get("published") or e.get("updated") or e.get("created")
        raw_dates.append(raw)
        struct = e.get("published_parsed") or e.get("updated_parsed") or e.get("created_parsed")
        posts.append(Post(published_at=parse_post_date(raw, struct), title=plain_text(e.get("title", ""))[:500],
                          text=_entry_text(e), url=e.get("link", "")))
    return _finish(posts, "订阅源", raw_dates)


def looks_like_json(body: bytes, content_type: str) -> bool:
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" in content_type.lower() or head in (b"{", b"[")


def parse_feed_bytes(body: bytes, content_type: str = "") -> ParsedFeed:
    if not body.strip():
        return ParsedFeed("parse_error", detail="订阅源返回空白内容")
    return parse_json_feed(body) if looks_like_json(body, content_type) else parse_xml_feed(body)
