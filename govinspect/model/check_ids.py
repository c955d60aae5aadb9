"""The stable check ids of contract.md and the subject each one reports.

Ground truth (demo city), checks and reviewers' decisions all match findings on
(check, subject), so the subject conventions below are part of the contract.
"""
from __future__ import annotations

SITE_WIDE = "全站"   # subject of checks about the site as a whole

# check id -> how its subject is formed
WEBSITE_CHECKS: dict[str, str] = {
    "homepage_unreachable": "homepage URL",
    "homepage_not_updated": "首页",
    "stale_columns": "column location path, e.g. 首页>信息公开>政策文件; 栏目信息日期未能识别 for the one review item of undated columns",
    "blank_columns": "column location path",
    "missing_consultation_channel": "政务咨询",
    "unanswered_messages": "message URL",
    "missing_services": "办事服务",
    "incomplete_service_guides": "办事指南 URL",
    "hidden_spam_links": "link target URL",
    "injected_spam_text": "page URL",
    "serious_wording_errors": "the wrong text as it appears",
    "forged_publication_dates": "article URL",
    "broken_links": "target URL; 外部链接未能检测 when every external host failed the same way (our machine offline)",
    "missing_footer_items": "one of conac_badge, site_code, icp, police_filing, organizer, contact",
    "missing_disclosure_columns": "one of 信息公开指南, 信息公开目录, 信息公开年报, 财政资金, 规划计划",
    "missing_interpretations": "policy document URL",
    "unlinked_interpretations": "解读 URL + '|to_policy' or '|from_policy' (one per missing direction)",
    "incomplete_message_replies": "message URL",
    "no_recent_replies": "政务咨询",
    "missing_article_sources": "article URL",
    "missing_org_contacts": "机构 entry URL",
    "missing_search": SITE_WIDE,
    "missing_mobile_support": SITE_WIDE,
    "missing_ipv6": SITE_WIDE,
    "missing_https": SITE_WIDE,
    "nonconforming_domain": "the host",
    "invalid_site_code": "the code as registered (or as seen in the footer)",
    "missing_error_report_entry": SITE_WIDE,
    "personal_data_leaks": "page or attachment URL",
}

ACCOUNT_CHECKS: dict[str, str] = {
    "account_not_updated": "period YYYY.M.D-YYYY.M.D, or 无更新",
    "account_without_interaction": "互动功能",
    "account_unfiled": "备案",
    "duplicate_accounts": "主办单位|平台",
    "account_wording_errors": "the wrong text",
    "account_feed_unavailable": "feed URL (or 订阅地址)",
}

ALL_CHECKS = {**WEBSITE_CHECKS, **ACCOUNT_CHECKS}

FOOTER_ITEMS = ("conac_badge", "site_code", "icp", "police_filing", "organizer", "contact")
FOOTER_ITEM_NAMES = {
    "conac_badge": "党政机关网站标识", "site_code": "网站标识码", "icp": "ICP备案编号",
    "police_filing": "公安机关备案标识", "organizer": "网站主办单位", "contact": "联系方式",
}
DISCLOSURE_COLUMNS = ("信息公开指南", "信息公开目录", "信息公开年报", "财政资金", "规划计划")
