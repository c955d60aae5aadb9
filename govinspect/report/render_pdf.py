"""The 通报 as PDF: WeasyPrint, A4 公文 layout, real CJK fonts; a large notice is laid out on two cores.

WeasyPrint lays a table out at ≈0.5 ms a cell on one core, and a 500-site notice has thousands of cells.
Every annex starts a new page, so the notice can be cut between two annexes without changing a single
page: the two halves (about equal work) are laid out in two forked processes, the second without page
numbers. Then the second half's numbers ("— n —", counting on from the first half) are laid out on empty
pages of the same @page box and stamped onto its pages, and the halves are joined (pypdf). A test checks
that the joined PDF has the same pages, text and numbers as the one laid out in a single pass.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Self

from govinspect.die_with_parent import die_with_parent
from govinspect.report.annex_tables import AnnexTable
from govinspect.report.notice_prose import Paragraph
from govinspect.report.pdf_fonts import require_weasyprint
from govinspect.report.render_html import html_text

# Below this estimated work (in table cells) one process is quicker than forking two and joining.
SPLIT_MIN_CELLS = 1500
CHARS_PER_CELL = 33        # measured: layout time ≈ cells + characters / 33 (500-site notice, WeasyPrint 70)
NOTICE_CELLS = 100         # the prose pages before the annexes


def _offline_url_fetcher() -> Any:
    """Offline: the notice embeds everything; a URL that slipped into the HTML is never fetched."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before the URLFetcher class: a function fetcher
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"offline: not fetching {url}")
            return default_url_fetcher(url, *args, **kwargs)
        return fetch
    return URLFetcher(allowed_protocols=("data",))


def _weasyprint_html() -> Any:
    require_weasyprint()
    from weasyprint import HTML
    return HTML


def _write(html: str, out: Path) -> int:
    """Lays ``html`` out, writes the PDF and returns its number of pages."""
    document = _weasyprint_html()(string=html, url_fetcher=_offline_url_fetcher()).render()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(out)
    return len(document.pages)


def render_pdf(facts: dict[str, Any], paragraphs: list[Paragraph], annexes: list[AnnexTable], out: Path) -> Path:
    """The whole notice in one pass (fonts resolve through fontconfig, scripts/install_fonts.sh;
    render_report.py has checked every character has a glyph: pdf_fonts.py)."""
    _write(html_text(facts, paragraphs, annexes, [], for_print=True), out)
    return out


def write_part(facts: dict[str, Any], paragraphs: list[Paragraph], annexes: list[AnnexTable], first_annex: int,
               page_numbers: bool, out: Path) -> int:
    return _write(html_text(facts, paragraphs, annexes, [], for_print=True, first_annex=first_annex,
                            page_numbers=page_numbers), out)


def _cost(table: AnnexTable) -> float:
    return sum(len(r.cells) + sum(len(c) for c in r.cells) / CHARS_PER_CELL if r.cells else 1 for r in table.rows)


def split_point(annexes: list[AnnexTable], min_cells: float | None = None) -> int:
    """The annex index that cuts the notice into two halves of the most equal work; 0: do not cut."""
    if len(annexes) < 2 or not _can_join():
        return 0
    costs = [NOTICE_CELLS + _cost(annexes[0])] + [_cost(t) for t in annexes[1:]]
    total = sum(costs)
    if total < (SPLIT_MIN_CELLS if min_cells is None else min_cells):
        return 0
    best = min(range(1, len(annexes)), key=lambda k: abs(total - 2 * sum(costs[:k])))
    return best


def _can_join() -> bool:
    try:
        import pypdf  # noqa: F401  (the pdf extra)
    except ImportError:
        return False
    return True


def join_parts(first: Path, first_pages: int, second: Path, second_pages: int, facts: dict[str, Any],
               out: Path) -> Path:
    """Stamps page numbers first_pages+1… onto the second part and appends it to the first."""
    from pypdf import PdfReader, PdfWriter

    stamps = first.with_name("numbers.pdf")
    _write(html_text(facts, [], [], [], for_print=True, stamp_pages=second_pages, first_page=first_pages + 1),
           stamps)
    writer = PdfWriter(clone_from=first)     # keeps the first part's metadata and bookmarks
    writer.append(second)                    # and the second part's bookmarks after them
    numbers = PdfReader(stamps).pages
    if len(numbers) != second_pages or len(writer.pages) != first_pages + second_pages:
        raise RuntimeError(f"PDF 分段合并页数不符：{first_pages}+{second_pages}，页码页 {len(numbers)}")
    for i, stamp in enumerate(numbers):
        page = writer.pages[first_pages + i]
        page.merge_page(stamp)
        page.compress_content_streams()
    tmp = out.with_name(f".{out.name}.part")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, out)
    return out


class PdfInBackground:
    """Lays the PDF out in forked processes while the caller writes the other formats; ``result()``
    waits (and joins the halves of a cut notice). Use as a context manager so the pool always ends."""

    def __init__(self, facts: dict[str, Any], paragraphs: list[Paragraph], annexes: list[AnnexTable],
                 out: Path, cores: int) -> None:
        self._facts, self._out = facts, out
        cut = split_point(annexes) if cores > 1 else 0
        self._pool = ProcessPoolExecutor(2 if cut else 1, mp_context=multiprocessing.get_context("fork"),
                                         initializer=die_with_parent)   # no orphans (issue 17)
        self._tmp: Path | None = None
        if cut:
            self._tmp = Path(tempfile.mkdtemp(prefix="govinspect-pdf-"))
            self._parts = [self._tmp / "1.pdf", self._tmp / "2.pdf"]
            self._jobs = [self._pool.submit(write_part, facts, paragraphs, annexes[:cut], 1, True, self._parts[0]),
                          self._pool.submit(write_part, facts, [], annexes[cut:], cut + 1, False, self._parts[1])]
        else:
            self._jobs = [self._pool.submit(render_pdf, facts, paragraphs, annexes, out)]

    def result(self) -> Path:
        if len(self._jobs) == 1:
            return self._jobs[0].result()
        first_pages, second_pages = (job.result() for job in self._jobs)
        return join_parts(self._parts[0], first_pages, self._parts[1], second_pages, self._facts, self._out)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
