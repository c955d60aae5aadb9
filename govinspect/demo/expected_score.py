"""The score the demo city expects for a site, from the demo's own table of what each planted defect costs
(indicators.md §2 and §4 as the demo reads them), not through scoring/ or a rulebook: the scan's score is
then checked against a second reading of the rules rather than against the code that computed it.

Only the defects the demo plants are in the table. Vetoes are decided in ground_truth.py (§3); a vetoed site
has no score. The demo plants each column one way only (blank, stale or missing), so the no-double-deduction
rule never applies here.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FULL, SERVICES_TOTAL, FAIL_BELOW = Decimal(100), Decimal(25), 60
GROUP_TOTALS = {"发布解读": Decimal(40), "办事服务": SERVICES_TOTAL, "互动交流": Decimal(15), "功能设计": Decimal(20)}

# indicator → (group, points per planted defect, cap of the indicator or None)
POINTS: dict[str, tuple[str, str, str | None]] = {
    "D3": ("发布解读", "1", None),      # an 机构 without contacts
    "D5": ("发布解读", "5", "5"),       # 一级 政策文件 column stale (6 months)
    "D6": ("发布解读", "5", "5"),       # 一级 政策解读 column stale (6 months)
    "D7": ("发布解读", "1", "3"),       # a sampled policy without 解读
    "D8": ("发布解读", "0.5", "3"),     # a sampled 解读 not linked (each direction)
    "D11": ("发布解读", "1", "5"),      # a missing 信息公开 column
    "D12": ("发布解读", "1", None),     # any other stale column
    "D13": ("发布解读", "1", None),     # 人事 / 规划计划 column stale (1 year)
    "D14": ("发布解读", "2", None),     # a blank column
    "D15": ("发布解读", "1", None),     # an article without its source
    "S2": ("办事服务", "1", "10"),      # a 办事指南 missing elements
    "I1": ("互动交流", "1", "5"),       # a sampled answered message missing a part
    "I2": ("互动交流", "3", "3"),       # no reply in the last 2 months
    "F1": ("功能设计", "0.2", None),    # a broken link on the homepage
    "F2": ("功能设计", "0.1", None),    # a broken link on another page
    "F3": ("功能设计", "1", "6"),       # a missing footer item
    "F4": ("功能设计", "1", "2"),       # a nonconforming domain or 网站标识码
    "F5": ("功能设计", "1", None),      # no site search
    "F6": ("功能设计", "1", None),      # no IPv6
    "F7": ("功能设计", "1", None),      # no 我为政府网站找错 entry
    "F8": ("功能设计", "1", None),      # no mobile support
}
PLAIN = {"missing_org_contacts": "D3", "missing_interpretations": "D7", "unlinked_interpretations": "D8",
         "missing_disclosure_columns": "D11", "blank_columns": "D14", "missing_article_sources": "D15",
         "incomplete_service_guides": "S2", "incomplete_message_replies": "I1", "no_recent_replies": "I2",
         "missing_footer_items": "F3", "nonconforming_domain": "F4", "invalid_site_code": "F4",
         "missing_search": "F5", "missing_ipv6": "F6", "missing_error_report_entry": "F7",
         "missing_mobile_support": "F8"}


def indicator_of(finding: dict[str, Any]) -> str | None:
    """The indicator a truth finding deducts under; None for what deducts nothing (vetoes, HTTPS, review)."""
    check = finding["check"]
    if finding.get("status", "fail") != "fail":
        return None
    if check == "stale_columns":
        kind, level1 = finding.get("column_type"), finding.get("level") == 1
        if kind == "policy" and level1:
            return "D5"
        if kind == "interpretation" and level1:
            return "D6"
        return "D13" if kind in ("personnel", "planning") else "D12"
    if check == "broken_links":
        return "F1" if finding.get("on_homepage") else "F2"
    return PLAIN.get(check)


def expected_score(findings: list[dict[str, Any]], *, has_services: bool) -> float:
    """100 − deductions (each indicator capped, each group capped at its total); a unit without 对外服务职能 is
    scored out of 75 and × 4/3; one decimal, half up (the notices' style)."""
    per_indicator: dict[str, Decimal] = {}
    for f in findings:
        ind = indicator_of(f)
        if ind is None or (POINTS[ind][0] == "办事服务" and not has_services):
            continue
        per_indicator[ind] = per_indicator.get(ind, Decimal(0)) + Decimal(POINTS[ind][1])
    per_group: dict[str, Decimal] = {}
    for ind, points in per_indicator.items():
        group, _, cap = POINTS[ind]
        per_group[group] = per_group.get(group, Decimal(0)) + (min(points, Decimal(cap)) if cap else points)
    lost = sum((min(v, GROUP_TOTALS[g]) for g, v in per_group.items()), Decimal(0))
    score = FULL - lost if has_services else (FULL - SERVICES_TOTAL - lost) * 4 / 3
    return float(score.quantize(Decimal("0.1"), ROUND_HALF_UP))


def expected_result(score: float) -> str:
    return "不合格" if score < FAIL_BELOW else "合格"
