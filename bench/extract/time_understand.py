"""Time ``understand_site`` per page on the demo city, in process (no network): the extract cost.

Usage: .venv/bin/python bench/extract/time_understand.py [--sites 6] [--pages 150]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from govinspect.demo.build_city import build_city
from govinspect.extract.understand_site import understand_site
from tests.extract.demo_crawl import crawl_demo_site


def main() -> None:
    ap = argparse.ArgumentParser(description="understand_site 每页耗时（演示城市，进程内）")
    ap.add_argument("--sites", type=int, default=6)
    ap.add_argument("--pages", type=int, default=150)
    args = ap.parse_args()
    city = build_city(seed=7, sites=args.sites, pages_per_site=args.pages)
    crawls = [crawl_demo_site(city, s) for s in city.sites]
    pages = sum(len(snaps) for _, snaps in crawls)
    started = time.perf_counter()
    for home, snaps in crawls:
        understand_site(snaps, home, city.as_of)
    seconds = time.perf_counter() - started
    print(f"{pages} pages, {seconds:.2f} s, {seconds / pages * 1000:.2f} ms/page")


if __name__ == "__main__":
    main()
