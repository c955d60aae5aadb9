"""Golden tests: the fixed result rendered to each format, compared as normalised text and structure.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/report/test_golden.py`` and
review the diff of tests/report/golden/.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from . import normalise

GOLDEN = Path(__file__).parent / "golden"
VIEWS = {"docx": normalise.docx_view, "xlsx": normalise.xlsx_view, "html": normalise.html_view,
         "pdf": normalise.pdf_view}


@pytest.mark.parametrize("fmt", list(VIEWS))
def test_rendered_format_matches_golden(fmt, rendered):
    view = VIEWS[fmt](rendered[fmt])
    golden = GOLDEN / f"notice.{fmt}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(view, "utf-8")
    expected = golden.read_text("utf-8")
    if view != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), view.splitlines(True), "golden", fmt, n=1))
        pytest.fail(f"{fmt} differs from {golden.name}:\n{diff[:4000]}")


def test_all_formats_carry_the_same_annex_rows(rendered):
    """docx, html and xlsx print the same score table rows (the shared annex model)."""
    docx = normalise.docx_view(rendered["docx"])
    html = normalise.html_view(rendered["html"])
    xlsx = normalise.xlsx_view(rendered["xlsx"])
    for row in ("咸宁市教育局", "单项否决", "87.5", "未能检测", "监测时间点前2周内无更新（无更新）"):
        assert row in docx and row in html and row in xlsx, row
