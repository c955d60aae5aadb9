"""`govinspect report --issuer … --date …` (and the same keys in the options YAML) sign the notice; without
a date the 成文日期 is left blank for the signer — never silently the machine's date — and the CLI says so."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from docx import Document

from govinspect.report.options import cn_date

FIXTURE = Path(__file__).parents[1] / "report" / "fixtures" / "result_2020q3.json"


def run_report(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "govinspect", "-q", "--workspace", str(tmp_path / "ws"), "report",
                           str(FIXTURE), "--format", "docx", "--out", str(out), *args],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False)
    paragraphs = [p.text.strip() for p in Document(str(next(out.glob("*.docx")))).paragraphs] if out.exists() else []
    return proc, paragraphs


def _signature(paragraphs: list[str]) -> list[str]:
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("附件1"))
    return [p for p in paragraphs[:end] if p][-2:]


def test_issuer_and_date_from_the_command_line(tmp_path: Path) -> None:
    proc, paragraphs = run_report(tmp_path, "--issuer", "咸宁市人民政府办公室", "--date", "2020-07-29")
    assert proc.returncode == 0, proc.stderr
    assert _signature(paragraphs) == ["咸宁市人民政府办公室", "2020年7月29日"]
    assert "未指定成文日期" not in proc.stderr


def test_issuer_and_date_from_the_options_file(tmp_path: Path) -> None:
    (tmp_path / "o.yaml").write_text("issuer: 宜昌市人民政府办公室\ndate: 2020-08-03\n", encoding="utf-8")
    proc, paragraphs = run_report(tmp_path, "--options", str(tmp_path / "o.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert _signature(paragraphs) == ["宜昌市人民政府办公室", "2020年8月3日"]


def test_without_a_date_it_is_left_blank_and_said(tmp_path: Path) -> None:
    proc, paragraphs = run_report(tmp_path)
    assert proc.returncode == 0, proc.stderr
    office, blank = _signature(paragraphs)
    assert office == "市人民政府办公室" and blank.replace("\u3000", "") == "年月日"
    assert cn_date(date.today()) not in "\n".join(paragraphs)
    assert "未指定成文日期" in proc.stderr and "--date" in proc.stderr


def test_a_bad_date_is_a_chinese_error(tmp_path: Path) -> None:
    proc, paragraphs = run_report(tmp_path, "--date", "2020-13-45")
    assert proc.returncode != 0 and not paragraphs
    assert "成文日期“2020-13-45”无法识别" in " ".join(proc.stderr.split()) and "Traceback" not in proc.stderr
