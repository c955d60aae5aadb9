"""Per-region new-media statistics (seed 000 附件2): 抽查数量, 不合格数量, 合格率, with a 合计 row.

Computed from the result JSON's ``accounts`` only. 未能检测 accounts are neither 合格 nor 不合格:
they are left out of ``checked`` and of the 合格率 and counted in ``not_assessed`` (the report
prints them in their own column and in the 未能检测 list). ``pass_rate_percent`` is the whole
percent the seed prints (合格/抽查 rounded half-up: 17/22 → 77, 100/139 → 72), never 100 unless
every account passed, never 0 unless none did; ``None`` when nothing was checked.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from govinspect.model.result import Verdict

TOTAL = "合计"


def whole_percent(numerator: int, denominator: int) -> int | None:
    if denominator <= 0:
        return None
    value = int(Fraction(numerator * 100, denominator) + Fraction(1, 2))      # half-up
    if value == 100 and numerator < denominator:
        return 99
    if value == 0 and numerator > 0:
        return 1
    return value


def _row(region: str, accounts: list[dict[str, Any]]) -> dict[str, Any]:
    failed = sum(1 for a in accounts if a.get("result") == Verdict.FAILED)
    qualified = sum(1 for a in accounts if a.get("result") == Verdict.QUALIFIED)
    checked = failed + qualified
    return {"region": region, "sampled": len(accounts), "checked": checked, "failed": failed,
            "qualified": qualified, "not_assessed": len(accounts) - checked,
            "pass_rate_percent": whole_percent(qualified, checked)}


def region_account_stats(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per region in order of first appearance, then the 合计 row."""
    accounts = list(result.get("accounts") or [])
    regions = list(dict.fromkeys(a.get("region") or "未填地区" for a in accounts))
    rows = [_row(r, [a for a in accounts if (a.get("region") or "未填地区") == r]) for r in regions]
    rows.append(_row(TOTAL, accounts))
    return rows
