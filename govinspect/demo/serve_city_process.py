"""Serve the demo city from a separate process (benchmarks: the server does not share the GIL).

    with CityInSubprocess(seed=7, sites=20, pages_per_site=1000) as running:
        running.port, running.resolve_map, running.city.ground_truth()

The child builds the same city from the same arguments (the generator is deterministic), so the
parent's ``running.city`` (bound to the child's port) renders the ground truth of what is served.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from govinspect.demo.build_city import build_city
from govinspect.demo.serve_city import RunningCity


class CityInSubprocess:
    def __init__(self, seed: int = 7, sites: int = 5, pages_per_site: int = 50, accounts: int = 20,
                 as_of: date = date(2020, 7, 17), defects: str = "all", port: int = 0,
                 skin_seed: int | None = None):
        self.args = {"seed": seed, "sites": sites, "pages_per_site": pages_per_site, "accounts": accounts,
                     "as_of": as_of, "defects": defects, "skin_seed": skin_seed}
        self.port = port
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> RunningCity:
        a = self.args
        cmd = [sys.executable, "-m", "govinspect.demo", "--seed", str(a["seed"]), "--sites", str(a["sites"]),
               "--pages", str(a["pages_per_site"]), "--accounts", str(a["accounts"]),
               "--as-of", a["as_of"].isoformat(), "--defects", a["defects"], "--port", str(self.port), "--json"]
        if a["skin_seed"] is not None:
            cmd += ["--skin-seed", str(a["skin_seed"])]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.kill()
            raise RuntimeError("演示城市子进程未能启动")
        ready = json.loads(line)
        city = build_city(**a)
        city.ipv6 = ready["ipv6"]
        city.bind(ready["port"])
        return RunningCity(city, "127.0.0.1", ready["port"], ready["ipv6"])

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
