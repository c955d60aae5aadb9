"""What one account (feed) costs: wall and CPU of the account checks over N demo accounts served on loopback.

    python bench/dist/feed_cost.py --accounts 2000

The demo city (another process) serves N accounts' RSS feeds; `assess_accounts` — what a distributed
account job runs — reads every feed and runs every account check, politeness off. Prints JSON (feeds/s,
CPU ms per feed, peak RSS of this process); used for the national sizing in docs/performance.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city_process import CityInSubprocess
from govinspect.pipeline.assess_accounts import assess_accounts
from govinspect.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=2000)
    args = ap.parse_args()
    with CityInSubprocess(sites=1, pages_per_site=5, accounts=args.accounts, defects="all") as running:
        settings = demo_settings(Settings(workspace=Path("/tmp/gi-feed-cost")), running.resolve_map)
        records = running.city.account_records()
        cpu0, started = time.process_time(), time.perf_counter()
        entries, _ = asyncio.run(assess_accounts(records, settings, running.city.as_of, "national-2019"))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    results = Counter(str(e["result"]) for e in entries)
    print(json.dumps({"accounts": len(entries), "results": results, "wall_s": round(wall, 2),
                      "feeds_per_s": round(len(entries) / wall, 1), "cpu_ms_per_feed": round(1000 * cpu / len(entries), 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
