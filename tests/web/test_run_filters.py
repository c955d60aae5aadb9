"""The run page lists sites and accounts with verdict, score and counts, filtered by region, check, status, verdict."""
from __future__ import annotations

import re

from .live_dashboard import LiveDashboard


def _names(html: str, table: str) -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a>', body)


def test_filters_and_counts(dashboard: LiveDashboard) -> None:
    c, _ = dashboard.login("shenhe")
    run = f"/runs/{dashboard.run_id}"
    everything = c.get(run).text
    assert _names(everything, "sites") == ["咸宁市人民政府", "咸宁市教育局", "咸安区人民政府", "嘉鱼县财政局"]
    assert _names(everything, "accounts") == ["咸宁林业", "咸宁教育发布", "嘉鱼财政"]
    portal_row = everything.split("咸宁市人民政府</a>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', portal_row)
    assert cells == ["97.6", "4", "1", "0", "5", "0"]        # score, 问题, 待判定, 未能检测, 未复核, 已忽略
    cases = {
        "region=咸安区": (["咸安区人民政府"], []),
        "verdict=不合格": (["咸宁市教育局"], ["咸宁林业"]),
        "verdict=未能检测": (["嘉鱼县财政局"], ["嘉鱼财政"]),
        "check=broken_links": (["咸宁市人民政府", "咸宁市教育局"], []),
        "status=needs_review": (["咸宁市人民政府"], []),
        "status=error": (["嘉鱼县财政局"], ["嘉鱼财政"]),
        "region=市直&verdict=合格": (["咸宁市人民政府"], ["咸宁教育发布"]),
    }
    for query, (sites, accounts) in cases.items():
        html = c.get(f"{run}?{query}").text
        assert (_names(html, "sites"), _names(html, "accounts")) == (sites, accounts), query
    assert "没有符合条件的网站" in c.get(f"{run}?region=不存在").text
