"""Fetched bytes → (PageSnapshot, links): the CPU-heavy half of crawling (decode + link extraction).

A plain function of picklable values, so a crawl can run it in a process pool (``parse_pool``) and use
a second core while the event loop keeps fetching; without a pool it runs inline.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import Executor

from govinspect.extract.links import extract_links
from govinspect.gather.fetch_result import FetchResult
from govinspect.gather.page_snapshot import to_snapshot
from govinspect.model.artifacts import Link, PageSnapshot


def read_page(res: FetchResult, depth: int, referrer: str | None, url: str) -> tuple[PageSnapshot, list[Link]]:
    snap = to_snapshot(res, depth, referrer, url=url)
    return snap, (extract_links(snap.text, snap.final_url) if snap.text else [])


def page_links(snap: PageSnapshot) -> list[Link]:
    return extract_links(snap.text, snap.final_url) if snap.text else []


async def read_page_async(res: FetchResult, depth: int, referrer: str | None, url: str,
                          pool: Executor | None) -> tuple[PageSnapshot, list[Link]]:
    if pool is None:
        return read_page(res, depth, referrer, url)
    return await asyncio.get_running_loop().run_in_executor(pool, read_page, res, depth, referrer, url)
