"""The samples the rules prescribe (indicators.md §11): 3 policy documents (D7), 3 解读稿 (D8), 5 published
messages (I1), drawn with a RNG seeded by (ctx.seed, site code, check id) over the URLs sorted, so any
party holding the same population and run context — a reviewer, the demo city's ground truth — draws the
same sample, whatever order the crawl found the items in."""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from govinspect.model.findings import RunContext

T = TypeVar("T")

SAMPLE_SIZES = {"missing_interpretations": 3, "unlinked_interpretations": 3, "incomplete_message_replies": 5}
REVIEW_LIMIT = 200      # problems outside the sample listed for review at most (hostile sites list thousands)
SIZE_OPTIONS = {"missing_interpretations": "policy_sample_size",
                "unlinked_interpretations": "interpretation_sample_size",
                "incomplete_message_replies": "message_sample_size"}


def draw_sample(items: Sequence[T], n: int, ctx: RunContext, salt: str, key: Callable[[T], str]) -> list[T]:
    """``n`` items (all of them when there are fewer), sorted by ``key``."""
    ordered = sorted(items, key=key)
    if len(ordered) <= n:
        return ordered
    rng = random.Random(f"{ctx.seed}|{ctx.site_code}|{salt}")
    return sorted(rng.sample(ordered, n), key=key)


def prescribed_sample(check: str, urls: Sequence[str], ctx: RunContext) -> list[str]:
    """The URLs ``check`` samples from ``urls`` under ``ctx`` (size from ctx.options or the rule)."""
    n = ctx.options.get(SIZE_OPTIONS[check], SAMPLE_SIZES[check])
    return draw_sample(list(dict.fromkeys(urls)), n, ctx, check, key=str)


def sample_then_others(items: Sequence[T], sampled: set[str], key: Callable[[T], str]) -> list[T]:
    """The sampled items, then at most REVIEW_LIMIT others (reported for review), in ``key`` order."""
    inside = [i for i in items if key(i) in sampled]
    others = [i for i in items if key(i) not in sampled][:REVIEW_LIMIT]
    return sorted(inside + others, key=key)
