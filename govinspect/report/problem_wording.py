"""The wording of problems in the annex tables, in the seeds' phrases (indicators.md §10.3).

Rule texts come from the result's rulebook (``rulebook.indicators[ID].rule``) when it carries them,
otherwise from the national wording below. Only ``fail`` findings are problems: ``needs_review``
(not yet confirmed) and ``error`` (could not be checked) never reach a notice as a problem.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

from govinspect.checks.catalogue import check_names
from govinspect.model.check_ids import FOOTER_ITEM_NAMES
from govinspect.report.not_assessed_reasons import not_assessed_cell, unit_reason
from govinspect.report.percent import format_points

MAX_LISTED = 8   # items listed by name inside one cell before "等N处"

# Rule texts carry "{pts}" where the per-item points go: the points printed are those the findings were
# really charged (a local rulebook may charge 0.5 where the national table says 1), the number after "{pts}|"
# is the national value used when the findings carry no points.

# check -> (label before the listed columns, rule after them) — the 栏目 list shape of seed 000
COLUMN_LIST = {
    "stale_columns": ("栏目未更新", "其他栏目存在应更新未更新的，每发现一处扣{pts}分|1"),
    "blank_columns": ("空白栏目", "其他栏目存在空白的，每发现一个，扣{pts}分|2"),
    "missing_disclosure_columns": ("未按要求设置栏目", "每缺一项扣{pts}分|1"),
}
FOOTER_RULE = "，每缺一项，扣{pts}分|1"       # "未在全站页面底部功能区清晰列明<items>，每缺一项，扣1分"
# stale columns under their own indicators (seed 000 市教育局 / 人社局 rows)
STALE_BY_INDICATOR = {
    "D5": ("监测时间点前6个月内政策文件类一级栏目未更新", ""),
    "D6": ("监测时间点前6个月内政策解读类一级栏目未更新", ""),
    "D13": ("栏目未更新", "监测时间点一年内未更新，每发现一处扣{pts}分|1"),
}
# check (or check/indicator) -> rule text, followed by one line per finding ("<路径> 扣x分")
ITEM_LIST = {
    "broken_links": "首页上的链接（包括图片、附件、外部链接等）打不开或错误的，每发现一处，扣{pts}分|0.2",
    "broken_links/F2": "其他页面上的链接打不开或错误的，每发现一处，扣{pts}分|0.1",
    "missing_org_contacts": "内容未注明各个机构联系方式（联系方式、办公地址等信息），每发现一处扣{pts}分|1",
    "missing_article_sources": "转载、发布稿件未标注来源，每发现一处扣{pts}分|1",
    "incomplete_service_guides": "办事指南要素不全或不准确的，每发现一项扣{pts}分|1",
    "forged_publication_dates": "伪造发稿日期",
}
# check -> the sampling rule quoted in full, then "共扣N分"
SAMPLING = {
    "missing_interpretations": ("随机抽查网站已发布的3个以本地区本部门或本地区本部门办公室名义印发的涉及面广、"
                                "社会关注度高的政策文件，被解读的文件数量每少一个，扣{pts}分|1"),
    "unlinked_interpretations": ("随机抽查网站已发布的3个解读稿：未与被解读的政策文件相关联的，每发现一处扣{pts}分；"
                                 "该政策文件未与被抽查解读稿相关联的，每发现一处扣{pts}分（注：不足3个的则检查全部解读稿）|0.5"),
    "incomplete_message_replies": ("随机抽查5条已公开的网民留言，未公开留言时间、答复时间、答复单位、答复内容的，"
                                   "每发现一处，扣{pts}分|1"),
    "no_recent_replies": "监测时间点前2个月内无新增留言答复",
}
SITE_WIDE = {
    "missing_search": "未提供站内搜索功能或搜索功能不可用",
    "missing_mobile_support": "未提供移动端访问",
    "missing_ipv6": "网站未支持IPv6访问",
    "missing_https": "网站未启用HTTPS安全访问",
    "nonconforming_domain": "网站域名不符合政府网站域名管理要求",
    "invalid_site_code": "网站标识码无效或与登记不符",
    "missing_error_report_entry": "未按要求设置“我为政府网站找错”入口",
    "missing_consultation_channel": "未提供有效的网上咨询建言渠道",
    "unanswered_messages": "政务咨询类栏目存在超过3个月未答复的有效留言",
    "missing_services": "未提供办事服务",
    "hidden_spam_links": "网页存在暗链",
    "injected_spam_text": "网页出现赌博、色情等非法内容或标题被篡改",
    "serious_wording_errors": "存在严重表述错误",
    "homepage_unreachable": "站点无法访问",
    "homepage_not_updated": "首页不更新",
}
VETO_TEXT = {
    "homepage_unreachable": "站点无法访问：监测期内首页无法访问次数占比超过（含）5%",
    "homepage_not_updated": "首页不更新：监测时间点前2周内首页无信息更新",
    "stale_columns": "栏目不更新：应更新未更新栏目数量达到单项否决标准",
    "blank_columns": "栏目不更新：空白栏目数量超过（含）5个",
    "missing_consultation_channel": "互动回应差：未提供有效的网上咨询建言渠道",
    "unanswered_messages": "互动回应差：政务咨询类栏目存在超过3个月未答复的有效留言",
    "missing_services": "服务不实用：未提供办事服务",
    "incomplete_service_guides": "服务不实用：办事指南要素缺失严重",
    "hidden_spam_links": "安全、泄密事故等严重问题：网页存在暗链",
    "injected_spam_text": "安全、泄密事故等严重问题：网页出现赌博、色情等非法内容",
    "serious_wording_errors": "安全、泄密事故等严重问题：存在严重表述错误",
    "forged_publication_dates": "安全、泄密事故等严重问题：弄虚作假，伪造发稿日期",
}
# short phrases for the register table (seed 002 "2个栏目更新不及时") and the exceptions table (seed 003)
SHORT = {
    "stale_columns": "{n}个栏目更新不及时", "blank_columns": "{n}个栏目存在空白",
    "missing_disclosure_columns": "缺少{n}个信息公开栏目", "missing_footer_items": "页面底部缺少{n}项标识信息",
    "broken_links": "{n}处链接不可用", "missing_org_contacts": "{n}处机构信息未注明联系方式",
    "missing_article_sources": "{n}篇稿件未标注来源", "missing_interpretations": "{n}个政策文件未解读",
    "unlinked_interpretations": "{n}处解读未与政策文件关联", "incomplete_message_replies": "{n}条留言答复要素不全",
    "incomplete_service_guides": "{n}项办事指南要素不全",
}
ACCOUNT_TEXT = {
    "account_without_interaction": "未提供有效互动功能",
    "account_wording_errors": "存在严重表述错误",
    "duplicate_accounts": "同一主办单位在同一平台重复开设账号",
    "account_unfiled": "未备案",
}


def check_name(check: str) -> str:
    """A check the tables have no phrase for, named in Chinese — never its internal id."""
    return SITE_WIDE.get(check) or ACCOUNT_TEXT.get(check) or check_names().get(check) or "其他问题"


def failed(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["status"] == "fail"]


MAX_SUBJECT = 120  # characters of one crawled path/subject printed in a cell (hostile pages can be huge)


def clip(text: str, limit: int = MAX_SUBJECT) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _where(f: dict[str, Any]) -> str:
    return clip(f["location"] or f["subject"])


def _listed(names: list[str], unit: str = "处") -> str:
    unique = list(OrderedDict.fromkeys(n for n in names if n))
    shown = "、".join(unique[:MAX_LISTED])
    return shown + (f"等{len(unique)}{unit}" if len(unique) > MAX_LISTED else "")


def _total(points: float) -> str:
    return f"共扣{format_points(points)}分。" if points > 0 else ""


def _rule(rulebook: dict[str, Any], indicator: str | None, default: str,
          items: list[dict[str, Any]] = ()) -> str:
    """The rulebook's own text when the result carries it, else the national text with the points the
    findings were charged per item (when they all carry the same), else the national points."""
    info = (rulebook.get("indicators") or {}).get(indicator or "") or {}
    if isinstance(info, dict) and info.get("rule"):
        return str(info["rule"])
    text, _, nominal = default.partition("|")
    charged = {f["deduction"] for f in items if f["deduction"] > 0}
    pts = format_points(charged.pop()) if len(charged) == 1 else nominal
    return text.replace("{pts}", pts)


def _item_rule_key(check: str, indicator: str | None, items: list[dict[str, Any]]) -> str:
    if check == "broken_links" and (indicator == "F2" or (
            indicator is None and all(f["evidence"].get("on_homepage") is False for f in items))):
        return "broken_links/F2"
    return check


def _group_text(check: str, indicator: str | None, items: list[dict[str, Any]], points: float,
                rulebook: dict[str, Any]) -> str:
    if check == "stale_columns" and indicator in STALE_BY_INDICATOR:
        label, rule = STALE_BY_INDICATOR[indicator]
        rule = _rule(rulebook, indicator, rule, items) if rule else ""
        if not rule:                          # seed 000: "…一级栏目未更新：政策解读。扣5分。"
            return f"{label}：{_listed([_where(f) for f in items])}。扣{format_points(points)}分。"
        return f"{label}：{_listed([_where(f) for f in items])}。{rule}；{_total(points)}"
    if check == "missing_footer_items":     # seed 000: "未在全站页面底部功能区清晰列明公安机关备案标识，每缺一项，扣0.5分；共扣0.5分。"
        names = _listed([FOOTER_ITEM_NAMES.get(f["subject"], clip(f["subject"])) for f in items], "项")
        return f"未在全站页面底部功能区清晰列明{names}{_rule(rulebook, indicator, FOOTER_RULE, items)}；{_total(points)}"
    if check in COLUMN_LIST:
        label, rule = COLUMN_LIST[check]
        names = _listed([clip(f["subject"]) if check == "missing_disclosure_columns" else _where(f) for f in items])
        joint = "，" if check == "missing_disclosure_columns" else "；"    # seed 000: "每缺一项扣1分,共扣5分"
        return f"{label}：{names}。{_rule(rulebook, indicator, rule, items)}{joint}{_total(points)}"
    key = _item_rule_key(check, indicator, items)
    if key in ITEM_LIST:
        rule = _rule(rulebook, indicator, ITEM_LIST[key], items)
        lines = [f"{_where(f)} 扣{format_points(f['deduction'])}分" if f["deduction"] else _where(f)
                 for f in items[:MAX_LISTED]]
        if len(items) > MAX_LISTED:
            lines.append(f"等{len(items)}处")
        return "\n".join([f"{rule}：", *lines, _total(points)]).rstrip()
    if check in SAMPLING:
        return f"{_rule(rulebook, indicator, SAMPLING[check], items)}；{_total(points)}"
    text = SITE_WIDE.get(check) or check_name(check)
    return f"{_rule(rulebook, indicator, text, items)}。{_total(points)}"


def site_problem_lines(site: dict[str, Any], rulebook: dict[str, Any]) -> list[str]:
    """The 抽查发现的突出问题 cell of table A, one entry per (check, indicator).

    When scoring wrote the problems (``problems``: rule text of the rulebook actually used, so a local
    overlay's points and wording are right), they are printed as written; otherwise they are worded here.
    """
    if site["result"] == "未能检测":       # the 结果 column says 未能检测; this cell says why
        return [unit_reason(site)]
    if "problems" in site:          # scoring ran: its list is complete, even when empty
        return list(site["problems"])
    fails = failed(site["findings"])
    lines: list[str] = []
    if site["vetoes"]:
        for check in site["vetoes"]:
            subjects = [_where(f) for f in fails if f["check"] == check and f["veto"]]
            detail = f"（{_listed(subjects)}）" if subjects and subjects != ["首页"] else ""
            head, _, rule = (VETO_TEXT.get(check) or check_name(check)).partition("：")
            lines.append(f"单项否决（{head}）：{rule or head}{detail}。")
    groups: OrderedDict[tuple[str, str | None], list[dict[str, Any]]] = OrderedDict()
    for f in fails:
        if f["veto"]:
            continue
        groups.setdefault((f["check"], f["indicator"]), []).append(f)
    by_indicator: dict[str | None, float] = {}
    for (check, indicator), items in groups.items():
        by_indicator[indicator] = by_indicator.get(indicator, 0.0) + sum(f["deduction"] for f in items)
    for (check, indicator), items in groups.items():
        points = sum(f["deduction"] for f in items)
        capped = site["deductions"].get(indicator or "")
        # the per-indicator cap: print what was really deducted when one group alone hit the cap
        if capped is not None and by_indicator[indicator] == points and capped < points:
            points = capped
        lines.append(_group_text(check, indicator, items, points, rulebook))
    return lines


def veto_names(site: dict[str, Any], rulebook: dict[str, Any]) -> list[str]:
    """The 单项否决 indicators a site triggered, named as the rulebook names them (安全、泄密事故等严重问题,
    站点无法访问 …), in the rulebook's order; the national names when the result does not say."""
    titles = rulebook.get("vetoes") or {}
    order = list(titles)
    rules = sorted((r for r in site.get("veto_rules") or [] if r in titles), key=order.index)
    names = [str(titles[r]["title"]) for r in rules if isinstance(titles[r], dict) and titles[r].get("title")]
    if not names:
        names = [(VETO_TEXT.get(v) or check_name(v)).split("：")[0] for v in site["vetoes"]]
    return list(OrderedDict.fromkeys(names))


def site_short_problems(site: dict[str, Any]) -> str:
    """主要问题 of the register table: "无", "2个栏目更新不及时；1处链接不可用", "单项否决：首页不更新"."""
    if site["result"] == "未能检测":
        return unit_reason(site)
    parts = [f"单项否决：{(VETO_TEXT.get(v) or check_name(v)).split('：')[0]}" for v in site["vetoes"]]
    counts: OrderedDict[str, int] = OrderedDict()
    for f in failed(site["findings"]):
        if not f["veto"]:
            counts[f["check"]] = counts.get(f["check"], 0) + 1
    for check, n in counts.items():
        parts.append(SHORT[check].format(n=n) if check in SHORT else check_name(check))
    return "；".join(parts) or "无"


def site_serious_problems(site: dict[str, Any]) -> str:
    """存在的突出问题 of the exceptions table (seed 003): the veto reasons, or why the score fell below 60."""
    if site["vetoes"]:
        reasons = []
        for v in site["vetoes"]:
            text = (VETO_TEXT.get(v) or check_name(v))
            reasons.append(text.split("：", 1)[1] if "：" in text else text)
        return "；".join(reasons)
    return f"得分{format_points(site['score'] or 0)}分，低于60分；{site_short_problems(site)}"


def account_problem(account: dict[str, Any]) -> str:
    """存在的问题 of the new-media list: "合格" or "监测时间点前2周内无更新(2020.6.18-2020.7.17)"."""
    if account["result"] == "未能检测":     # this cell doubles as the account's result
        return not_assessed_cell(account)
    parts = []
    for f in failed(account["findings"]):
        if f["check"] == "account_not_updated":
            parts.append(f"监测时间点前2周内无更新（{clip(f['subject']) or '无更新'}）")
        elif f["check"] == "account_wording_errors":
            parts.append(f"存在严重表述错误：{clip(f['subject'])}")
        elif f["check"] != "account_unfiled":        # 备案 has its own column
            parts.append(check_name(f["check"]))
    if account["result"] == "合格":       # a problem that is no veto: a remark, not a contradiction
        return f"合格（提示：{'；'.join(parts)}）" if parts else "合格"
    return "；".join(parts) or "不合格"


def account_is_vetoed(account: dict[str, Any]) -> bool:
    return account["result"] == "不合格"
