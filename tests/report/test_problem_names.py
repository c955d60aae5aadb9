"""Problems named without their rule text (register table 主要问题, exceptions table 存在的突出问题).

The phrases are those the notice printed before issue 14 (c5974b7): moving rule texts into the rulebook
must not change them, and a rule text the register quotes comes from the result's rulebook block.
"""
from __future__ import annotations

import copy

import pytest

from govinspect.checks.catalogue import all_checks
from govinspect.report.problem_wording import check_name, site_serious_problems, site_short_problems
from govinspect.scoring.rulebook import load_rulebook

BOOK = load_rulebook("national-2019")
SUMMARY = BOOK.summary()

# check_name() of c5974b7 for every check (SITE_WIDE / ACCOUNT_TEXT / CHECK_NAMES of that commit)
BEFORE_ISSUE_14 = {
    "account_feed_unavailable":
        "订阅源不可用",
    "account_not_updated":
        "账号长期不更新",
    "account_unfiled":
        "未备案",
    "account_without_interaction":
        "未提供有效互动功能",
    "account_wording_errors":
        "存在严重表述错误",
    "blank_columns":
        "空白栏目",
    "broken_links":
        "链接不可用",
    "duplicate_accounts":
        "同一主办单位在同一平台重复开设账号",
    "forged_publication_dates":
        "伪造发稿日期",
    "hidden_spam_links":
        "网页存在暗链",
    "homepage_not_updated":
        "首页不更新",
    "homepage_unreachable":
        "站点无法访问",
    "incomplete_message_replies":
        "留言答复不规范",
    "incomplete_service_guides":
        "办事指南要素不全",
    "injected_spam_text":
        "网页出现赌博、色情等非法内容或标题被篡改",
    "invalid_site_code":
        "网站标识码无效或与登记不符",
    "missing_article_sources":
        "稿件未标注来源",
    "missing_consultation_channel":
        "未提供有效的网上咨询建言渠道",
    "missing_disclosure_columns":
        "信息公开栏目缺失",
    "missing_error_report_entry":
        "未按要求设置“我为政府网站找错”入口",
    "missing_footer_items":
        "底部功能区信息缺失",
    "missing_https":
        "网站未启用HTTPS安全访问",
    "missing_interpretations":
        "政策文件无解读",
    "missing_ipv6":
        "网站未支持IPv6访问",
    "missing_mobile_support":
        "未提供移动端访问",
    "missing_org_contacts":
        "机构联系方式缺失",
    "missing_search":
        "未提供站内搜索功能或搜索功能不可用",
    "missing_services":
        "未提供办事服务",
    "no_recent_replies":
        "近期无留言答复",
    "nonconforming_domain":
        "网站域名不符合政府网站域名管理要求",
    "personal_data_leaks":
        "泄露个人信息或涉密信息",
    "serious_wording_errors":
        "存在严重表述错误",
    "stale_columns":
        "栏目不更新",
    "unanswered_messages":
        "政务咨询类栏目存在超过3个月未答复的有效留言",
    "unlinked_interpretations":
        "政策与解读未相互关联",
}


def _indicator(check: str) -> str | None:
    return next((i.id for i in BOOK.indicators if any(m.check == check for m in i.matchers)), None)


def test_every_check_has_a_phrase_from_before() -> None:
    assert set(all_checks()) | {"duplicate_accounts", "account_unfiled"} == set(BEFORE_ISSUE_14)


@pytest.mark.parametrize("check", sorted(BEFORE_ISSUE_14))
def test_problem_named_as_before_issue_14(check: str) -> None:
    assert check_name(check, SUMMARY, _indicator(check)) == BEFORE_ISSUE_14[check]


def _site(findings: list[tuple[str, str | None]], **fields: object) -> dict:
    site = {"result": "不合格", "score": 55.0, "vetoes": [], "veto_rules": [],
            "findings": [{"check": c, "indicator": i, "status": "fail", "veto": False} for c, i in findings]}
    site.update(fields)
    return site


def test_register_quotes_the_rule_of_the_result_rulebook() -> None:
    site = _site([("missing_search", "F5"), ("stale_columns", "D12"), ("stale_columns", "D12")])
    assert site_short_problems(site, SUMMARY) == "未提供站内搜索功能或搜索功能不可用；2个栏目更新不及时"
    local = copy.deepcopy(SUMMARY)
    local["indicators"]["F5"]["rule"] = "站内搜索不可用，扣0.5分"
    assert site_short_problems(site, local) == "站内搜索不可用；2个栏目更新不及时"
    assert site_serious_problems(site, SUMMARY).startswith("得分55分，低于60分；未提供站内搜索功能或搜索功能不可用")


def test_exceptions_table_quotes_the_veto_rule_met() -> None:
    ten_stale = _site([], score=None, vetoes=["stale_columns"], veto_rules=["V4b"])
    assert site_serious_problems(ten_stale, SUMMARY) == SUMMARY["vetoes"]["V4b"]["rule"]
    # an older result without veto_rules: the check's first rule
    assert site_serious_problems({**ten_stale, "veto_rules": []}, SUMMARY) == SUMMARY["vetoes"]["V4a"]["rule"]
    # a veto no met rule covers keeps its own line
    two = _site([], score=None, vetoes=["homepage_not_updated", "missing_services"], veto_rules=["V3"])
    assert site_serious_problems(two, SUMMARY) == "；".join([SUMMARY["vetoes"]["V3"]["rule"],
                                                            SUMMARY["vetoes"]["V6a"]["rule"]])
