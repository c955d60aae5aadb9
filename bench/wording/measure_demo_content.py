"""Recall/precision of the four content checks against the demo city's planted cases, in process.

    python bench/wording/measure_demo_content.py

Runs the real pipeline (gather over loopback → extract → checks) on demo cities with different seeds and
监测时间点 (the leader-title plant changes with the date), plus a city with no planted defect (every
content finding there is a false positive).
"""
from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date

from govinspect.demo.build_city import build_city
from govinspect.demo.measure_accuracy import measure_accuracy
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city import serve_city
from govinspect.pipeline.scan_run import scan_sources
from govinspect.settings import Settings

CHECKS = ("hidden_spam_links", "injected_spam_text", "serious_wording_errors", "forged_publication_dates")
CITIES = ((7, date(2020, 7, 17), "all"), (11, date(2024, 5, 10), "all"), (5, date(2023, 9, 1), "none"))


async def run_city(seed: int, as_of: date, defects: str) -> tuple[dict, dict]:
    city = build_city(seed=seed, sites=5, pages_per_site=50, accounts=16, as_of=as_of, defects=defects)
    async with serve_city(city) as running:
        cfg = demo_settings(Settings(workspace=__import__("pathlib").Path("/tmp/govinspect-bench-content"),
                                     quiet=True), running.resolve_map)
        result, _ = await scan_sources(cfg, city.site_records(), city.account_records(), city.as_of, "national-2019")
    return result, city.ground_truth()


def main() -> None:
    totals: Counter[tuple[str, str]] = Counter()
    for seed, as_of, defects in CITIES:
        result, truth = asyncio.run(run_city(seed, as_of, defects))
        acc = measure_accuracy(result, truth)["per_check"]
        reviews = Counter(f["check"] for s in result["sites"] for f in s["findings"] if f["status"] == "needs_review")
        for check in CHECKS:
            totals[(check, "needs_review")] += reviews[check]
            stats = acc.get(check, {"tp": 0, "fp": 0, "fn": 0, "review": 0})
            for k in ("tp", "fp", "fn", "review"):
                totals[(check, k)] += stats[k]
            print(f"seed {seed} as_of {as_of} defects={defects:4s} {check:26s} tp {stats['tp']:3d} fp {stats['fp']:2d} "
                  f"fn {stats['fn']:2d} review {stats['review']:2d} needs_review findings {reviews[check]}")
    print("total")
    for check in CHECKS:
        tp, fp, fn, rv = (totals[(check, k)] for k in ("tp", "fp", "fn", "review"))
        recall = tp / (tp + fn + rv) if tp + fn + rv else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(f"{check:26s} planted {tp + fn + rv:3d}  recall {recall:.3f}  precision {precision:.3f}  (fp {fp}, "
              f"needs_review findings {totals[(check, 'needs_review')]})")


if __name__ == "__main__":
    main()
