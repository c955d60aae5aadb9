"""The CLI end to end on a demo site over loopback: scan → rescore with decisions → report."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.serve_city import CityInThread

pytestmark = pytest.mark.slow


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govinspect", "-q", "--workspace", str(cwd / "ws"), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def test_scan_rescore_report_from_the_command_line(tmp_path: Path) -> None:
    city = build_city(seed=3, sites=2, pages_per_site=30, accounts=0)
    with CityInThread(city) as running:
        site = city.sites[0]
        resolve = [f"--resolve={h}={ip}" for h, ips in running.resolve_map.items() for ip in ips]
        out = run_cli("scan", running.base_url(site), "--as-of", "2020-07-17", "--json", "r.json",
                      "--only-mapped", *resolve, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    entry = result["sites"][0]
    assert entry["result"] in ("合格", "不合格") and entry["url"] == running.base_url(site)
    assert "运行编号" in out.stdout

    fails = [f for f in entry["findings"] if f["status"] == "fail" and not f.get("veto") and f.get("deduction")]
    if entry["score"] is not None and fails:
        target = fails[0]
        (tmp_path / "d.yaml").write_text(
            f"- action: dismiss\n  unit: \"{entry['site_code']}\"\n  fingerprint: \"{target['fingerprint']}\"\n"
            f"  reason: 复核确认为误报\n  who: 测试\n", encoding="utf-8")
        re = run_cli("rescore", "r.json", "--decisions", "d.yaml", "--json", "r2.json", cwd=tmp_path)
        assert re.returncode == 0, re.stderr
        rescored = json.loads((tmp_path / "r2.json").read_text(encoding="utf-8"))["sites"][0]
        assert rescored["score"] == pytest.approx(entry["score"] + target["deduction"], abs=0.01)

    rep = run_cli("report", "r.json", "--format", "docx,xlsx,html", "--out", "out", "--deadline", "2020年8月15日",
                  "--contacts", "市政府办公室，联系电话：8126116", cwd=tmp_path)
    assert rep.returncode == 0, rep.stderr
    produced = sorted(p.suffix for p in (tmp_path / "out").iterdir())
    assert produced == [".docx", ".html", ".xlsx"]
    html = (tmp_path / "out" / next(p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".html")
            ).read_text(encoding="utf-8")
    assert site.name in html and "2020年8月15日" in html and "8126116" in html


def test_bad_resolve_value_is_explained(tmp_path: Path) -> None:
    out = run_cli("scan", "http://www.a.gov.cn/", "--resolve", "nonsense", cwd=tmp_path)
    assert out.returncode != 0 and "格式应为" in out.stderr and "Traceback" not in out.stderr
