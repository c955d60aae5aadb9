"""New-media adapters: what each account's feed (or registry date) shows, and how far to trust it.

``read_account`` returns ``AccountArtifacts`` with the posts seen and a ``FeedHealth``:

- feed URL given → fetch (bounded, see feeds/fetch_feed.py) and parse RSS/Atom/JSON:
  ``ok`` · ``empty`` (well-formed, no items) · ``http_error`` · ``timeout`` · ``dead`` (404/410) ·
  ``parse_error`` (not a feed, broken, or no readable dates);
- no feed URL, registry ``last_post`` given → ``manual`` (one pseudo-post on that date);
- neither → ``none``.

Only ``ok`` and ``manual`` are evidence about the account (docs/new_media.md). The registry's
``last_post`` is used only when there is no feed (contract.md), never to paper over a broken feed.
"""
from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from govinspect.gather.feeds.fetch_feed import fetch_feed
from govinspect.gather.feeds.parse_feed import parse_feed_bytes
from govinspect.gather.http_client import HttpClient
from govinspect.model.artifacts import AccountArtifacts, FeedHealth, Post
from govinspect.model.records import AccountRecord
from govinspect.settings import Settings

MANUAL_TITLE = "（登记的最近更新日期）"


def manual_artifacts(record: AccountRecord, never_posted: bool = False, detail: str = "") -> AccountArtifacts:
    """Artifacts from a human statement: the registry's ``last_post`` or a reviewer's "never posted"."""
    if never_posted:
        return AccountArtifacts(key=record.key, record=record, posts=[],
                                health=FeedHealth("manual", detail or "人工核实：账号从未发布内容", post_count=0))
    if record.last_post is None:
        return AccountArtifacts(key=record.key, record=record, posts=None,
                                health=FeedHealth("none", detail or "无订阅地址，也未登记最近更新日期，需人工查看"))
    post = Post(published_at=record.last_post, title=MANUAL_TITLE)
    return AccountArtifacts(key=record.key, record=record, posts=[post],
                            health=FeedHealth("manual", detail or "无订阅源，采用登记的最近更新日期",
                                              newest=record.last_post, post_count=1))


async def _read_feed(record: AccountRecord, url: str, client: HttpClient) -> AccountArtifacts:
    fetched = await fetch_feed(url, client)
    if fetched.status != "ok":
        return AccountArtifacts(key=record.key, record=record, posts=None,
                                health=FeedHealth(fetched.status, fetched.detail, http_status=fetched.http_status))
    parsed = parse_feed_bytes(fetched.body, fetched.content_type)
    dated = [p.published_at for p in parsed.posts if p.published_at is not None]
    health = FeedHealth(parsed.status, parsed.detail, http_status=fetched.http_status,
                        newest=max(dated) if dated else None, post_count=len(parsed.posts))
    return AccountArtifacts(key=record.key, record=record, posts=parsed.posts if parsed.status == "ok" else None,
                            health=health)


async def read_account(record: AccountRecord, settings: Settings,
                       session: HttpClient | None = None) -> AccountArtifacts:
    """One account. ``session`` is the run's shared ``HttpClient`` (one is opened when omitted)."""
    url = (record.feed_url or "").strip()
    if not url:
        return manual_artifacts(record, never_posted=record.never_posted)
    if urlsplit(url).scheme not in ("http", "https"):
        return AccountArtifacts(key=record.key, record=record, posts=None,
                                health=FeedHealth("parse_error", f"订阅地址不是 http(s) 网址：{url}"))
    if session is not None:
        return await _read_feed(record, url, session)
    async with HttpClient(settings) as client:
        return await _read_feed(record, url, client)


async def read_accounts(records: list[AccountRecord], settings: Settings,
                        session: HttpClient | None = None) -> list[AccountArtifacts]:
    """All accounts, in input order, through one client (its per-host gate spaces an RSSHub's feeds)."""
    if session is not None:
        return list(await asyncio.gather(*(read_account(r, settings, session) for r in records)))
    async with HttpClient(settings) as client:
        return list(await asyncio.gather(*(read_account(r, settings, client) for r in records)))
