"""Peak resident memory of this process while a block runs (sampled from /proc/self/statm)."""
from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


class PeakRss:
    def __init__(self) -> None:
        self.baseline = rss_bytes()
        self.peak = self.baseline

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / 1e6


@contextlib.asynccontextmanager
async def watch_rss(every_s: float = 0.02) -> AsyncIterator[PeakRss]:
    watch = PeakRss()

    async def sample() -> None:
        while True:
            watch.peak = max(watch.peak, rss_bytes())
            await asyncio.sleep(every_s)

    task = asyncio.ensure_future(sample())
    try:
        yield watch
    finally:
        task.cancel()
        watch.peak = max(watch.peak, rss_bytes())
