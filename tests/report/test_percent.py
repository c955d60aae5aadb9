"""The one rounding rule of the notice (docs/report.md)."""
from __future__ import annotations

import pytest

from govinspect.report.percent import (
    cn_number,
    format_percent,
    format_points,
    format_score,
    percent_value,
    points_change,
)


@pytest.mark.parametrize("n, d, printed", [
    (34, 35, "97.1%"),      # seed 001 typed 97.2%
    (38, 40, "95%"),        # seed 000 "90分以上的网站38家，占比95%"
    (19, 40, "47.5%"),      # seed 000 "19家…占比47.5%"
    (50, 53, "94.3%"),      # seed 003
    (431, 442, "97.5%"),    # seed 003
    (111, 112, "99.1%"),    # seed 004 typed 99.11% (and had 2 failures listed)
    (100, 139, "71.9%"),    # seed 000 typed 72% (whole percent)
    (1, 8, "12.5%"),        # half-up
    (1, 16, "6.3%"),        # 6.25 → 6.3 (half-up, not banker's)
    (9999, 10000, "99.9%"), # never 100% with a failure
    (1, 20000, "0.1%"),     # never 0% with a success
    (0, 5, "0%"),
    (5, 5, "100%"),
    (0, 0, "—"),
])
def test_format_percent(n, d, printed):
    assert format_percent(n, d) == printed


def test_percent_rejects_impossible_counts():
    with pytest.raises(ValueError, match="比例计算错误"):
        percent_value(5, 4)


def test_scores_and_points_print_without_trailing_zeros():
    assert [format_score(x) for x in (97.8, 98.0, 87.5, 95.50000001, None)] == ["97.8", "98", "87.5", "95.5", "—"]
    assert [format_points(x) for x in (0.2, 1.0, 0.5, 2.2999999)] == ["0.2", "1", "0.5", "2.3"]


def test_points_change_uses_printed_values():
    a, b = percent_value(5, 8), percent_value(9, 11)        # 62.5 → 81.8
    assert points_change(a, b) == "上升19.3个百分点"
    assert points_change(b, a) == "下降19.3个百分点"
    assert points_change(a, a) == "持平"


def test_cn_number():
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]
