"""CPU per page of the one parse (``gather.read_page.read_snapshot``: personal-data masking, the page digest,
the content-security reading) on the real government pages of ../shared/realdata/html.

    python bench/scale/real_page_cost.py                       # this tree
    python bench/scale/real_page_cost.py --tree /tmp/old-clone # another checkout, to compare side by side

Each page is read once to warm up, then ``--rounds`` times; prints ms of CPU per page and the slowest pages.
``--cold``: only the first page warms up (imports, lexicons), then every page is read once — no page finds
what a memo kept of it (a site's template repeats across its own pages; these pages come from different sites).
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "realdata" / "html"


def real_pages(snapshot_type) -> list:
    """The real pages as snapshots of ``snapshot_type`` (the measured checkout's ``PageSnapshot``), each
    under its own name on one example host."""
    snaps = []
    for f in sorted(PAGES.rglob("*.htm*")):
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", "replace")
        url = f"http://www.example.gov.cn/{f.name}"
        snaps.append(snapshot_type(url=url, final_url=url, status=200, fetched_at="2020-07-17T00:00:00",
                                   elapsed_ms=1, content_type="text/html", text=text, size=len(raw)))
    return snaps


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose govinspect is measured")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="each page read once, none of them before")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree))
    from govinspect.gather.read_page import read_snapshot
    from govinspect.model.artifacts import PageSnapshot

    snaps = real_pages(PageSnapshot)
    as_of, home = date(2020, 7, 17), "http://www.example.gov.cn/"
    per_page = {}
    if args.cold:
        args.rounds = 1
        read_snapshot(snaps[0], as_of, home)
        snaps = snaps[1:]
    else:
        for s in snaps:
            read_snapshot(s, as_of, home)
    started = time.process_time()
    for _ in range(args.rounds):
        for s in snaps:
            t = time.process_time()
            read_snapshot(s, as_of, home)
            per_page[s.url] = per_page.get(s.url, 0.0) + time.process_time() - t
    cpu = time.process_time() - started
    chars = sum(len(s.text or "") for s in snaps) / len(snaps)
    print(f"{args.tree}: {len(snaps)} real pages, {chars / 1024:.0f} K characters on average, "
          f"{1000 * cpu / (args.rounds * len(snaps)):.2f} ms CPU per page")
    for url, sec in sorted(per_page.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {1000 * sec / args.rounds:7.1f} ms  {url.rsplit('/', 1)[-1]}")


if __name__ == "__main__":
    main()
