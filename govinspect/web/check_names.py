"""Chinese names of the check ids for the dashboard (the check specs' titles win when present)."""
from __future__ import annotations

from functools import cache

NAMES = {
    "homepage_unreachable": "站点无法访问", "homepage_not_updated": "首页不更新", "stale_columns": "栏目不更新",
    "blank_columns": "空白栏目", "missing_consultation_channel": "无网上咨询建言渠道",
    "unanswered_messages": "留言超过3个月未回应", "missing_services": "无办事服务",
    "incomplete_service_guides": "办事指南要素不全", "hidden_spam_links": "暗链",
    "injected_spam_text": "被植入违法违规内容", "serious_wording_errors": "严重表述错误",
    "forged_publication_dates": "伪造发稿日期", "broken_links": "链接不可用",
    "missing_footer_items": "底部功能区信息缺失", "missing_disclosure_columns": "信息公开栏目缺失",
    "missing_interpretations": "政策文件无解读", "unlinked_interpretations": "政策与解读未相互关联",
    "incomplete_message_replies": "留言答复不规范", "no_recent_replies": "近期无留言答复",
    "missing_article_sources": "稿件未标注来源", "missing_org_contacts": "机构联系方式缺失",
    "missing_search": "无站内搜索", "missing_mobile_support": "不支持移动端", "missing_ipv6": "不支持IPv6",
    "missing_https": "未使用HTTPS", "nonconforming_domain": "域名不规范", "invalid_site_code": "网站标识码不正确",
    "missing_error_report_entry": "无“我为政府网站找错”入口",
    "account_not_updated": "账号长期不更新", "account_without_interaction": "无互动功能",
    "account_unfiled": "账号未备案", "duplicate_accounts": "重复建设账号", "account_wording_errors": "账号表述错误",
    "account_feed_unavailable": "订阅源不可用", "manual": "人工录入问题",
}
# what a reviewer may add by hand beyond the check ids (indicators no check automates)
MANUAL_KINDS = {
    "manual": "其他（人工录入）", "inaccurate_profile": "概况信息不准确", "inaccurate_functions": "机构职能信息不准确",
    "incomplete_leaders": "负责人信息不全", "no_response_to_concerns": "未回应社会关切",
}
# the national indicator a manual kind feeds when the reviewer picks none
MANUAL_INDICATORS = {"inaccurate_profile": "D1", "inaccurate_functions": "D2", "incomplete_leaders": "D4",
                     "no_response_to_concerns": "D10"}
STATUS_NAMES = {"fail": "问题", "needs_review": "待人工判定", "error": "未能检测", "not_applicable": "不适用"}


@cache
def _spec_titles() -> dict[str, str]:
    try:
        from govinspect.checks.catalogue import all_checks
        return {cid: reg.spec.failure_title for cid, reg in all_checks().items() if reg.spec.failure_title}
    except Exception:  # a broken check module must not take the dashboard down
        return {}


def check_name(check_id: str) -> str:
    return _spec_titles().get(check_id) or NAMES.get(check_id) or MANUAL_KINDS.get(check_id) or check_id
