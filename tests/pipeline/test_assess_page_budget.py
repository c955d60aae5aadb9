"""Assessments at once (assess_in_pool._PageBudget): small sites together, a large one alone, never more than
the workers, and one always runs however large its site."""
from __future__ import annotations

import asyncio

from govinspect.pipeline.assess_in_pool import _PageBudget


async def _peak(budget: _PageBudget, sizes: list[int]) -> tuple[int, list[int]]:
    running: list[int] = []
    peak = 0
    together: list[int] = []

    async def one(pages: int) -> None:
        nonlocal peak
        async with budget.hold(pages):
            running.append(pages)
            peak = max(peak, len(running))
            together.append(sum(running))
            await asyncio.sleep(0.01)
            running.remove(pages)

    await asyncio.gather(*(one(n) for n in sizes))
    return peak, together


def test_small_sites_in_pairs_large_alone():
    peak, together = asyncio.run(_peak(_PageBudget(4000, 2), [1600, 1600, 1600, 1600]))
    assert peak == 2 and max(together) == 3200
    peak, together = asyncio.run(_peak(_PageBudget(4000, 2), [4500, 1000, 4500]))
    assert max(together) == 4500 and peak == 1          # a site over the budget runs, and runs alone


def test_never_more_than_the_workers():
    peak, _ = asyncio.run(_peak(_PageBudget(4000, 2), [250] * 8))
    assert peak == 2
    peak, _ = asyncio.run(_peak(_PageBudget(4000, 1), [250] * 4))
    assert peak == 1
