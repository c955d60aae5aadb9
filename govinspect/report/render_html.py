"""The 通报 as HTML (screen, with charts) and as PDF (WeasyPrint, A4 公文 layout, real CJK fonts).

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


def html_text(facts: dict[str, Any], paragraphs: list[Paragraph], annexes: list[AnnexTable],
              chart_svgs: list[Any], for_print: bool) -> str:
    return _template().render(facts=facts, paragraphs=paragraphs, annexes=annexes, charts=chart_svgs,
                              for_print=for_print, wide=WIDE_COLUMNS)


def render_html(facts, paragraphs, annexes, chart_svgs, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html_text(facts, paragraphs, annexes, chart_svgs, for_print=False), encoding="utf-8")
    return out


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


def render_pdf(facts, paragraphs, annexes, out: Path) -> Path:
    """WeasyPrint (the optional ``pdf`` extra); fonts resolve through fontconfig (scripts/install_fonts.sh)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # pragma: no cover - OSError: pango missing (Debian libpango-1.0-0)
        raise RuntimeError("生成 PDF 需要 WeasyPrint 及其系统库：pip install 'govinspect[pdf]'，"
                           "并运行 scripts/install_system_deps.sh 安装 pango 与中文字体") from exc

    out.parent.mkdir(parents=True, exist_ok=True)
    html = html_text(facts, paragraphs, annexes, [], for_print=True)
    HTML(string=html, url_fetcher=_offline_url_fetcher()).write_pdf(out)
    return out
