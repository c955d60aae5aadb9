"""The one parse (``gather.read_page.read_snapshot``) on a fixed sample of the scale city's HTML pages, plus
the real government pages of ../shared/realdata/html: its CPU per page, its instruction count, and a hash of
everything it read (to show a faster parse reads the same).

    python bench/scale/city_parse_cost.py --tree /tmp/old-clone        # CPU ms per page, that checkout
    python bench/scale/city_parse_cost.py --instructions               # callgrind: instructions per page
    python bench/scale/city_parse_cost.py --hashes out.txt             # one hash per read, city + real pages

The sample: 1,500 pages drawn with seed 1 from the exported 16 × 1,600 city (``run_scale.py`` exports it to
``/tmp/govinspect-scale/city-16x1600-p18480``); the first 100 warm the memos up. CPU time is noisy on a shared
machine; ``--instructions`` runs the same reads under ``valgrind --tool=callgrind`` (Debian ``valgrind``) twice,
with ``--pages 0`` and with ``--pages N``, and prints the difference per page: deterministic to ~0.1 %
(``PYTHONHASHSEED=0``), so two checkouts compare under any load. ``--hashes``: every page read cold and
again warm, hashing the ``repr`` of the digest, the links, the stored snapshot and the script flags.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from real_page_cost import real_pages  # this directory is on sys.path when the script runs

ROOT = Path(__file__).resolve().parents[2]
CITY = Path("/tmp/govinspect-scale/city-16x1600-p18480")
AS_OF = date(2020, 7, 17)
WARM = 100


def city_pages(snapshot_type, n: int) -> list:
    types = dict(re.findall(r'\s*"([^"]+)"\s+(t\d+);', (CITY / "nginx-types.conf").read_text()))
    types = {v: k for k, v in types.items()}
    entries = [(key, f) for key, f in re.findall(r'\s*"([^"]+)"\s+(\S+);', (CITY / "nginx-map.conf").read_text())
               if f.split(".")[-1] in ("t0", "t2", "t3")]
    random.seed(1)
    out = []
    for key, f in random.sample(entries, n):
        raw = (CITY / "files" / f.lstrip("/")).read_bytes()
        ctype = types[f.split(".")[-1]]
        url = "http://" + key
        out.append((snapshot_type(url=url, final_url=url, status=200, fetched_at="2020-07-17T00:00:00", elapsed_ms=1,
                                  content_type=ctype, text=raw.decode("gbk" if "gbk" in ctype else "utf-8", "replace"),
                                  size=len(raw)), f"http://{key.split('/')[0]}/"))
    return out


def instructions(args: argparse.Namespace) -> None:
    counts = []
    for n in (0, args.pages):
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                              __file__, "--tree", str(args.tree), "--pages", str(n), "--read-only"],
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=True)
        counts.append(int(re.search(r"Collected : (\d+)", run.stderr).group(1)))
    print(f"{args.tree}: {(counts[1] - counts[0]) / args.pages / 1e6:.2f} M instructions per page "
          f"({args.pages} pages after {WARM} warm-up pages)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose govinspect is measured")
    ap.add_argument("--pages", type=int, default=1400, help="pages read after the warm-up")
    ap.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    ap.add_argument("--hashes", type=Path, help="write one hash per read (city + real pages, cold then warm)")
    ap.add_argument("--read-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.instructions:
        instructions(args)
        return
    sys.path.insert(0, str(args.tree))
    from govinspect.gather.read_page import read_snapshot
    from govinspect.model.artifacts import PageSnapshot

    sample = city_pages(PageSnapshot, WARM + 1400)
    if args.hashes:
        from govinspect.gather.crawl_journal import unpack_json
        from govinspect.gather.page_store import unpack_digest
        lines = []
        for _ in range(2):           # the second round reads with warm memos
            real = [(snap, "http://www.example.gov.cn/") for snap in real_pages(PageSnapshot)]
            for snap, home in sample + real:
                r = read_snapshot(snap, AS_OF, home)
                seen = (unpack_digest(r.digest), r.links, unpack_json(r.packed), r.snap, r.script_nav,
                        r.script_list, r.script_built)
                lines.append(hashlib.sha1(repr(seen).encode()).hexdigest())
        args.hashes.write_text("\n".join(lines) + "\n")
        print(f"{len(lines)} reads hashed into {args.hashes}")
        return
    for snap, home in sample[:WARM]:
        read_snapshot(snap, AS_OF, home)
    pages = sample[WARM:WARM + args.pages]
    started = time.process_time()
    for snap, home in pages:
        read_snapshot(snap, AS_OF, home)
    if not args.read_only:
        print(f"{args.tree}: {1000 * (time.process_time() - started) / max(len(pages), 1):.2f} ms CPU per page "
              f"over {len(pages)} pages")


if __name__ == "__main__":
    main()
