"""A simulated province on one machine (issue 15): a loopback city of many small sites scanned as a
distributed run by 1, 2 and 4 `govinspect worker` processes over a real Redis and PostgreSQL, then once
by the local `govinspect scan`, whose result every distributed result must equal.

    python bench/dist/run_province.py --sites 200 --pages 30 --delay 0.25 --workers 1,2,4

The city is the demo city (``defects="none"``) exported to static files and served by nginx
(bench/scale/serve_static_city.py). Politeness stays ON, as for real sites: one connection per host and
``--delay`` seconds between two requests to a host. Each worker process runs ``--threads`` units at once.
Measured per worker count: wall time from submitting (`govinspect scan --queue --detach`) to the result
(`govinspect attach` returns), pages/s, scaling against one worker, the coordinator's peak RSS (the
attach process), the workers' peak summed RSS, the PostgreSQL database size after the run. Results go to
bench/dist/results.json (``--out``); a Markdown table is printed.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "bench" / "scale"))
sys.path.insert(0, str(ROOT))
from run_scale import export_city
from serve_static_city import StaticCity, free_port
from tree_sampler import PAGE, _proc_table, _tree, run_sampled

from tests.workers.servers import PgCluster, RedisServer

GOVINSPECT = str(Path(sys.executable).with_name("govinspect"))


def config_text(resolve: list[str], delay: float) -> str:
    return (f"[govinspect]\nper_host_delay_s = {delay}\nper_host_connections = 1\nconcurrency = 64\nretries = 0\n"
            "page_budget = 100000\nmax_depth = 50\nprobe_interval_s = 0.1\nprobe_test_window = true\n"
            "only_mapped_hosts = true\nquiet = true\n\n[govinspect.resolve]\n"
            + "".join(f'"{h}" = ["127.0.0.1"]\n' for h in resolve))


class PeakRss:
    """Peak of the summed RSS of some processes and their descendants, sampled every 0.5 s."""

    def __init__(self, pids: list[int]):
        self.pids, self.peak, self.stop = pids, 0.0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            table = _proc_table()
            pids = {p for root in self.pids for p in _tree(table, root)}
            self.peak = max(self.peak, sum(table[p][2] for p in pids) / 2**20)
            self.stop.wait(0.5)

    def done(self) -> float:
        self.stop.set()
        self.thread.join()
        return round(self.peak, 1)


def pg_size_mb(db: str) -> dict[str, float]:
    async def go() -> dict[str, float]:
        import asyncpg

        conn = await asyncpg.connect(db)
        try:
            total = await conn.fetchval("SELECT pg_database_size(current_database())")
            tables = {r["t"]: r["s"] for r in await conn.fetch(
                "SELECT relname AS t, pg_total_relation_size(relid) AS s FROM pg_catalog.pg_statio_user_tables")}
        finally:
            await conn.close()
        return {"database_mb": round(total / 2**20, 1),
                **{f"{t}_mb": round(tables.get(t, 0) / 2**20, 2) for t in
                   ("run_jobs", "site_artifacts", "journal_pages", "runs")}}
    return asyncio.run(go())


def comparable(result: dict) -> list:
    return [{k: v for k, v in s.items()} for s in result["sites"]]


def distributed(n: int, args: argparse.Namespace, served: StaticCity, pg: PgCluster, redis: RedisServer,
                config: Path, work: Path) -> tuple[dict, dict]:
    db = pg.new_database()
    base = [GOVINSPECT, "--db", db, "--config", str(config)]
    with contextlib.ExitStack() as logs:
        procs = [subprocess.Popen([*base, "--workspace", str(work / f"w{n}-{i}"), "-q", "worker",
                                   "--redis", redis.url, "--threads", str(args.threads)], stdout=subprocess.DEVNULL,
                                  stderr=logs.enter_context((work / f"w{n}-{i}.log").open("wb")))
                 for i in range(n)]   # the children keep their own copy of the log's descriptor
    time.sleep(3)                                      # imports done before the clock starts
    workers_rss = PeakRss([p.pid for p in procs])
    cpu0 = _cpu(procs)
    started = time.perf_counter()
    submitted = subprocess.run([*base, "--workspace", str(work / "coord"), "-q", "scan",
                                str(served.export / "sites.csv"), "--as-of", served.info["as_of"],
                                "--queue", redis.url, "--detach"], capture_output=True, text=True, check=True)
    run_id = submitted.stdout.split("已提交运行 ")[1].split("：")[0]
    out = work / f"result-{n}.json"
    attach = run_sampled([*base, "--workspace", str(work / "coord"), "-q", "attach", run_id, "--redis", redis.url,
                          "--json", str(out)], cwd=ROOT, stdout=work / f"attach-{n}.out",
                         stderr=work / f"attach-{n}.err", interval=0.5)
    wall = time.perf_counter() - started
    cpu = _cpu(procs) - cpu0
    peak_workers = workers_rss.done()
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=60)
    if attach["returncode"] != 0:
        raise SystemExit(f"attach failed: {(work / f'attach-{n}.err').read_text()[-2000:]}")
    result = json.loads(out.read_text(encoding="utf-8"))
    pages = result["gathered"]["pages"]
    return result, {"workers": n, "threads": args.threads, "wall_s": round(wall, 1), "pages": pages,
                    "pages_per_s": round(pages / wall, 1), "sites": len(result["sites"]),
                    "coordinator_peak_rss_mb": attach["peak_rss_sum_mb"], "workers_peak_rss_sum_mb": peak_workers,
                    "workers_cpu_s": round(cpu, 1), "load_max": attach.get("load_max"), **pg_size_mb(db)}


def _cpu(procs: list[subprocess.Popen]) -> float:
    """User + system seconds of the worker processes (and their children) so far, from /proc."""
    table = _proc_table()
    return sum(table[p][1] for root in procs for p in _tree(table, root.pid))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--delay", type=float, default=0.25)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--skip-local", action="store_true")
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/govinspect-bench-dist"))
    ap.add_argument("--out", default="results.json", help="file name under bench/dist/")
    args = ap.parse_args()
    cache = args.cache_dir
    cache.mkdir(parents=True, exist_ok=True)
    work = cache / "work"
    work.mkdir(exist_ok=True)
    export = export_city(args.sites, args.pages, free_port(), cache)
    rows, results = [], {}
    pg, redis = PgCluster(), RedisServer(work)
    try:
        with StaticCity(export, cache / "serve") as served:
            config = work / "province.toml"
            config.write_text(config_text(served.info["resolve"], args.delay), encoding="utf-8")
            for n in [int(x) for x in args.workers.split(",")]:
                print(f"distributed run with {n} worker process(es) …", flush=True)
                results[n], row = distributed(n, args, served, pg, redis, config, work)
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
            local = None
            if not args.skip_local:
                print("local scan …", flush=True)
                run = run_sampled([GOVINSPECT, "--workspace", str(work / "local"), "--config", str(config), "-q",
                                   "scan", str(served.export / "sites.csv"), "--as-of", served.info["as_of"],
                                   "--json", str(work / "local.json")], cwd=ROOT, stdout=work / "local.out",
                                  stderr=work / "local.err", interval=0.5)
                local = json.loads((work / "local.json").read_text(encoding="utf-8"))
                rows.append({"workers": "local scan", "wall_s": run["wall_s"], "pages": local["gathered"]["pages"],
                             "pages_per_s": round(local["gathered"]["pages"] / run["wall_s"], 1),
                             "sites": len(local["sites"]), "coordinator_peak_rss_mb": run["peak_rss_sum_mb"]})
    finally:
        redis.stop()
        pg.close()
    one = next((r for r in rows if r["workers"] == 1), None)
    for row in rows:
        if one and isinstance(row["workers"], int):
            row["scaling_vs_1"] = round(one["wall_s"] / row["wall_s"], 2)
        if local is not None and isinstance(row["workers"], int):
            row["result_equals_local"] = comparable(results[row["workers"]]) == comparable(local)
    record = {"command": " ".join(sys.argv), "sites": args.sites, "pages_per_site": args.pages,
              "per_host_delay_s": args.delay, "cores": os.cpu_count(), "page_size": PAGE, "rows": rows,
              "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    (HERE / args.out).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(record))


def table(record: dict) -> str:
    head = ("| run | wall s | pages | pages/s | × 1 worker | coordinator peak RSS | workers' peak RSS (sum) | "
            "PostgreSQL db | = local result |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    lines = []
    for r in record["rows"]:
        lines.append(f"| {r['workers']} | {r['wall_s']} | {r['pages']} | {r['pages_per_s']} | {r.get('scaling_vs_1', '')}"
                     f" | {r.get('coordinator_peak_rss_mb', '')} MB | {r.get('workers_peak_rss_sum_mb', '—')} MB"
                     f" | {r.get('database_mb', '—')} MB | {r.get('result_equals_local', '—')} |")
    return head + "\n".join(lines)


if __name__ == "__main__":
    main()
