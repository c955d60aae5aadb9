"""Times rendering a 500-site / 5,000-account result to docx, xlsx, html and pdf (budget: < 10 s total).

    python bench/report/bench_render.py [--sites 500] [--accounts 5000] [--repeat 3] [--no-peer]

Peer, run side by side: LibreOffice headless printing the same notice's docx to PDF (what an inspector
does by hand in Word/WPS/LibreOffice today), timed against govinspect's own PDF.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
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
    ap.add_argument("--no-peer", action="store_true", help="skip the LibreOffice side-by-side run")
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
    print(f"all four formats in one call (pdf laid out in forked processes): best {min(together):.2f} s  "
          f"median {sorted(together)[len(together) // 2]:.2f} s  "
          f"({args.sites} sites, {args.accounts} accounts, {args.repeat} runs)")
    parent, child = min(cpu, key=sum)
    print(f"CPU seconds (load-independent): parent {parent:.2f} s (docx, xlsx, html, joining the pdf), "
          f"pdf processes {child:.2f} s; on two idle cores the wall time is about half their sum")
    if not args.no_peer:
        peer_libreoffice(result, args.repeat, min(r["pdf"][0] for r in rows))
    print(f"load average now: {os.getloadavg()[0]:.2f}")
    return 0


def peer_libreoffice(result: dict, repeat: int, ours: float) -> None:
    soffice = shutil.which("soffice")
    if not soffice:
        print("peer: soffice (LibreOffice) not installed; skipped")
        return
    with tempfile.TemporaryDirectory() as out:
        (docx,) = render_report(result, "docx", out)
        profile = Path(out) / "profile"
        times = []
        for i in range(repeat + 1):                      # the first run only creates the profile
            t0 = time.perf_counter()
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                            "--outdir", out, str(docx)], check=True, capture_output=True, timeout=900)
            if i:
                times.append(time.perf_counter() - t0)
        pages = subprocess.run(["pdfinfo", str(docx.with_suffix(".pdf"))], capture_output=True, text=True).stdout
        n = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
    print(f"peer LibreOffice headless docx→pdf: best {min(times):.2f} s ({n} pages); govinspect pdf alone: "
          f"best {ours:.2f} s; ratio {min(times) / ours:.1f}× (LibreOffice time / govinspect time)")


if __name__ == "__main__":
    sys.exit(main())
