"""The one table of 未能检测 reasons as the notice words them.

A result's ``not_assessed_reason`` is the checks' own text, written for the people running the scan
("未能检测：缺少采集数据（columns）；…首页抓取失败（blocked）：HTTP 403"; "订阅源 XML 格式错误
（SAXParseException），需人工查看账号"). The notice prints, for every unit, each recognised cause once in
the wording below: Chinese an inspector can sign, no internal names, no exception names, no staff
instructions, no repeated "未能检测：" prefix. Every format (docx, xlsx, html, pdf) and the prose take
their wording from :func:`reason_text`; the dashboard may too (it is a layer above the report).
"""
from __future__ import annotations

import re
from typing import Any

from govinspect.model.result import Verdict

# kind -> wording. Order = order of printing when a unit has several causes.
REASONS: dict[str, str] = {
    "outage": "检查期间全部网站首页均无法访问，疑为检查网络故障，本次不作判定",
    "blocked": "网站拒绝检查访问（拒绝访问或防火墙拦截），未能采集网站内容",
    "homepage": "网站首页无法打开{detail}，未能采集网站内容",
    "analysis": "网站页面分析出错，未能完成检测",
    "check": "部分指标检查出错，未能完成检测",
    "missing": "未能采集到{what}，相关指标无法判定",
    "feed_empty": "订阅源中没有任何内容，无法获取账号发布内容",
    "feed_http_error": "订阅源访问出错，无法获取账号发布内容",
    "feed_timeout": "订阅源访问超时，无法获取账号发布内容",
    "feed_parse_error": "订阅源格式无法识别，无法获取账号发布内容",
    "feed_dead": "订阅源疑似已失效，无法获取账号发布内容",
    "feed_none": "未登记订阅地址或最近更新日期，无法获取账号发布内容",
    "feed_other": "无法获取账号发布内容",
    "unknown": "检查过程中出现异常",
}
# kind -> what in the checks' text says it (any of the patterns)
PATTERNS: dict[str, str] = {
    "outage": r"所有网站的首页探测均失败|检查机器自身网络故障",
    "blocked": r"网站拒绝|拒绝抓取|防火墙",
    "homepage": r"首页抓取失败|首页无法读取|探测(均|全部)(超时|失败)",
    "analysis": r"网页分析",
    "check": r"检查出错",
    "missing": r"缺少采集数据",
    "feed_empty": r"订阅源为空",
    "feed_http_error": r"订阅源访问出错|订阅地址无法访问",
    "feed_timeout": r"订阅源访问超时",
    "feed_parse_error": r"订阅源无法解析",
    "feed_dead": r"疑似失效",
    "feed_none": r"无订阅地址",
    "feed_other": r"订阅源",
}
# a cause that explains the others: data missing because the site refused us is not a second reason
CONSEQUENCES = {"missing", "check", "analysis"}
ROOT_CAUSES = {"outage", "blocked", "homepage"}
# why the homepage could not be read (gather's error classes)
HOMEPAGE_DETAIL = {
    "dns": "（域名无法解析）", "timeout": "（访问超时）", "http": "（服务器返回错误）", "robots": "（网站禁止自动访问）",
    "redirect_loop": "（页面重定向异常）", "too_many_redirects": "（页面重定向异常）", "not_html": "（首页不是网页）",
    "empty": "（首页无内容）", "too_large": "（首页过大）",
}
# what the checks needed (artifact names) -> what the notice calls it
ARTIFACT_NAMES = {
    "columns": "栏目", "articles": "稿件", "homepage_items": "首页信息", "homepage": "首页", "pages": "网页",
    "service_guides": "办事指南", "messages": "留言", "links": "链接", "link_checks": "链接", "footers": "页面底部信息",
    "probes": "首页访问监测记录", "interpretations": "政策解读", "policies": "政策文件", "health": "订阅源",
    "posts": "账号发布内容",
}
LATIN = re.compile(r"[A-Za-z]")


def _missing_what(text: str) -> str:
    names: list[str] = []
    for group in re.findall(r"缺少采集数据（([^）]*)）", text):
        for raw in re.split(r"[,，、\s]+", group):
            name = ARTIFACT_NAMES.get(raw.strip(), "检查所需内容") if raw.strip() else ""
            if name and name not in names:
                names.append(name)
    if "检查所需内容" in names:
        names = [n for n in names if n != "检查所需内容"] + ["其他检查所需内容"]
    return "、".join(names) or "检查所需内容"


def _homepage_detail(text: str) -> str:
    if re.search(r"探测(均|全部)(超时|失败)", text):
        return "（多次访问均超时或被拒绝）"
    found = re.search(r"首页抓取失败（([a-z_]+)）", text)
    return HOMEPAGE_DETAIL.get(found.group(1), "") if found else ""


STAFF = re.compile(r"[，,；;]?\s*(请|需)人工[^，,。；;]*")          # "需人工查看账号": for the scan's operator
LATIN_ASIDE = re.compile(r"[（(][^（）()]*[A-Za-z][^（）()]*[）)]")  # "（HTTP 502）", "（SAXParseException）"


def reason_kinds(text: str) -> list[str]:
    kinds = [k for k, pattern in PATTERNS.items() if re.search(pattern, text)]
    if any(k.startswith("feed_") and k != "feed_other" for k in kinds):
        kinds = [k for k in kinds if k != "feed_other"]
    if "blocked" in kinds:          # a refused homepage is the refusal, said once
        kinds = [k for k in kinds if k != "homepage"]
    if ROOT_CAUSES & set(kinds):
        kinds = [k for k in kinds if k not in CONSEQUENCES]
    if "outage" in kinds:
        kinds = ["outage"]
    return sorted(kinds, key=list(REASONS).index)


def reason_text(raw: str) -> str:
    """The notice's wording of a 未能检测 reason (no "未能检测" prefix: the table or sentence says it)."""
    text = raw or ""
    kinds = reason_kinds(text)
    if not kinds:
        plain = re.sub(rf"^({Verdict.NOT_ASSESSED}[：:]\s*)+", "", text.strip())
        plain = LATIN_ASIDE.sub("", STAFF.sub("", plain)).strip("；;，, ")
        if not plain or plain == "未记录原因":
            return "未记录原因"
        return plain if not LATIN.search(plain) else REASONS["unknown"]
    out = []
    for kind in kinds:
        wording = REASONS[kind].format(what=_missing_what(text), detail=_homepage_detail(text))
        if wording not in out:
            out.append(wording)
    return "；".join(out)


def unit_reason(unit: dict[str, Any]) -> str:
    return reason_text(unit.get("not_assessed_reason") or "")


def not_assessed_cell(unit: dict[str, Any]) -> str:
    """A cell that doubles as the unit's result (the new-media list): 未能检测（reason）."""
    return f"{Verdict.NOT_ASSESSED}（{unit_reason(unit)}）"
