"""Inline SVG charts for the HTML 通报 (no script, no CDN). Every label is escaped: region and unit
names come from registries and crawled pages."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from govinspect.model.result import Verdict
from govinspect.report.percent import percent_value, plain_decimal

BAR_COLOUR = "#b22222"
GRID_COLOUR = "#dddddd"
SCORE_BINS = (("<60", None, 60), ("60–69.9", 60, 70), ("70–79.9", 70, 80), ("80–89.9", 80, 90),
              ("90–99.9", 90, 100), ("≥100", 100, None))


def _frame(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="13"><title>{escape(title)}</title>'
        f'<text x="{width // 2}" y="18" text-anchor="middle" font-weight="bold">{escape(title)}</text>'
        + "".join(body) + "</svg>")


def horizontal_rate_bars(title: str, rows: list[tuple[str, int, int]]) -> Markup:
    """One bar per region: 合格率 = passed/assessed, labelled with the printed percentage and counts."""
    label_w, bar_w, row_h, top = 150, 360, 26, 32
    height = top + row_h * len(rows) + 24
    body = []
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        body.append(f'<line x1="{x}" y1="{top - 4}" x2="{x}" y2="{height - 20}" stroke="{GRID_COLOUR}"/>'
                    f'<text x="{x}" y="{height - 6}" text-anchor="middle" fill="#666">{tick}%</text>')
    for i, (label, passed, assessed) in enumerate(rows):
        y = top + i * row_h
        value = percent_value(passed, assessed)
        width = float(value or 0) / 100 * bar_w
        shown = "—" if value is None else f"{plain_decimal(value)}%（{passed}/{assessed}）"
        body.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
                    f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{row_h - 8}" fill="{BAR_COLOUR}"/>'
                    f'<text x="{label_w + width + 6:.1f}" y="{y + 17}">{escape(shown)}</text>')
    return _frame(label_w + bar_w + 130, height, title, body)


def score_bins(sites: list[dict[str, Any]]) -> list[tuple[str, int]]:
    bins = []
    for label, low, high in SCORE_BINS:
        n = sum(1 for s in sites if s["score"] is not None and not s["vetoes"] and s["result"] != Verdict.NOT_ASSESSED
                and (low is None or s["score"] >= low) and (high is None or s["score"] < high))
        bins.append((label, n))
    bins.append(("单项否决", sum(1 for s in sites if s["vetoes"])))
    bins.append((Verdict.NOT_ASSESSED.value, sum(1 for s in sites if s["result"] == Verdict.NOT_ASSESSED)))
    return bins


def column_chart(title: str, bins: list[tuple[str, int]]) -> Markup:
    """Score distribution: one column per band, the count on top."""
    col_w, gap, plot_h, top, left = 56, 14, 180, 36, 30
    peak = max((n for _, n in bins), default=0) or 1
    width = left + len(bins) * (col_w + gap) + 10
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#333"/>']
    for i, (label, n) in enumerate(bins):
        h = plot_h * Decimal(n) / Decimal(peak)
        x = left + i * (col_w + gap)
        body.append(f'<rect x="{x}" y="{top + plot_h - h:.1f}" width="{col_w}" height="{h:.1f}" fill="{BAR_COLOUR}"/>'
                    f'<text x="{x + col_w / 2}" y="{top + plot_h - h - 4:.1f}" text-anchor="middle">{n}</text>'
                    f'<text x="{x + col_w / 2}" y="{top + plot_h + 16}" text-anchor="middle">{escape(label)}</text>')
    return _frame(width, top + plot_h + 28, title, body)


def region_rates(units: list[dict[str, Any]], regions: list[str]) -> list[tuple[str, int, int]]:
    rows = []
    for region in regions:
        assessed = [u for u in units if u["region"] == region and u["result"] != Verdict.NOT_ASSESSED]
        rows.append((region, sum(1 for u in assessed if u["result"] == Verdict.QUALIFIED), len(assessed)))
    return rows
