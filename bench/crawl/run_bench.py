"""Crawl benchmark: govinspect versus Scrapy on the same demo city, side by side in one run.

    python bench/crawl/run_bench.py [--sites 20] [--pages 1000] [--rounds 2] \
        [--scrapy-python /work/bench-venv/bin/python] [--out bench/crawl/results.json]

The city is served by its own process (responses cached after first render); each crawler runs in
its own process so peak RSS is its own. A warm-up crawl fills the server cache first. Rounds
alternate the tools; the best round of each is compared.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run_child(cmd: list[str]) -> dict:
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench child failed: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--scrapy-python", default="/work/bench-venv/bin/python")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    info = tmp / "city.json"
    server = subprocess.Popen([sys.executable, str(HERE / "serve_cached_city.py"), str(args.sites), str(args.pages),
                               str(info)], cwd=ROOT)
    try:
        for _ in range(600):
            if info.exists() and info.stat().st_size:
                break
            time.sleep(0.1)
        else:
            raise SystemExit("bench city server did not start")
        mine = [sys.executable, str(HERE / "govinspect_crawl.py"), str(info)]
        theirs = [args.scrapy_python, str(HERE / "scrapy_crawl.py"), str(info)]
        warm = run_child(mine + [str(tmp / "warm"), "links"])
        print("warm-up", warm, flush=True)
        runs: list[dict] = []
        for r in range(args.rounds):
            for name, cmd in (("govinspect-links", mine + [str(tmp / f"g{r}"), "links"]),
                              ("scrapy", theirs),
                              ("govinspect-full", mine + [str(tmp / f"f{r}"), "full"])):
                result = run_child(cmd)
                result["round"] = r
                runs.append(result)
                print(result, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    best = {t: max((x for x in runs if x["tool"] == t), key=lambda x: x["pages_per_s"])
            for t in {x["tool"] for x in runs}}
    summary = {"sites": args.sites, "pages_per_site": args.pages, "runs": runs, "best": best,
               "ratio_links_vs_scrapy": round(best["govinspect-links"]["pages_per_s"] / best["scrapy"]["pages_per_s"], 2),
               "ratio_full_vs_scrapy": round(best["govinspect-full"]["pages_per_s"] / best["scrapy"]["pages_per_s"], 2)}
    args.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "runs"}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
