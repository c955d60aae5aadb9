"""The summary printed after scan / rescore / demo, in a 100-column terminal (COLUMNS=100): every unit
name whole (wrapped inside its column, never cut with "…"), the rulebook by its Chinese name, and the
totals one line per kind of unit, never broken mid-phrase."""
from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from govinspect.cli.print_summary import print_result_summary
from govinspect.model.result import build_result

NAMES = ["咸安区人民政府", "咸宁市人民政府门户网站", "咸宁市发展和改革委员会（市粮食局、市物价局）",
         "咸宁市城市管理执法委员会", "通城县人民政府", "赤壁市人民政府"]


def _result() -> dict:
    sites = [{"name": n, "region": "市直" if i < 4 else n[:3], "site_code": f"42{i:08d}", "result": "合格",
              "score": 95 - i} for i, n in enumerate(NAMES)]
    sites[0].update(result="不合格", score=None, vetoes=["hidden_spam_links"], veto_rules=["V1"])
    sites[5].update(result="未能检测", score=None, not_assessed_reason="网站拒绝访问")
    accounts = [{"name": f"账号{i}", "platform": "微信", "organizer": "某局", "region": "市直",
                 "result": "不合格" if i == 0 else "合格"} for i in range(12)]
    return build_result(as_of="2020-07-17", rulebook={"id": "national-2019", "title": "政府网站与政务新媒体检查指标",
                                                      "vetoes": {"V1": {"title": "安全、泄密事故等严重问题"}}},
                        sites=sites, accounts=accounts, tool_version="t")


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("COLUMNS", "100")
    buffer = io.StringIO()
    console = Console(file=buffer, color_system=None)       # width from COLUMNS, as in a terminal
    assert console.width == 100
    print_result_summary(console, _result())
    return buffer.getvalue().splitlines()


def _column(lines: list[str], index: int) -> str:
    """The text of one table column, its wrapped pieces joined in order."""
    return "".join(line.split("│")[index].strip() for line in lines if line.startswith("│"))


def test_unit_names_are_whole_at_100_columns(printed: list[str]) -> None:
    assert max(cell_len(line) for line in printed) <= 100
    assert not any("…" in line for line in printed), "\n".join(printed)
    names = _column(printed, 1)
    for name in NAMES:
        assert name in names, (name, names)
    long_rows = [line for line in printed if line.startswith("│") and "咸宁市发展和改革" in line]
    assert long_rows, "the long name is wrapped onto more lines, not cut"


def test_vetoes_and_rulebook_are_named_in_chinese(printed: list[str]) -> None:
    assert "安全、泄密事故等严重问题" in _column(printed, 5)
    assert any("政府网站与政务新媒体检查指标" in line for line in printed)
    assert not any("national-2019" in line or "hidden_spam_links" in line for line in printed)


def test_totals_are_whole_lines(printed: list[str]) -> None:
    assert "网站 6 个：合格 4，不合格 1，未能检测 1" in printed
    assert "政务新媒体 12 个：合格 11，不合格 1，未能检测 0" in printed
