"""Times rendering a 500-site / 5,000-account result to docx, xlsx, html and pdf (budget: < 10 s total).

    python bench/report/bench_render.py [--sites 500] [--accounts 5000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_large_result import large_result

from govinspect.report.render_report import render_report


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=500)
    ap.add_argument("--accounts", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    result = large_result(args.sites, args.accounts)
    render_report(result, "html", tempfile.mkdtemp())          # warm imports and template caches
    rows = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            times = {}
            for fmt in ("docx", "xlsx", "html", "pdf"):
                t0 = time.perf_counter()
                (path,) = render_report(result, fmt, out)
                times[fmt] = (time.perf_counter() - t0, path.stat().st_size)
            rows.append(times)
    for fmt in ("docx", "xlsx", "html", "pdf"):
        best = min(r[fmt][0] for r in rows)
        print(f"{fmt:5s} best {best:6.2f} s   size {rows[-1][fmt][1] / 1024:8.0f} KiB")
    totals = [sum(v[0] for v in r.values()) for r in rows]
    print(f"sum of separate calls: best {min(totals):.2f} s")
    together, cpu = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            c0, k0 = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            render_report(result, "docx,xlsx,html,pdf", out)
            together.append(time.perf_counter() - t0)
            k1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((time.process_time() - c0, k1.ru_utime + k1.ru_stime - k0.ru_utime - k0.ru_stime))
    print(f"all four formats in one call (pdf on the second core): best {min(together):.2f} s  "
          f"median {sorted(together)[len(together) // 2]:.2f} s  "
          f"({args.sites} sites, {args.accounts} accounts, {args.repeat} runs)")
    parent, child = min(cpu, key=sum)
    print(f"CPU seconds (load-independent): parent {parent:.2f} s (docx, xlsx, html), "
          f"pdf process {child:.2f} s; on two idle cores the wall time is about the larger one")
    print(f"load average now: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
