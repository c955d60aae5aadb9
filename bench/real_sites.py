"""Real saved government sites (tests/realsites/*/truth.yaml): the measurement table of
docs/accuracy/real_sites.md, from the same functions as tests/realsites/test_real_sites.py.

    .venv/bin/python bench/real_sites.py [site ...] [--details]

Each site is materialized from its mirror, served on 127.0.0.1, scanned with ``scan_sources`` at its
``as_of`` and compared with its truth; sites whose mirror is absent are listed as skipped.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.realsites.test_real_sites import details, measure_all, table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sites", nargs="*", help="site folder names (default: every site with a truth)")
    ap.add_argument("--details", action="store_true", help="also list every miss per metric")
    args = ap.parse_args()
    rows, skipped = measure_all(args.sites or None)
    print(table(rows))
    for line in skipped:
        print(f"skipped {line}")
    if args.details:
        for m in rows:
            print("\n" + details(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
