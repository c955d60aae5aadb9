"""How the 通报 prints numbers. One rule, used by every format (see docs/report.md).

Percentages are computed from integer counts with exact rational arithmetic, rounded half-up to one
decimal, and printed without a trailing ".0" (38/40 → "95%", 34/35 → "97.1%", 19/40 → "47.5%").
A share is never rounded to "100%" unless every unit counts, nor to "0%" unless none does: 999/1000
prints "99.9%" and 1/2000 prints "0.1%". Published notices print 99.11% or 100% for sets that contain
failures (seed 004); this rule makes that impossible.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

_ONE_DECIMAL = Decimal("0.1")


def percent_value(numerator: int, denominator: int) -> Decimal | None:
    """The printed percentage as a Decimal with one decimal place, or None when nothing was counted."""
    if denominator <= 0:
        return None
    if numerator < 0 or numerator > denominator:
        raise ValueError(f"比例计算错误：{numerator}/{denominator}")
    exact = Fraction(numerator * 100, denominator)
    value = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    if value == 100 and numerator < denominator:
        value = Decimal("99.9")
    elif value == 0 and numerator > 0:
        value = Decimal("0.1")
    return value


def plain_decimal(value: Decimal | float) -> str:
    """97.80 → "97.8", 95.0 → "95", -0.0 → "0"."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(d.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_percent(numerator: int, denominator: int) -> str:
    """"97.1%"; "—" when the denominator is zero (nothing was checked)."""
    value = percent_value(numerator, denominator)
    return "—" if value is None else f"{plain_decimal(value)}%"


def format_score(score: float | None) -> str:
    """Scores keep their exact decimals (deductions are multiples of 0.1/0.5): 97.8, 98, 87.5."""
    if score is None:
        return "—"
    return plain_decimal(Decimal(str(round(float(score), 2))))


def format_points(points: float) -> str:
    """Deductions as the seeds print them: 1, 0.5, 0.2."""
    return plain_decimal(Decimal(str(round(float(points), 2))))


def points_change(before: Decimal | None, after: Decimal | None) -> str:
    """Change between two *printed* rates, so a reader can check it from the two numbers on the page."""
    if before is None or after is None:
        return ""
    diff = after - before
    if diff > 0:
        return f"上升{plain_decimal(diff)}个百分点"
    if diff < 0:
        return f"下降{plain_decimal(-diff)}个百分点"
    return "持平"


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (heading numbers （一）…（二十）)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
