"""The problem cells of annex A are worded as seed 000 (a real 通报, 咸宁 2020 Q3) words them.

The seed is scraped traditional-character text with ruby pinyin: it is converted to simplified (OpenCC),
the pinyin dropped, and both sides are compared with punctuation normalised (，；：（） → ,;:()), each generated line without its final mark.
"""
from __future__ import annotations

import re

import opencc
import pytest

from govinspect.model.result import build_result
from govinspect.report.problem_wording import site_problem_lines
from govinspect.scoring.rulebook import load_rulebook

NATIONAL = load_rulebook("national-2019").summary()   # the rule texts come from the result's rulebook

PUNCT = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": ".", "、": "、"})


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(PUNCT))


@pytest.fixture(scope="module")
def seed000(seeds) -> str:
    path = next(seeds.glob("000_*.txt"))
    text = opencc.OpenCC("t2s").convert(path.read_text("utf-8"))
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)   # the page's ruby pinyin: 号(hào)
    return norm(text)


def f(check, subject, indicator, deduction, location="", **evidence):
    return {"check": check, "subject": subject, "indicator": indicator, "deduction": deduction,
            "location": location or subject, "evidence": evidence}


# (unit in the seed, its findings as our checks report them)
CASES = [
    ("市卫生健康委员会", [f("stale_columns", "图片新闻", "D12", 1)]),
    ("市政务服务和大数据管理局", [f("blank_columns", "在线访谈", "D14", 2)]),
    ("赤壁市", [f("broken_links", "http://x/ggzy", "F1", 0.2, "首页>专题专栏>公共资源交易平台", on_homepage=True)]),
    ("通城县", [f("missing_interpretations", f"http://x/{i}", "D7", 1) for i in range(2)]),
    ("市人力资源和社会保障局", [f("unlinked_interpretations", "http://x/j|to_policy", "D8", 0.5),
                                f("unlinked_interpretations", "http://x/j|from_policy", "D8", 0.5)]),
    ("市退役军人事务局", [f("missing_disclosure_columns", c, "D11", 1) for c in
                          ("信息公开指南", "信息公开目录", "信息公开年报", "财政资金", "规划计划")]),
    ("市教育局", [f("missing_footer_items", "police_filing", "F3", 0.5, "全站")]),
    ("市教育局", [f("stale_columns", "政策解读", "D6", 5)]),
    ("市国资委", [f("stale_columns", c, "D12", 1) for c in ("调查征集", "人事信息", "国资监管清单")]),
]


@pytest.mark.parametrize("unit, findings", CASES, ids=[f"{u}-{fs[0]['check']}" for u, fs in CASES])
def test_problem_wording_matches_seed_000(unit, findings, seed000):
    doc = build_result(as_of="2020-07-17", rulebook=NATIONAL, accounts=[], tool_version="t", sites=[{
        "name": unit, "result": "合格", "score": 99, "findings": findings}])
    lines = site_problem_lines(doc["sites"][0], doc["rulebook"])
    assert lines
    for line in lines:
        for part in line.split("\n"):
            part = norm(part).rstrip(".;:")
            if part.startswith("共扣"):
                continue                  # an item list's closing total: the seed omits it there
            assert part in seed000, f"{unit}: {part!r} is not how seed 000 words it"


@pytest.mark.parametrize("period", ["2020.6.18-2020.7.17", "无更新", "2019.3.24-2020.7.17"])
def test_account_problem_matches_seed_000_annex_3(period, seed000):
    from govinspect.report.problem_wording import account_problem
    doc = build_result(as_of="2020-07-17", rulebook=NATIONAL, sites=[], tool_version="t", accounts=[{
        "name": "咸宁林业", "platform": "微信", "result": "不合格",
        "findings": [{"check": "account_not_updated", "subject": period, "veto": True}]}])
    assert norm(account_problem(doc["accounts"][0], doc["rulebook"])) in seed000
