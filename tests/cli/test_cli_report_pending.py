"""`govinspect report` warns on stderr when the result still has undecided needs_review findings
(the 通报 is then a draft); the exit code stays 0, and a reviewed result gets no warning."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parents[1] / "report" / "fixtures" / "result_2020q3.json"


def run_report(result: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govinspect", "report", str(result), "--format", "html",
                           "--out", "out", "--date", "2020年7月23日"], check=False, cwd=cwd,
                          capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_pending_review_is_a_warning_on_stderr_with_exit_0(tmp_path: Path) -> None:
    raw = json.loads(FIXTURE.read_text("utf-8"))
    raw["accounts"][0]["findings"].append({"check": "account_wording_errors", "subject": "国务院总里",
                                           "status": "needs_review", "fingerprint": "x1"})
    (tmp_path / "r.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = run_report(tmp_path / "r.json", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "警告：1家网站、1个政务新媒体（共2个单位）尚有待人工判定的问题" in out.stderr
    assert "1个政务新媒体可能被单项否决" in out.stderr          # 严重表述错误 is an account veto
    assert "警告" not in out.stdout and "已生成" in out.stdout
    html = next((tmp_path / "out").glob("*.html")).read_text("utf-8")
    assert "本通报为草稿：1家网站、1个政务新媒体尚有待人工判定的问题" in html


def test_reviewed_result_has_no_warning(tmp_path: Path) -> None:
    raw = json.loads(FIXTURE.read_text("utf-8"))
    for unit in raw["sites"] + raw["accounts"]:
        for f in unit.get("findings") or []:
            if f["status"] == "needs_review":          # as a reviewer's dismissal leaves it
                f["status"] = "not_applicable"
    (tmp_path / "r.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = run_report(tmp_path / "r.json", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "警告" not in out.stderr and "待人工判定" not in out.stderr
    html = next((tmp_path / "out").glob("*.html")).read_text("utf-8")
    assert "本通报为草稿" not in html and "待复核" not in html
