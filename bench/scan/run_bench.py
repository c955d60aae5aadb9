"""Full-scan benchmark: `scan_sources` (gather, extract, all checks, scoring, accounts, result, store)
over a demo city served from its own process, politeness off.

    python bench/scan/run_bench.py [--sites 20] [--pages 1000] [--accounts 20] [--seed 7] \
        [--out bench/scan/results.json]

Prints wall time, pages/s, peak RSS of the scanning process and of its largest child (a worker or the
server), CPU seconds of the server process, the
seconds per stage (summed over sites: sites run concurrently, so the sums overlap), every site's
verdict, every check that ended in 未能检测 (status "error") with its reason, and the crawl-only pages/s
of bench/crawl/results.json when that benchmark has been run.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from govinspect.demo.measure_accuracy import measure_accuracy
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city_process import CityInSubprocess
from govinspect.pipeline.scan_run import scan_sources
from govinspect.pipeline.scan_timings import ScanTimings
from govinspect.settings import Settings

HERE = Path(__file__).resolve().parent
CRAWL_RESULTS = HERE.parent / "crawl" / "results.json"


def peak_rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (and its reaped children), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def error_checks(result: dict[str, Any]) -> dict[str, Any]:
    """Check id → how many units ended 未能检测 and the distinct reasons (first few)."""
    out: dict[str, Any] = {}
    units = [*result.get("sites", []), *result.get("accounts", [])]
    for unit in units:
        for f in unit.get("findings", []):
            if f.get("status") != "error":
                continue
            entry = out.setdefault(f["check"], {"units": 0, "reasons": []})
            entry["units"] += 1
            if f.get("message") not in entry["reasons"] and len(entry["reasons"]) < 3:
                entry["reasons"].append(f.get("message"))
    return out


def truth_agreement(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """Verdicts and planted findings against the city's ground truth (the scan is not only fast)."""
    expected = {s["site_code"]: s["expected_result"] for s in truth["sites"]}
    got = {s["site_code"]: s["result"] for s in result.get("sites", [])}
    acc = measure_accuracy(result, truth)
    return {"verdicts_right": sum(got.get(k) == v for k, v in expected.items()), "sites": len(expected),
            "verdicts_wrong": {k: [got.get(k), v] for k, v in expected.items() if got.get(k) != v},
            "precision": acc.get("precision"), "recall": acc.get("recall")}


def crawl_only() -> dict[str, Any] | None:
    if not CRAWL_RESULTS.exists():
        return None
    data = json.loads(CRAWL_RESULTS.read_text(encoding="utf-8"))
    best = data.get("best", {})
    return {k: {"pages_per_s": v.get("pages_per_s"), "peak_rss_mb": v.get("peak_rss_mb")} for k, v in best.items()} | {
        "sites": data.get("sites"), "pages_per_site": data.get("pages_per_site")}


async def scan(running: Any, workspace: Path, timings: ScanTimings, workers: int | None = None) -> dict[str, Any]:
    city = running.city
    settings = demo_settings(Settings(workspace=workspace, quiet=True), running.resolve_map)
    settings = settings.with_(page_budget=100_000, max_depth=50, per_host_connections=8, concurrency=64)
    result, _run_id = await scan_sources(settings, city.site_records(), city.account_records(), city.as_of,
                                         "national-2019", timings=timings, workers=workers)
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--accounts", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--workers", type=int, default=None, help="assessment processes (default: cores; 0 = inline)")
    ap.add_argument("--keep-result", type=Path, default=None, help="write the scan's result JSON here")
    args = ap.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="scan-bench-"))
    timings = ScanTimings()
    server = CityInSubprocess(seed=args.seed, sites=args.sites, pages_per_site=args.pages, accounts=args.accounts)
    with server as running:
        server_pid = server.proc.pid if server.proc is not None else None
        server_cpu0 = cpu_seconds(server_pid) if server_pid else 0.0
        cpu0 = time.process_time()
        started = time.perf_counter()
        result = asyncio.run(scan(running, workspace, timings, args.workers))
        seconds = time.perf_counter() - started
        scan_cpu = time.process_time() - cpu0
        server_cpu = (cpu_seconds(server_pid) - server_cpu0) if server_pid else None
        truth = running.city.ground_truth()
        server_rss = peak_rss_mb(server_pid) if server_pid else None
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)    # reaped: the pool's workers and the server
    workers_cpu = kids.ru_utime + kids.ru_stime - (server_cpu0 + (server_cpu or 0.0))
    pages = result.get("gathered", {}).get("pages", 0)
    verdicts = Counter(s.get("result") for s in result.get("sites", []))
    summary = {
        "sites": args.sites, "pages_per_site": args.pages, "accounts": args.accounts, "seed": args.seed,
        "seconds": round(seconds, 1), "pages": pages, "pages_per_s": round(pages / seconds, 1),
        "workers": args.workers, "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_largest_child_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "server_peak_rss_mb": server_rss, "scan_cpu_s": round(scan_cpu, 1),
        "workers_cpu_s": round(workers_cpu, 1),
        "server_cpu_s": None if server_cpu is None else round(server_cpu, 1),
        "stage_seconds_summed_over_sites": timings.as_dict(),
        "verdicts": dict(verdicts),
        "sites_without_verdict": [s["site_code"] for s in result.get("sites", []) if not s.get("result")],
        "truth": truth_agreement(result, truth),
        "error_checks": error_checks(result), "gathered": result.get("gathered"),
        "crawl_only": crawl_only(),
    }
    if args.keep_result:
        args.keep_result.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
