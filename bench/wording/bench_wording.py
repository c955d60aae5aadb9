"""Throughput of the wording and spam checks on government text (characters per second, one core).

    python bench/wording/bench_wording.py [--repeat N]

Text: the visible text of the real government pages in ../shared/realdata/html (and the seeds), i.e.
material nobody here wrote. Measured: spam classification of every ~300-character window (what
injected_spam_text does per page) plus the gazetteer wording matcher (serious_wording_errors) over the
same text. Automata are built before timing (once per process in a scan). HTML parsing is measured apart.
"""
from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from govinspect.extract.decode_html import decode_html
from govinspect.extract.security.analyse_page import analyse_page
from govinspect.extract.security.classify_spam import classify_text
from govinspect.extract.security.find_injected_spam import _windows
from govinspect.extract.security.match_wording import find_wording_errors

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def government_pages() -> list[str]:
    files = sorted(p for p in (SHARED / "realdata" / "html").rglob("*.html") if "synthetic" not in p.name)
    return [decode_html(p.read_bytes(), None)[0] for p in files]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    pages = government_pages()
    started = time.process_time()
    analyses = [analyse_page(html, "http://example.gov.cn/") for html in pages]
    parse_s = time.process_time() - started
    html_chars = sum(len(h) for h in pages)
    texts = [a.visible_text for a in analyses]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    windows = [[w for w, _ in _windows(a.blocks)] for a in analyses]
    chars = sum(len(t) for t in texts)
    classify_text("预热"), find_wording_errors("预热", date(2020, 1, 1))       # build automata before timing
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for page_windows in windows:
            for w in page_windows:
                classify_text(w)
        for t in texts:
            find_wording_errors(t, date(2024, 1, 1))
    secs = (time.perf_counter() - started) / args.repeat
    cpu = (time.process_time() - cpu_started) / args.repeat
    print(f"government text: {len(texts)} documents, {chars:,} characters")
    print(f"wording + spam checks: {chars / cpu:,.0f} characters per CPU-second on one core "
          f"({cpu * 1000:.0f} ms CPU per pass; wall clock {chars / secs:,.0f}/s on this shared machine)")
    print(f"HTML analysis (parse, styles, scripts; once per page): {html_chars / parse_s:,.0f} HTML characters "
          "per CPU-second")


if __name__ == "__main__":
    main()
