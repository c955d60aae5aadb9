"""The 通报 as HTML: on screen with charts, and for print (render_pdf.py lays that out as A4 公文).

Jinja2 autoescaping is on: every crawled string (unit names, column paths, problem text) is escaped
exactly once, here; the facts and annex rows are plain text.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from govinspect.report import svg_charts
from govinspect.report.annex_tables import AnnexTable
from govinspect.report.notice_facts import region_order
from govinspect.report.notice_prose import Paragraph
from govinspect.report.options import ReportOptions
from govinspect.report.render_docx import WIDE_COLUMNS


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    source = resources.files("govinspect.report").joinpath("templates/notice.html.j2").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.from_string(source)


def charts(result: dict[str, Any], options: ReportOptions) -> list[Any]:
    out = []
    if result["sites"]:
        regions = region_order(result["sites"], options)
        out.append(svg_charts.horizontal_rate_bars("各地区政府网站合格率",
                                                   svg_charts.region_rates(result["sites"], regions)))
        out.append(svg_charts.column_chart("政府网站得分分布（家）", svg_charts.score_bins(result["sites"])))
    if result["accounts"]:
        regions = region_order(result["accounts"], options)
        out.append(svg_charts.horizontal_rate_bars("各地区政务新媒体合格率",
                                                   svg_charts.region_rates(result["accounts"], regions)))
    return out


CLOSING = ("annex", "annex2", "sig")


def closing_start(paragraphs: list[Paragraph]) -> int | None:
    """Index (among the non-signature paragraphs) of the last paragraph of text before the 附件 list and
    the signature: from there on the print layout keeps everything on one page."""
    text = [p for p in paragraphs if p.style != "sig"]
    body = [i for i, p in enumerate(text) if p.style not in CLOSING]
    return body[-1] if body and any(p.style in CLOSING for p in paragraphs) else None


def html_text(facts: dict[str, Any], paragraphs: list[Paragraph], annexes: list[AnnexTable],
              chart_svgs: list[Any], for_print: bool, *, first_annex: int = 1, page_numbers: bool = True,
              stamp_pages: int = 0, first_page: int = 1) -> str:
    """The notice as one HTML document. For the PDF laid out in parts (render_pdf.py): ``first_annex``
    numbers the annexes of a later part, ``page_numbers`` off leaves the footer blank, and ``stamp_pages``
    makes a document of that many empty pages carrying only the footer numbers from ``first_page`` on."""
    return _template().render(facts=facts, paragraphs=paragraphs, annexes=annexes, charts=chart_svgs,
                              closing_from=closing_start(paragraphs),
                              for_print=for_print, wide=WIDE_COLUMNS, first_annex=first_annex,
                              page_numbers=page_numbers, stamp_pages=stamp_pages, first_page=first_page)


def render_html(facts, paragraphs, annexes, chart_svgs, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html_text(facts, paragraphs, annexes, chart_svgs, for_print=False), encoding="utf-8")
    return out
