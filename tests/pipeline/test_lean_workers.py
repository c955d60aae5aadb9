"""The scan's pool workers are spawned without re-running the main script: the console script imports the
whole CLI (click, SQLAlchemy, alembic…), which a worker never uses. A scan still works whichever way it is
started — the console script `govinspect` or `python -m govinspect` — with its workers doing the work."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.serve_city import CityInThread

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CONSOLE_SCRIPT = Path(sys.executable).parent / "govinspect"

# What the console script does at import (``from govinspect.cli import main``), then a pool, whose worker
# reports which modules it holds.
LIKE_THE_CONSOLE_SCRIPT = """
import sys
from govinspect.cli import main
from govinspect.pipeline.assess_in_pool import AssessPool

if __name__ == "__main__":
    assert "click" in sys.modules and sys.modules["__main__"].__file__
    with AssessPool(1) as pool:
        held = pool.executor.submit(eval, "sorted(__import__('sys').modules)").result(timeout=120)
    print(" ".join(held))
    assert sys.modules["__main__"].__file__        # put back after the launch
"""


def test_a_worker_does_not_import_what_the_main_script_imports(tmp_path: Path) -> None:
    script = tmp_path / "console_like.py"
    script.write_text(LIKE_THE_CONSOLE_SCRIPT, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True, timeout=180,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    held = set(out.stdout.split())
    assert "multiprocessing" in held                # the probe did run in a worker
    assert not held & {"click", "sqlalchemy", "alembic", "govinspect.cli"}, held


@pytest.mark.parametrize("entry", ["console script", "python -m"])
def test_a_scan_with_workers_runs_from_either_entry_point(tmp_path: Path, entry: str) -> None:
    if entry == "console script" and not CONSOLE_SCRIPT.exists():
        pytest.skip("govinspect is not installed as a console script in this environment")
    command = [str(CONSOLE_SCRIPT)] if entry == "console script" else [sys.executable, "-m", "govinspect"]
    city = build_city(seed=5, sites=3, pages_per_site=40, accounts=0)
    with CityInThread(city) as running:
        sites_csv, _ = city.write_registry(tmp_path)
        resolve = [f"--resolve={h}={ip}" for h, ips in running.resolve_map.items() for ip in ips]
        (tmp_path / "fast.toml").write_text("per_host_delay_s = 0.0\nper_host_connections = 8\n", encoding="utf-8")
        out = subprocess.run([*command, "-q", "--workspace", str(tmp_path / "ws"), "--config",
                              str(tmp_path / "fast.toml"), "scan", str(sites_csv), "--as-of", "2020-07-17",
                              "--only-mapped", *resolve, "--json", str(tmp_path / "result.json")],
                             check=False, capture_output=True, text=True, timeout=600, cwd=tmp_path,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    sites = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["sites"]
    assert len(sites) == 3
    for site in sites:       # judged by the workers (3 sites: two workers), none lost to a dead worker
        assert site["result"] in {"合格", "不合格"}, (site["site_code"], site.get("not_assessed_reason"))
        assert "进程异常退出" not in (site.get("not_assessed_reason") or "")


# What a pool worker does: import the page reader, receive a gathered site (pickled), assess it.
LIKE_A_WORKER = """
import pickle, sys
import govinspect.gather.read_page
from govinspect.pipeline.assess_in_pool import understand_and_assess
work = pickle.loads(sys.stdin.buffer.read())
done = understand_and_assess(work, packed=True)
assert done.packed and done.entry["site_code"] == "4212000001"
print(" ".join(sorted(sys.modules)))
"""


def test_a_worker_does_not_import_the_crawler(tmp_path: Path) -> None:
    """aiohttp, tldextract (with requests) and the HTTP client weigh ~18 MB and 0.4 s of start-up in every
    worker, and a worker only reads pages it is given: receiving a gathered site must not import them."""
    import pickle
    from datetime import date

    from govinspect.gather.gather_outcome import GatherOutcome
    from govinspect.model.records import SiteRecord
    from govinspect.pipeline.assess_in_pool import SiteWork
    from govinspect.scoring.rulebook import load_rulebook

    site = SiteRecord("4212000001", "咸宁市人民政府", "http://www.xianning.gov.cn/")
    work = SiteWork(site=site, as_of=date(2020, 7, 17), rulebook=load_rulebook("national-2019"),
                    outcome=GatherOutcome(site=site, errors=["首页无法打开"]))
    out = subprocess.run([sys.executable, "-c", LIKE_A_WORKER], input=pickle.dumps(work), check=False,
                         capture_output=True, timeout=180, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-2000:]
    held = set(out.stdout.decode().split())
    assert "govinspect.checks.run_checks" in held      # the site was assessed
    assert not held & {"aiohttp", "tldextract", "requests", "govinspect.gather.http_client",
                       "govinspect.gather.gather_site", "sqlalchemy"}, sorted(held & {"aiohttp", "tldextract"})
