"""Every number printed in the prose is recomputed here from the result JSON, independently of
notice_facts.py (own counting, own percentage arithmetic)."""
from __future__ import annotations

import json
import re
from collections import Counter
from fractions import Fraction
from math import floor

from govinspect.report.notice_facts import notice_facts
from govinspect.report.notice_prose import render_paragraphs
from govinspect.report.options import ReportOptions
from govinspect.report.render_report import render_report

from .conftest import CURRENT, OPTIONS, PREVIOUS


def pct(n: int, d: int) -> str:
    """Independent re-implementation: half-up to one decimal, never 100%/0% unless exact."""
    tenths = floor(Fraction(n * 1000, d) + Fraction(1, 2))
    if tenths == 1000 and n < d:
        tenths = 999
    if tenths == 0 and n > 0:
        tenths = 1
    whole, frac = divmod(tenths, 10)
    return f"{whole}%" if frac == 0 else f"{whole}.{frac}%"


def prose(options: dict) -> str:
    from govinspect.model.result import load_result
    opts = ReportOptions.from_any(options)
    doc = load_result(CURRENT)
    prev = load_result(PREVIOUS) if opts.previous else None
    facts = notice_facts(doc, opts, prev, ["附件甲", "附件乙", "附件丙", "附件丁"])
    return "\n".join(p.full_text for p in render_paragraphs(facts))


def expected_claims() -> tuple[list[str], set[str]]:
    """(sentences that must appear, every number allowed to appear) from the raw JSON."""
    raw = json.loads(CURRENT.read_text("utf-8"))
    old = json.loads(PREVIOUS.read_text("utf-8"))
    sites, accounts = raw["sites"], raw["accounts"]
    assessed = [s for s in sites if s["result"] != "未能检测"]
    ok = [s for s in assessed if s["result"] == "合格"]
    bad = [s for s in assessed if s["result"] == "不合格"]
    problems = [s for s in assessed if s["vetoes"] or any(f["status"] == "fail" for f in s["findings"])]
    above = [s for s in assessed if s["score"] is not None and s["score"] >= 90]
    pending = [s for s in assessed if s not in problems and any(f["status"] == "needs_review" for f in s["findings"])]
    clean = len(assessed) - len(problems) - len(pending)      # a site with undecided items is not "clean"
    portals = sum(s["is_portal"] for s in sites)
    a_assessed = [a for a in accounts if a["result"] != "未能检测"]
    a_ok = [a for a in a_assessed if a["result"] == "合格"]
    a_bad = [a for a in a_assessed if a["result"] == "不合格"]
    platforms = Counter(a["platform"] for a in accounts)
    city = sum(a["region"] == "市直" for a in accounts)
    unfiled = sum(not a["filed"] for a in accounts)
    old_assessed = [s for s in old["sites"] if s["result"] != "未能检测"]
    old_rate = pct(sum(s["result"] == "合格" for s in old_assessed), len(old_assessed))
    old_acc = [a for a in old["accounts"] if a["result"] != "未能检测"]
    old_acc_rate = pct(sum(a["result"] == "合格" for a in old_acc), len(old_acc))
    sentences = [
        f"本次对全市{len(sites)}家政府网站进行了抽查，其中政府门户网站{portals}家、部门网站{len(sites) - portals}家。",
        f"{len(sites) - len(assessed)}家网站未能完成检测，不计入合格率统计",
        (f"参与评分的{len(assessed)}家网站中，合格{len(ok)}家，不合格{len(bad)}家，"
         f"总体合格率{pct(len(ok), len(assessed))}；{len(problems)}家网站被抽查出一定的问题；"
         f"90分以上的网站{len(above)}家，占比{pct(len(above), len(assessed))}。"),
        f"共{clean}家网站未发现问题",
        f"本次对全市{len(accounts)}个政务新媒体进行了检查，其中"
        + "、".join(f"{p}{n}个" for p, n in platforms.most_common())
        + f"；市直{city}个，县市区{len(accounts) - city}个。",
        f"参与检查的{len(a_assessed)}个账号中，发现{len(a_bad)}个政务新媒体不合格，合格率{pct(len(a_ok), len(a_assessed))}。",
        f"另有{unfiled}个账号未完成备案。",
        f"网站合格率为{old_rate}，本次为{pct(len(ok), len(assessed))}",
        f"政务新媒体合格率由{old_acc_rate}变为{pct(len(a_ok), len(a_assessed))}",
    ]
    stale = [s for s in assessed if any(f["check"] == "stale_columns" and f["status"] == "fail" for f in s["findings"])]
    sentences.append(f"共{len(stale)}家网站存在应更新未更新栏目，占比{pct(len(stale), len(assessed))}。")
    blank = [s for s in assessed if any(f["check"] == "blank_columns" and f["status"] == "fail" for f in s["findings"])]
    sentences.append(f"共{len(blank)}家网站存在空白栏目，占比{pct(len(blank), len(assessed))}。")
    # the draft notice: units with undecided needs_review findings (contract.md's 单项否决 family)
    veto_checks = {"homepage_unreachable", "homepage_not_updated", "stale_columns", "blank_columns",
                   "missing_consultation_channel", "unanswered_messages", "missing_services",
                   "incomplete_service_guides", "hidden_spam_links", "injected_spam_text", "serious_wording_errors",
                   "forged_publication_dates", "account_wording_errors", "account_not_updated",
                   "account_without_interaction"}

    def waiting(u: dict) -> list[dict]:
        return [f for f in u["findings"] if f["status"] == "needs_review"]
    p_sites = [s for s in sites if waiting(s)]
    p_accounts = [a for a in accounts if waiting(a)]
    v_sites = [s for s in p_sites if not s.get("vetoes") and any(f["check"] in veto_checks for f in waiting(s))]
    v_accounts = [a for a in p_accounts if a["result"] != "不合格"
                  and any(f["check"] in veto_checks for f in waiting(a))]

    def units(n_sites: int, n_accounts: int) -> str:
        return "、".join(([f"{n_sites}家网站"] if n_sites else []) + ([f"{n_accounts}个政务新媒体"] if n_accounts else []))
    if p_sites or p_accounts:
        draft = f"本通报为草稿：{units(len(p_sites), len(p_accounts))}尚有待人工判定的问题"
        if v_sites or v_accounts:
            draft += f"，其中{units(len(v_sites), len(v_accounts))}的待判定问题可能导致单项否决"
        sentences.append(draft + "，")
    stale_acc = [a for a in accounts if any(f["check"] == "account_not_updated" for f in a["findings"])]
    per_region = Counter(a["region"] for a in stale_acc)
    sentences.append("、".join(f"{r}{n}个" for r, n in per_region.items())
                     + f"政务新媒体监测时间点前2周内无更新，共{len(stale_acc)}个。")

    def change(a: str, b: str) -> str:
        return str(abs(Fraction(b.rstrip("%")) - Fraction(a.rstrip("%"))).__float__()).removesuffix(".0")

    allowed = set()
    for s in sentences:
        allowed |= set(re.findall(r"\d+(?:\.\d+)?", s))
    allowed |= {change(old_rate, pct(len(ok), len(assessed))), change(old_acc_rate, pct(len(a_ok), len(a_assessed)))}
    # group counts and shares of 二、存在的主要问题 (recomputed per check family below)
    families = [{"missing_interpretations", "unlinked_interpretations"},
                {"incomplete_message_replies", "no_recent_replies", "unanswered_messages", "missing_consultation_channel"},
                {"missing_disclosure_columns", "missing_org_contacts", "missing_article_sources"},
                {"broken_links", "missing_footer_items", "missing_search", "missing_https"}]
    for fam in families:
        n = sum(1 for s in assessed if any(f["check"] in fam and f["status"] == "fail" for f in s["findings"]))
        if n:
            allowed |= {str(n), pct(n, len(assessed)).rstrip("%")}
    allowed |= {str(sum(1 for a in accounts if not a["filed"]))}
    # fixed text: 国办发〔2017〕47号, 国办秘函〔2019〕19号, 90分, 60分, 2周; dates; the phone; annex numbers
    allowed |= {"2017", "47", "2019", "19", "90", "60", "2", "2020", "7", "17", "23", "8", "15", "8126116",
                "1", "3", "4"}
    return sentences, allowed


def test_every_sentence_with_numbers_is_recomputed_from_json():
    text = prose(OPTIONS)
    sentences, _ = expected_claims()
    for sentence in sentences:
        assert sentence in text, f"missing or wrong: {sentence}"


def test_no_number_in_the_prose_is_unaccounted_for():
    text = prose(OPTIONS)
    _, allowed = expected_claims()
    printed = re.findall(r"\d+(?:\.\d+)?", text)
    assert printed, "the prose prints numbers"
    stray = sorted({n for n in printed if n not in allowed})
    assert not stray, f"numbers in the prose that the JSON does not give: {stray}"


def test_rate_change_is_the_difference_of_the_printed_rates():
    text = prose(OPTIONS)
    m = re.search(r"网站合格率为([\d.]+)%，本次为([\d.]+)%，(上升|下降)([\d.]+)个百分点", text)
    assert m, text
    before, now, direction, diff = Fraction(m[1]), Fraction(m[2]), m[3], Fraction(m[4])
    assert (now - before) == (diff if direction == "上升" else -diff)


def test_seed_001_typing_error_cannot_happen(tmp_path):
    """Seed 001 printed 97.2% for 34 of 35; we print 97.1%. Seed 004 printed 99.11% with failures."""
    from govinspect.model.result import build_result
    sites = [{"site_code": f"s{i}", "name": f"单位{i}", "result": "合格", "score": 95} for i in range(34)]
    sites.append({"site_code": "x", "name": "市招商局", "result": "不合格", "vetoes": ["homepage_not_updated"]})
    accounts = [{"name": f"号{i}", "platform": "微信", "result": "合格"} for i in range(998)]
    accounts += [{"name": f"坏{i}", "platform": "抖音", "result": "不合格"} for i in range(2)]
    doc = build_result(as_of="2019-05-20", rulebook={}, sites=sites, accounts=accounts, tool_version="t")
    facts = notice_facts(doc, ReportOptions(), None)
    text = "".join(p.full_text for p in render_paragraphs(facts))
    assert "总体合格率97.1%" in text and "97.2%" not in text
    assert "合格率99.8%" in text
    (html,) = render_report(doc, "html", tmp_path)
    article = html.read_text("utf-8").split("<article")[1].split("</article>")[0]
    assert "97.1%" in article and "100%" not in article


def test_not_assessed_units_are_never_counted_as_passed_or_failed(current):
    facts = notice_facts(current, ReportOptions(), None)
    na = [s for s in current["sites"] if s["result"] == "未能检测"]
    assert na and facts["sites"]["not_assessed"] == len(na)
    assert facts["sites"]["qualified"] + facts["sites"]["failed"] + len(na) == len(current["sites"])
    assert all(n["name"] not in facts["sites"]["clean_named"] for n in na)


def test_a_site_with_undecided_findings_is_not_named_clean():
    from govinspect.model.result import build_result
    waiting = {"check": "hidden_spam_links", "subject": "首页", "indicator": "V7", "status": "needs_review"}
    doc = build_result(as_of="2020-07-17", rulebook={}, tool_version="t", accounts=[], sites=[
        {"name": "市甲局", "result": "合格", "score": 100},
        {"name": "市乙局", "result": "合格", "score": 100, "findings": [waiting]}])
    facts = notice_facts(doc, ReportOptions(), None)
    assert facts["sites"]["clean"] == 1 and facts["sites"]["clean_named"] == "市甲局"
