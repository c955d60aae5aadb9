"""The samples the rules prescribe (indicators.md §4: 3 policy documents for D7, 3 解读稿 for D8, 5 published
messages for I1), drawn the way docs/checks.md publishes it: a ``random.Random`` seeded with
``"{seed}|{site code}|{check id}"`` samples the distinct URLs sorted, and the sample is returned sorted.

The demo draws it itself (it does not call the checks' code), so the truth's "planted inside the sample"
is a second reading of that protocol; tests/demo compares both draws."""
from __future__ import annotations

import random
from collections.abc import Iterable

SAMPLE_SEED = 20190401        # the run's default seed (the date 国办秘函〔2019〕19号 was signed)
SAMPLE_SIZES = {"missing_interpretations": 3, "unlinked_interpretations": 3, "incomplete_message_replies": 5}


def drawn_sample(check: str, urls: Iterable[str], site_code: str) -> list[str]:
    """The URLs a checker holding ``urls`` draws for ``check`` on the site ``site_code`` (all when fewer)."""
    ordered = sorted(dict.fromkeys(urls))
    size = SAMPLE_SIZES[check]
    if len(ordered) <= size:
        return ordered
    return sorted(random.Random(f"{SAMPLE_SEED}|{site_code}|{check}").sample(ordered, size))
