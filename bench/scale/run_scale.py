"""Scale benchmark (issue 13): Scrapy crawl-only versus the full `govinspect scan`, over a static city
served by nginx, for a grid of city sizes. Memory is the summed RSS of each tool's whole process tree.

    python bench/scale/run_scale.py --label before --points 4x250,4x1000,4x4000,8x1000,16x1000
    python bench/scale/run_scale.py --label before --grid sites      # 4, 8, 16, 32 sites × --fixed-pages
    python bench/scale/run_scale.py --label before --grid pages      # --fixed-sites × 250, 1000, 4000 pages
    python bench/scale/run_scale.py --label before --grid headline   # 16 × 1600 ≈ 25k pages
    python bench/scale/run_scale.py --label before --table           # print the table of the saved results

Per point: export the demo city (``build_city(seed=7, defects="none", accounts=0)``) to static files
once (cached under --cache-dir), start nginx + fallback (serve_static_city.py), run Scrapy
(bench/crawl/scrapy_crawl.py in --scrapy-python's venv), then `govinspect scan` on the city's
sites.csv with politeness off from a TOML config (no delay, 8 connections per host, 64 overall, no
retries, robots.txt obeyed, page budget unlimited, depth 50, hosts mapped to 127.0.0.1, nothing else
contacted). Both run as subprocesses under tree_sampler (every 0.2 s). Results are merged into
bench/scale/results-<label>.json (a point run again replaces its old entry); a Markdown table is printed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from serve_static_city import StaticCity
from tree_sampler import run_sampled

GRIDS = {"sites": lambda a: [(n, a.fixed_pages) for n in (4, 8, 16, 32)],
         "pages": lambda a: [(a.fixed_sites, p) for p in (250, 1000, 4000)],
         "headline": lambda a: [(16, 1600)]}
STAGE_ORDER = ("gather", "parse", "extract", "serialise", "checks+scoring", "store", "accounts", "worker_wait+work")
SCAN_CONFIG = """\
# politeness off for the benchmark only (the defaults stay polite for real sites)
[govinspect]
per_host_delay_s = 0.0
per_host_connections = 8
concurrency = 64
retries = 0
robots = "obey"
page_budget = 100000
max_depth = 50
probe_interval_s = 0.1
only_mapped_hosts = true
quiet = true

[govinspect.resolve]
"""


def export_city(sites: int, pages: int, port: int, cache: Path) -> Path:
    out = cache / f"city-{sites}x{pages}-p{port}"
    if not (out / "city.json").exists():
        print(f"exporting {sites}×{pages} to {out} …", flush=True)
        run = run_sampled([sys.executable, str(HERE / "export_city.py"), "--sites", str(sites), "--pages", str(pages),
                           "--port", str(port), "--out", str(out)], cwd=ROOT, stdout=cache / "export.out",
                          stderr=cache / "export.err")
        if run["returncode"] != 0:
            raise SystemExit(f"export failed: {(cache / 'export.err').read_text()[-2000:]}")
    return out


def byte_compile(package: Path) -> None:
    """Compile the code under test to bytecode, as installing a package does (Scrapy's venv is compiled).
    Otherwise, with PYTHONDONTWRITEBYTECODE set, each pool worker the scan starts compiles every module
    it imports again: about 3 % of the scan's CPU on a 4 × 1,000 city, which no installed copy pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, stdout=subprocess.DEVNULL)


def code_under_test(commit: str | None, cache: Path) -> dict:
    """``--commit REV``: that commit's tree (git archive, the repository untouched) comes first on
    PYTHONPATH of every child (export, fallback, scan); otherwise the working tree as it is now."""
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    if not commit:
        dirty = [ln[3:] for ln in git("status", "--porcelain", "--", "govinspect").splitlines()]
        byte_compile(ROOT / "govinspect")
        return {"code": "working tree", "head": git("rev-parse", "--short", "HEAD"), "uncommitted_govinspect_files": len(dirty)}
    sha = git("rev-parse", "--short", commit)
    tree = cache / f"code-{sha}"
    if not (tree / "govinspect").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "govinspect"], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    byte_compile(tree / "govinspect")
    os.environ["PYTHONPATH"] = str(tree)
    return {"code": f"commit {sha}", "head": sha, "tree": str(tree)}


def du_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1) if path.exists() else 0.0


def run_scrapy(served: StaticCity, work: Path, python: str) -> dict:
    run = run_sampled([python, str(ROOT / "bench/crawl/scrapy_crawl.py"), str(served.export / "city.json")],
                      cwd=ROOT, stdout=work / "scrapy.out", stderr=work / "scrapy.err")
    if run["returncode"] != 0:
        raise SystemExit(f"scrapy failed: {(work / 'scrapy.err').read_text()[-2000:]}")
    stats = json.loads((work / "scrapy.out").read_text().strip().splitlines()[-1])
    pages = stats["pages"]
    return {**run, "pages": pages, "ok": stats["ok"], "links": stats["links"],
            "pages_per_s": round(pages / run["wall_s"], 1), "cpu_ms_per_page": round(1000 * run["cpu_s"] / pages, 2),
            "scrapy_own_seconds": stats["seconds"]}


def run_scan(served: StaticCity, work: Path, plain: bool, rss_limit_mb: float) -> dict:
    info = served.info
    space = work / "workspace"
    config = work / "scan.toml"
    config.write_text(SCAN_CONFIG + "".join(f'"{h}" = ["127.0.0.1"]\n' for h in info["resolve"]), encoding="utf-8")
    args = ["--workspace", str(space), "--config", str(config), "-q", "scan", str(served.export / "sites.csv"),
            "--as-of", info["as_of"], "--json", str(work / "result.json")]
    timings_file = work / "timings.json"
    cmd = ([str(Path(sys.executable).with_name("govinspect")), *args] if plain
           else [sys.executable, str(HERE / "scan_cli_timed.py"), str(timings_file), *args])
    run = run_sampled(cmd, cwd=ROOT, stdout=work / "scan.out", stderr=work / "scan.err", rss_limit_mb=rss_limit_mb)
    if run.get("killed_at_rss_limit"):
        return {**run, "pages": 0, "pages_per_s": 0.0, "cpu_ms_per_page": 0.0}
    if run["returncode"] != 0 or not (work / "result.json").exists():
        raise SystemExit(f"scan failed ({run['returncode']}): {(work / 'scan.err').read_text()[-3000:]}")
    result = json.loads((work / "result.json").read_text(encoding="utf-8"))
    pages = result.get("gathered", {}).get("pages", 0)
    verdicts: dict[str, int] = {}
    for site in result.get("sites", []):
        verdicts[site.get("result")] = verdicts.get(site.get("result"), 0) + 1
    stages = {}
    if timings_file.exists():
        made = json.loads(timings_file.read_text(encoding="utf-8"))
        stages = made["timings"][-1] if made["timings"] else {}
        run["govinspect_imported_from"] = made["govinspect"]
    cpu_workers = max(0.0, run["cpu_s"] - run["cpu_root_s"])
    return {**run, "pages": pages, "pages_per_s": round(pages / run["wall_s"], 1),
            "cpu_ms_per_page": round(1000 * run["cpu_s"] / max(pages, 1), 2),
            "cpu_scan_process_s": run["cpu_root_s"], "cpu_descendants_s": round(cpu_workers, 2),
            "stage_seconds_summed_over_sites": stages,
            "stage_cpu_ms_per_page": {k: round(1000 * v["cpu_s"] / max(pages, 1), 2) for k, v in stages.items()},
            "verdicts": verdicts, "gathered": result.get("gathered"),
            "result_json_mb": round((work / "result.json").stat().st_size / 2**20, 1), "workspace_mb": du_mb(space)}


def run_point(sites: int, pages: int, args: argparse.Namespace, previous: dict | None) -> dict:
    export = export_city(sites, pages, args.port, args.cache_dir)
    work = args.cache_dir / f"run-{args.label}-{sites}x{pages}"
    if args.skip_scan and not (previous and "scan" in previous):
        raise SystemExit(f"--skip-scan: no scan of {sites}×{pages} saved under this label")
    if args.skip_scan:
        work = work.with_name(work.name + "-scrapy")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    point: dict = {"sites": sites, "pages_per_site": pages, "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                   "city": {k: v for k, v in json.loads((export / "city.json").read_text()).items()
                            if k not in ("resolve", "sites")}}
    with StaticCity(export, work / "server") as served:
        if not args.skip_scrapy:
            before = served.fallback_requests()
            point["scrapy"] = run_scrapy(served, work, args.scrapy_python)
            point["scrapy"]["fallback_requests"] = served.fallback_requests() - before
            print(f"  scrapy {sites}×{pages}: {point['scrapy']['pages']} pages, {point['scrapy']['pages_per_s']} p/s, "
                  f"{point['scrapy']['peak_rss_sum_mb']} MB", flush=True)
        if args.skip_scan:                   # keep the scan measured by an earlier run of this point
            point["scan"] = previous["scan"]
            return finish(point, work, args)
        before = served.fallback_requests()
        point["scan"] = run_scan(served, work, args.plain_cli, args.rss_limit_mb)
        point["scan"]["fallback_requests"] = served.fallback_requests() - before
        print(f"  scan   {sites}×{pages}: {point['scan']['pages']} pages, {point['scan']['pages_per_s']} p/s, "
              f"{point['scan']['peak_rss_sum_mb']} MB summed", flush=True)
    return finish(point, work, args)


def finish(point: dict, work: Path, args: argparse.Namespace) -> dict:
    if "scrapy" in point:
        point["ratio_scan_to_scrapy"] = round(point["scan"]["pages_per_s"] / point["scrapy"]["pages_per_s"], 2)
    if not args.keep_workspace:
        shutil.rmtree(work / "workspace", ignore_errors=True)
    return point


def table(results: dict) -> str:
    rows = [("| sites × pages/site | pages (Scrapy / scan) | Scrapy pages/s | scan pages/s | scan ÷ Scrapy "
             "| scan peak RSS, summed (procs) | largest scan process | Scrapy peak RSS | CPU ms/page (Scrapy / scan) | scan wall s "
             "| load avg (max) |"),
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for p in sorted(results["points"], key=lambda p: (p["sites"] * p["pages_per_site"], p["sites"])):
        s, g = p.get("scrapy", {}), p["scan"]
        load = max(g["load_avg_1m"]["max"], s.get("load_avg_1m", {}).get("max", 0))
        scrapy_rss = f"{s['peak_rss_sum_mb']:,.0f} MB" if "peak_rss_sum_mb" in s else "–"
        rows.append(f"| {p['sites']} × {p['pages_per_site']} | {s.get('pages', '–')} / {g['pages']} "
                    f"| {s.get('pages_per_s', '–')} | {g['pages_per_s']} | {p.get('ratio_scan_to_scrapy', '–')} "
                    f"| {g['peak_rss_sum_mb']:,.0f} MB ({g['procs_at_peak']}) | {g['peak_rss_single_mb']:,.0f} MB "
                    f"| {scrapy_rss} "
                    f"| {s.get('cpu_ms_per_page', '–')} / {g['cpu_ms_per_page']} | {g['wall_s']:.0f} | {load:.1f} |")
    found = {k for p in results["points"] for k in p["scan"].get("stage_cpu_ms_per_page", {})}
    stages = [k for k in STAGE_ORDER if k in found] + sorted(found - set(STAGE_ORDER))
    if stages:
        rows += ["", ("Scan CPU ms per page by stage (stage timers summed over sites; `gather`, `store` and "
                 "`worker_wait+work` overlap across sites, see README), then the measured CPU of the scanning "
                 "process, of its descendants (pool workers) and of the whole tree:"), "",
                 "| sites × pages/site | " + " | ".join(stages) + " | scanning process | descendants | whole tree |",
                 "| --- | " + " | ".join("---" for _ in stages) + " | --- | --- | --- |"]
        for p in sorted(results["points"], key=lambda p: (p["sites"] * p["pages_per_site"], p["sites"])):
            g = p["scan"]
            per, n = g.get("stage_cpu_ms_per_page", {}), max(g["pages"], 1)
            rows.append(f"| {p['sites']} × {p['pages_per_site']} | " + " | ".join(str(per.get(k, "–")) for k in stages)
                        + f" | {1000 * g.get('cpu_scan_process_s', 0) / n:.2f} | {1000 * g.get('cpu_descendants_s', 0) / n:.2f}"
                        f" | {g['cpu_ms_per_page']} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--label", required=True, help="results go to bench/scale/results-<label>.json")
    ap.add_argument("--grid", action="append", choices=sorted(GRIDS), default=[])
    ap.add_argument("--points", default="", help="comma-separated SITESxPAGES, e.g. 4x250,16x1600")
    ap.add_argument("--fixed-pages", type=int, default=1000)
    ap.add_argument("--fixed-sites", type=int, default=4)
    ap.add_argument("--port", type=int, default=18480, help="nginx port (baked into the exported pages)")
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/govinspect-scale"))
    ap.add_argument("--scrapy-python", default="/work/bench-venv/bin/python")
    ap.add_argument("--skip-scrapy", action="store_true")
    ap.add_argument("--skip-scan", action="store_true", help="run Scrapy only; keep this label's saved scan of the point")
    ap.add_argument("--plain-cli", action="store_true", help="run the govinspect console script (no stage timers)")
    ap.add_argument("--keep-workspace", action="store_true")
    ap.add_argument("--commit", default=None, help="measure this commit (git archive) instead of the working tree")
    ap.add_argument("--rss-limit-mb", type=float, default=12000,
                    help="kill the scan when its summed RSS passes this (protects the shared machine)")
    ap.add_argument("--table", action="store_true", help="only print the table of the saved results")
    args = ap.parse_args()
    out = HERE / f"results-{args.label}.json"
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"label": args.label, "points": []}
    if args.table:
        print(table(results))
        return
    points = [pt for g in args.grid for pt in GRIDS[g](args)]
    points += [tuple(int(x) for x in p.split("x")) for p in args.points.split(",") if p]
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(args.cache_dir, 0o755)
    results["machine"] = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    code = code_under_test(args.commit, args.cache_dir)
    print(f"code under test: {code}", flush=True)
    for sites, pages in dict.fromkeys(points):
        print(f"point {sites} sites × {pages} pages/site", flush=True)
        previous = next((p for p in results["points"] if (p["sites"], p["pages_per_site"]) == (sites, pages)), None)
        point = run_point(sites, pages, args, previous)
        point["code"] = code
        results["points"] = [p for p in results["points"] if (p["sites"], p["pages_per_site"]) != (sites, pages)]
        results["points"].append(point)
        out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
