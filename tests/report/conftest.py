"""Report fixtures: the fixed result (tests/report/fixtures) rendered once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from govinspect.model.result import load_result
from govinspect.report.render_report import render_report

FIXTURES = Path(__file__).parent / "fixtures"
CURRENT = FIXTURES / "result_2020q3.json"
PREVIOUS = FIXTURES / "result_2020q2.json"
OPTIONS = {
    "previous": str(PREVIOUS), "date": "2020年7月23日", "deadline": "2020年8月15日",
    "contacts": "市政府办公室信息与法规科王威，电话8126116",
    "annexes": ("scores", "register", "serious", "account_stats", "account_list", "account_exceptions",
                "not_assessed"),
}


@pytest.fixture(scope="session")
def current() -> dict:
    return load_result(CURRENT)


@pytest.fixture(scope="session")
def previous() -> dict:
    return load_result(PREVIOUS)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    paths = render_report(CURRENT, "docx,xlsx,html,pdf", out, OPTIONS)
    return {p.suffix.lstrip("."): p for p in paths}
