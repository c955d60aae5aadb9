"""The headline numbers of the prose, recomputed independently for random results nobody wrote by hand
(hypothesis): any mix of 合格/不合格/未能检测, portals, platforms, regions and finding statuses, including
the empty and all-未能检测 corners. Each rendered html/xlsx also carries every unit exactly once."""
from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from govinspect.model.result import build_result
from govinspect.report.notice_facts import notice_facts
from govinspect.report.notice_prose import render_paragraphs
from govinspect.report.options import ReportOptions
from govinspect.report.render_report import render_report

from .test_prose_numbers import pct

REGIONS = ["市直", "甲县", "乙区", "丙市"]
PLATFORMS = ["微信", "微博", "抖音", "快手", "头条号"]
CHECKS = [("stale_columns", "D12", 1.0), ("broken_links", "F1", 0.2), ("missing_search", "G1", 2.0),
          ("hidden_spam_links", "V7", 0.0)]

finding = st.builds(lambda c, status, n: {"check": c[0], "indicator": c[1], "deduction": c[2] if status == "fail" else 0,
                                          "subject": f"首页>栏目{n}", "location": f"首页>栏目{n}", "status": status},
                    st.sampled_from(CHECKS), st.sampled_from(["fail", "needs_review", "error", "not_applicable"]),
                    st.integers(1, 50))


@st.composite
def site(draw, i: int) -> dict:
    result = draw(st.sampled_from(["合格", "不合格", "未能检测"]))
    vetoed = result == "不合格" and draw(st.booleans())
    score = None if result == "未能检测" else draw(st.floats(60 if result == "合格" else 0, 100).map(lambda x: round(x, 1)))
    if result == "合格":
        score = max(score, 60.0)
    elif result == "不合格" and not vetoed:
        score = min(score, 59.5)
    s = {"site_code": f"42{i:08d}", "name": f"单位{i}<b>&", "url": f"http://s{i}.gov.cn/", "region": draw(st.sampled_from(REGIONS)),
         "is_portal": draw(st.booleans()), "result": result, "score": None if vetoed else score,
         "findings": draw(st.lists(finding, max_size=4))}
    if vetoed:
        s["vetoes"] = ["homepage_not_updated"]
    if result == "未能检测":
        s["not_assessed_reason"] = "站点拒绝访问"
    return s


@st.composite
def account(draw, i: int) -> dict:
    result = draw(st.sampled_from(["合格", "不合格", "未能检测"]))
    a = {"name": f"账号{i}", "platform": draw(st.sampled_from(PLATFORMS)), "region": draw(st.sampled_from(REGIONS)),
         "result": result, "filed": draw(st.booleans())}
    if result == "未能检测":
        a["not_assessed_reason"] = "信息源无法读取"
    return a


@st.composite
def result_doc(draw) -> dict:
    n_sites, n_accounts = draw(st.integers(0, 25)), draw(st.integers(0, 25))
    sites = [draw(site(i)) for i in range(n_sites)]
    accounts = [draw(account(i)) for i in range(n_accounts)]
    return build_result(as_of="2021-03-31", rulebook={}, tool_version="t", sites=sites, accounts=accounts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(result_doc())
def test_headline_numbers_follow_the_units(doc):
    text = "".join(p.full_text for p in render_paragraphs(notice_facts(doc, ReportOptions(), None)))
    sites, accounts = doc["sites"], doc["accounts"]
    if sites:
        assessed = [s for s in sites if s["result"] != "未能检测"]
        ok = sum(s["result"] == "合格" for s in assessed)
        portals = sum(s["is_portal"] for s in sites)
        assert f"本次对全市{len(sites)}家政府网站进行了抽查，其中政府门户网站{portals}家、部门网站{len(sites) - portals}家。" in text
        rate = pct(ok, len(assessed)) if assessed else None
        head = f"参与评分的{len(assessed)}家网站中，合格{ok}家，不合格{len(assessed) - ok}家，总体合格率"
        assert head in text
        if rate:
            assert head + rate in text
        if len(assessed) < len(sites):
            assert f"{len(sites) - len(assessed)}家网站未能完成检测，不计入合格率统计" in text
    else:
        assert "家政府网站进行了抽查" not in text
    if accounts:
        a_assessed = [a for a in accounts if a["result"] != "未能检测"]
        bad = sum(a["result"] == "不合格" for a in a_assessed)
        head = f"参与检查的{len(a_assessed)}个账号中，发现{bad}个政务新媒体不合格，合格率"
        assert head in text
        if a_assessed:
            assert head + pct(len(a_assessed) - bad, len(a_assessed)) in text
        for platform, n in Counter(a["platform"] for a in accounts).items():
            assert f"{platform}{n}个" in text
    # no 100% unless every assessed unit passed, no 0% unless none did
    for m in re.finditer(r"合格率(100|0)%", text):
        units = [u for u in (sites if "总体" in text[m.start() - 3:m.start()] else accounts) if u["result"] != "未能检测"]
        passed = sum(u["result"] == "合格" for u in units)
        assert (passed == len(units)) if m[1] == "100" else (passed == 0)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=result_doc())
def test_html_and_xlsx_list_every_unit_once(tmp_path_factory, doc):
    out = tmp_path_factory.mktemp("prop")
    html, xlsx = render_report(doc, "html,xlsx", out)
    page = html.read_text("utf-8")
    assert "<b>" not in page                                   # crawled markup in names stays escaped
    book = load_workbook(xlsx, read_only=True)
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    for s in doc["sites"]:
        assert s["name"] in cells, s["name"]
    names = Counter(cells)
    for a in doc["accounts"]:
        assert names[a["name"]] >= 1, a["name"]
