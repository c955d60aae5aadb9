"""The stable check ids of contract.md and the subject each one reports (tabled from the check specs).

Ground truth (demo city), checks and reviewers' decisions all match findings on
(check, subject), so the subject conventions below are part of the contract.
"""
from __future__ import annotations

import json
from pathlib import Path

SITE_WIDE = "全站"   # subject of checks about the site as a whole

# check id -> how its subject is formed, in the contract's order: generated from each check's spec
# (CheckSpec.subject) by scripts/generate_check_docs.py, so a new check module adds its own row
_TABLE = json.loads(Path(__file__).with_name("check_table.json").read_text(encoding="utf-8"))["checks"]
WEBSITE_CHECKS: dict[str, str] = {c["id"]: c["subject"] for c in _TABLE if c["target"] == "site"}
ACCOUNT_CHECKS: dict[str, str] = {c["id"]: c["subject"] for c in _TABLE if c["target"] != "site"}
ALL_CHECKS = {**WEBSITE_CHECKS, **ACCOUNT_CHECKS}

FOOTER_ITEMS = ("conac_badge", "site_code", "icp", "police_filing", "organizer", "contact")
FOOTER_ITEM_NAMES = {
    "conac_badge": "党政机关网站标识", "site_code": "网站标识码", "icp": "ICP备案编号",
    "police_filing": "公安机关备案标识", "organizer": "网站主办单位", "contact": "联系方式",
}
DISCLOSURE_COLUMNS = ("信息公开指南", "信息公开目录", "信息公开年报", "财政资金", "规划计划")
