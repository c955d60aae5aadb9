"""The PDF laid out in two forked processes and joined is the same document as the one laid out in one
pass: same pages, same text on each page, page numbers counting on across the join, same bookmarks."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from govinspect.report import render_pdf as module
from govinspect.report.annex_tables import AnnexTable, Row
from govinspect.report.render_report import _can_fork, render_report

from .conftest import CURRENT, OPTIONS
from .normalise import pdf_pages, pdf_view

GOLDEN = Path(__file__).parent / "golden" / "notice.pdf.txt"


def _outline(reader: PdfReader) -> list:
    def flat(items):
        return [flat(i) if isinstance(i, list) else i.title for i in items]
    return flat(reader.outline)


@pytest.fixture
def joined(tmp_path, monkeypatch):
    """The fixed notice cut in two whatever its size; records the cut the parent made."""
    assert _can_fork(), "CI machines have two cores: the parallel path must run here"
    monkeypatch.setattr(module, "SPLIT_MIN_CELLS", 0)
    calls = []
    real_join = module.join_parts

    def spy(first, first_pages, second, second_pages, facts, out):
        calls.append((first_pages, second_pages))
        return real_join(first, first_pages, second, second_pages, facts, out)

    monkeypatch.setattr(module, "join_parts", spy)
    (pdf,) = render_report(CURRENT, "pdf", tmp_path / "joined", OPTIONS)
    assert len(calls) == 1 and all(n > 0 for n in calls[0]), calls
    return pdf, calls[0]


def test_joined_pdf_equals_the_single_pass_golden(joined, tmp_path):
    pdf, (first_pages, second_pages) = joined
    assert pdf_view(pdf) == GOLDEN.read_text("utf-8")
    pages = pdf_pages(pdf)
    assert len(pages) == first_pages + second_pages
    for n, text in enumerate(pages, 1):          # "— n —" on every page, across the join
        assert re.findall(r"—(\d+)—", text) == [str(n)], (n, text[-40:])
    single = tmp_path / "single"
    single_pdf = module.render_pdf(*_notice_parts(), single / "n.pdf")
    assert _outline(PdfReader(pdf)) == _outline(PdfReader(single_pdf))
    assert PdfReader(pdf).metadata.title == PdfReader(single_pdf).metadata.title
    assert not list(pdf.parent.glob(".*.part")), "temporary file left beside the PDF"


def _notice_parts():
    """facts, paragraphs and printed annexes of the fixed notice, as render_report builds them."""
    from govinspect.report import render_report as rr
    captured = {}

    def keep(facts, paragraphs, annexes, out):
        captured.update(facts=facts, paragraphs=paragraphs, annexes=annexes)
        return out
    import unittest.mock as mock
    with mock.patch.object(rr, "render_pdf", keep), mock.patch.object(rr, "_can_fork", lambda: False):
        rr.render_report(CURRENT, "pdf", Path("/nonexistent-never-written"), OPTIONS)
    return captured["facts"], captured["paragraphs"], captured["annexes"]


def test_the_cut_balances_the_work_and_small_notices_are_not_cut():
    def table(rows: int, cols: int = 5) -> AnnexTable:
        return AnnexTable("t", "t", ["c"] * cols, [1] * cols, [Row(["单位名称"] * cols) for _ in range(rows)])

    assert module.split_point([table(300), table(100), table(420)], min_cells=0) == 2
    assert module.split_point([table(40), table(400)], min_cells=0) == 1
    assert module.split_point([table(900)], min_cells=0) == 0                   # one annex: nothing to cut
    assert module.split_point([table(20), table(20)]) == 0                      # below SPLIT_MIN_CELLS
    assert module.split_point([table(400), table(400)]) == 1
