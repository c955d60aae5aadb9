"""Load on the review dashboard: N concurrent reviewers against a real `govinspect serve` on loopback.

Each reviewer logs in with an account of its own, then loops until the deadline: the runs list, the run,
a random site's page, and a posted decision (a manual finding; every other one the htmx way). Every
answer is checked (status, and for htmx that the panel came back without an error); afterwards the
decisions in the store are counted per reviewer against those the server acknowledged — none may be lost.

    python bench/load/dashboard_load.py --db sqlite:////tmp/load.db --reviewers 50 --duration 120
    python bench/load/dashboard_load.py --db postgresql://postgres@127.0.0.1:5433/load --reviewers 50 --duration 120

The database must be empty (it is seeded here: a synthetic run of --sites sites and --accounts accounts).
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import httpx2

from govinspect.model.records import SiteRecord
from govinspect.store import Store
from govinspect.web.manage_users import create_user

ROOT = Path(__file__).resolve().parents[2]
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "Load-test-pass-1"


def _large_result(sites: int, accounts: int) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("make_large_result", ROOT / "bench/report/make_large_result.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.large_result(sites, accounts)


async def seed(db_url: str, reviewers: int, sites: int, accounts: int) -> tuple[str, list[str]]:
    result = _large_result(sites, accounts)
    run_id = "load-" + result.get("run_id", "run")
    store = await Store.open(db_url)
    try:
        if await store.list_runs():
            raise SystemExit("the database is not empty: give the load test a fresh one")
        await store.upsert_sites([SiteRecord(site_code=s["site_code"], name=s["name"], url=s["url"],
                                             organizer=s.get("organizer", ""), is_portal=s["is_portal"],
                                             region=s["region"], has_services=s.get("has_services", True))
                                  for s in result["sites"]])
        await store.create_run(run_id, date.fromisoformat(result["as_of"]), result["rulebook"]["id"], {"load": True})
        await store.finish_run(run_id, {**result, "run_id": run_id})
        for i in range(reviewers):
            await create_user(store, f"reviewer{i:02d}", PASSWORD, "reviewer")
    finally:
        await store.close()
    return run_id, [s["site_code"] for s in result["sites"]]


def start_server(db_url: str, workspace: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(workspace / "serve.log", "w")  # noqa: SIM115 - kept open for the server's lifetime
    proc = subprocess.Popen([sys.executable, "-m", "govinspect", "--db", db_url, "--workspace", str(workspace), "-q",
                             "serve", "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=log)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"govinspect serve did not start; see {workspace / 'serve.log'}")


class Tally:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.error_samples: list[str] = []
        self.acknowledged: Counter[str] = Counter()      # decisions the server said it saved, per reviewer

    async def call(self, kind: str, request: Any, ok: Any) -> httpx2.Response | None:
        """Await the (not yet started) request coroutine, timing it; ``ok`` judges the answer."""
        t0 = time.perf_counter()
        try:
            r = await request
        except httpx2.HTTPError as exc:
            self._error(kind, f"{type(exc).__name__}: {exc}")
            return None
        self.latency[kind].append(time.perf_counter() - t0)
        if not ok(r):
            self._error(kind, f"{r.status_code}: {r.text[:200]}")
            return None
        return r

    def _error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 10:
            self.error_samples.append(f"{kind} {what}")


async def reviewer(i: int, base: str, run_id: str, sites: list[str], deadline: float, tally: Tally,
                   think: float) -> None:
    rng = random.Random(i)
    name = f"reviewer{i:02d}"
    async with httpx2.AsyncClient(base_url=base, timeout=60, follow_redirects=False) as c:
        page = await tally.call("login", c.get("/login"), lambda r: r.status_code == 200)
        if page is None:
            return
        login = await tally.call("login", c.post("/login", data={
            "username": name, "password": PASSWORD, "csrf_token": CSRF_RE.search(page.text).group(1)}),
            lambda r: r.status_code == 303)
        if login is None:
            return
        token = ""
        n = 0
        while time.monotonic() < deadline:
            runs = await tally.call("runs", c.get("/runs"), lambda r: r.status_code == 200)
            if runs is not None:
                token = CSRF_RE.search(runs.text).group(1)
            await tally.call("run", c.get(f"/runs/{run_id}"),
                             lambda r: r.status_code == 200 and run_id in r.text)
            code = rng.choice(sites)
            await tally.call("site", c.get(f"/runs/{run_id}/sites/{code}"),
                             lambda r, code=code: r.status_code == 200 and code in r.text)
            n += 1
            htmx = n % 2 == 0
            form = {"key": code, "action": "add", "subject": f"首页>负载{n}", "message": f"{name} 第{n}条人工问题",
                    "csrf_token": token}
            headers = {"HX-Request": "true"} if htmx else {}
            mark = f"第{n}条人工问题" if htmx else ""         # htmx: the panel must show the new finding
            done = await tally.call("decision", c.post(f"/runs/{run_id}/review/site", data=form, headers=headers),
                                    lambda r, mark=mark: r.status_code == 200 and mark in r.text if mark
                                    else r.status_code == 303)
            if done is not None:
                tally.acknowledged[name] += 1
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def stored_decisions(db_url: str) -> Counter[str]:
    store = await Store.open(db_url)
    try:
        return Counter(d["who"] for d in await store.list_decisions())
    finally:
        await store.close()


async def run_load(db_url: str, *, reviewers: int = 50, duration: float = 120, sites: int = 100,
                   accounts: int = 300, think: float = 0.5, workspace: Path | None = None) -> dict[str, Any]:
    workspace = workspace or Path(tempfile.mkdtemp(prefix="govinspect-load-"))
    run_id, codes = await seed(db_url, reviewers, sites, accounts)
    proc, base = start_server(db_url, workspace)
    tally = Tally()
    try:
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(*(reviewer(i, base, run_id, codes, deadline, tally, think) for i in range(reviewers)))
        elapsed = time.monotonic() - started
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    stored = await stored_decisions(db_url)
    lost = {who: n - stored.get(who, 0) for who, n in tally.acknowledged.items() if n != stored.get(who, 0)}
    extra = {who: n for who, n in stored.items() if who not in tally.acknowledged}
    return {
        "backend": "postgresql" if db_url.startswith("postgres") else "sqlite",
        "reviewers": reviewers, "duration_s": round(elapsed, 1), "think_s": think, "sites": sites,
        "requests": sum(len(v) for v in tally.latency.values()),
        "requests_per_s": round(sum(len(v) for v in tally.latency.values()) / elapsed, 1),
        "latency_ms": {k: {"n": len(v), "p50": round(percentile(v, 0.5) * 1000, 1),
                           "p95": round(percentile(v, 0.95) * 1000, 1), "max": round(max(v) * 1000, 1),
                           "mean": round(statistics.fmean(v) * 1000, 1)}
                       for k, v in sorted(tally.latency.items())},
        "all_p50_ms": round(percentile([x for v in tally.latency.values() for x in v], 0.5) * 1000, 1),
        "all_p95_ms": round(percentile([x for v in tally.latency.values() for x in v], 0.95) * 1000, 1),
        "errors": dict(tally.errors), "error_samples": tally.error_samples,
        "decisions_acknowledged": sum(tally.acknowledged.values()), "decisions_stored": sum(stored.values()),
        "decisions_lost": lost, "decisions_unexpected": extra,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="an EMPTY workspace database (sqlite:///… or postgresql://…)")
    ap.add_argument("--reviewers", type=int, default=50)
    ap.add_argument("--duration", type=float, default=120, help="seconds")
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--accounts", type=int, default=300)
    ap.add_argument("--think", type=float, default=0.5, help="mean pause between a reviewer's rounds, seconds")
    ap.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = ap.parse_args()
    report = asyncio.run(run_load(args.db, reviewers=args.reviewers, duration=args.duration, sites=args.sites,
                                  accounts=args.accounts, think=args.think))
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    ok = not report["errors"] and not report["decisions_lost"] and not report["decisions_unexpected"]
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
