"""cProfile of one full scan of a small demo city, assessment inline (workers=0) so the profile sees it.

    python bench/scan/profile_scan.py [--sites 5] [--pages 200] [--sort tottime] [--top 40]
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_bench import scan

from govinspect.demo.serve_city_process import CityInSubprocess
from govinspect.pipeline.scan_timings import ScanTimings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=5)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--sort", default="tottime")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--dump", type=Path, default=None)
    args = ap.parse_args()
    timings = ScanTimings()
    with CityInSubprocess(sites=args.sites, pages_per_site=args.pages) as running:
        prof = cProfile.Profile()
        prof.enable()
        asyncio.run(scan(running, Path(tempfile.mkdtemp(prefix="scan-prof-")), timings, workers=0))
        prof.disable()
    if args.dump:
        prof.dump_stats(str(args.dump))
    print(timings.as_dict())
    pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
