"""The wording of problems in the annex tables, in the seeds' phrases (indicators.md §10.3).

Every rule text and point value comes from the result's rulebook block (``Rulebook.summary()``:
``indicators[ID].rule/points``, ``vetoes[ID].title/rule/checks``, ``account_vetoes``); this module only
holds the seeds' labels around them ("栏目未更新：…", "等N处", "共扣N分") and short register phrases. The
points printed per item are those the findings were really charged (a reviewer may charge 0.5 where the
rulebook says 1). Only ``fail`` findings are problems: ``needs_review`` (not yet confirmed) and ``error``
(could not be checked) never reach a notice as a problem.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from govinspect.checks.catalogue import all_checks, check_names
from govinspect.model.check_ids import FOOTER_ITEM_NAMES
from govinspect.model.result import FindingStatus, Verdict
from govinspect.report.not_assessed_reasons import not_assessed_cell, unit_reason
from govinspect.report.percent import format_points

MAX_LISTED = 8   # items listed by name inside one cell before "等N处"

# the seeds' label before a list of columns (seed 000), the rule text follows from the rulebook
COLUMN_LABELS = {"stale_columns": "栏目未更新", "blank_columns": "空白栏目", "missing_disclosure_columns": "未按要求设置栏目"}
# checks whose rule the seeds quote only from its last clause ("每缺一项扣1分")
LAST_CLAUSE = {"missing_disclosure_columns"}
FOOTER_LABEL = "未在全站页面底部功能区清晰列明"     # + the missing items + the rule's per-item clause
# checks whose findings are listed one per line under the rule ("<路径> 扣x分")
ITEM_LIST = {"broken_links", "missing_org_contacts", "missing_article_sources", "incomplete_service_guides",
             "forged_publication_dates"}
# short phrases for the register table (seed 002 "2个栏目更新不及时") and the exceptions table (seed 003)
SHORT = {
    "stale_columns": "{n}个栏目更新不及时", "blank_columns": "{n}个栏目存在空白",
    "missing_disclosure_columns": "缺少{n}个信息公开栏目", "missing_footer_items": "页面底部缺少{n}项标识信息",
    "broken_links": "{n}处链接不可用", "missing_org_contacts": "{n}处机构信息未注明联系方式",
    "missing_article_sources": "{n}篇稿件未标注来源", "missing_interpretations": "{n}个政策文件未解读",
    "unlinked_interpretations": "{n}处解读未与政策文件关联", "incomplete_message_replies": "{n}条留言答复要素不全",
    "incomplete_service_guides": "{n}项办事指南要素不全",
}
# How a problem is named where no rule text is quoted (register table, a finding the rulebook does not score):
# the seeds' own phrase, else its indicator's (or its 单项否决's) rule without the points or exception clause,
# else its spec's failure title, else the catalogue's short name.
PHRASES = {"unanswered_messages": "政务咨询类栏目存在超过3个月未答复的有效留言", "hidden_spam_links": "网页存在暗链",
           "injected_spam_text": "网页出现赌博、色情等非法内容或标题被篡改",
           "duplicate_accounts": "同一主办单位在同一平台重复开设账号", "account_unfiled": "未备案"}
RULE_NAMED = {"missing_search", "missing_mobile_support", "missing_ipv6", "missing_https", "missing_error_report_entry"}
# checks named by the rule text of the 单项否决 they feed (its exception clause dropped): the rulebook owns it
VETO_NAMED = {"missing_consultation_channel": "vetoes", "missing_services": "vetoes",
              "account_without_interaction": "account_vetoes", "account_wording_errors": "account_vetoes"}
# V1 words 严重表述错误 only as one clause of a long rule; M1 words that same problem alone
NAMED_LIKE = {"serious_wording_errors": "account_wording_errors"}
TITLE_NAMED = {"nonconforming_domain", "invalid_site_code", "homepage_unreachable", "homepage_not_updated"}
_POINTS_CLAUSE = re.compile(r"(，(每[^，]*)?扣[\d.]+分|（[^（）]*）)$")


def check_name(check: str, rulebook: dict[str, Any] | None = None, indicator: str | None = None) -> str:
    """A problem named in Chinese without its rule text — never the check's id."""
    if check in PHRASES:
        return PHRASES[check]
    rule = _rule(rulebook or {}, indicator) if check in RULE_NAMED else _veto_rule(rulebook or {}, check)
    if rule:
        return _POINTS_CLAUSE.sub("", rule)
    spec = all_checks().get(check)
    if spec and check in TITLE_NAMED:
        return _POINTS_CLAUSE.sub("", spec.spec.failure_title)
    return check_names().get(check) or (spec.spec.failure_title if spec else "") or "其他问题"


def _vetoes_of(rulebook: dict[str, Any], check: str, key: str = "vetoes") -> list[dict[str, Any]]:
    """The rulebook's 单项否决 rules a check feeds, in the rulebook's order."""
    rules = (rulebook or {}).get(key) or {}
    return [r for r in rules.values() if isinstance(r, dict) and check in (r.get("checks") or [])]


def _veto_rule(rulebook: dict[str, Any], check: str) -> str:
    """The rule text of the first 单项否决 a VETO_NAMED check (or the check it is NAMED_LIKE) feeds, else ""."""
    named = NAMED_LIKE.get(check, check)
    rules = _vetoes_of(rulebook, named, VETO_NAMED[named]) if named in VETO_NAMED else []
    return str(rules[0].get("rule") or "") if rules else ""


def veto_text(rulebook: dict[str, Any], check: str) -> tuple[str, str]:
    """(title, rule) of the first 单项否决 a check feeds; the check's own name when the result says none."""
    rules = _vetoes_of(rulebook, check)
    if rules:
        return str(rules[0].get("title") or ""), str(rules[0].get("rule") or "")
    name = check_name(check)
    return name, name


def failed(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["status"] == FindingStatus.FAIL]


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


def _rule(rulebook: dict[str, Any], indicator: str | None, items: list[dict[str, Any]] = ()) -> str:
    """The indicator's rule text from the result's rulebook ("" when it carries none), with the points the
    findings were charged per item when they all carry the same and it is not the rulebook's."""
    info = ((rulebook or {}).get("indicators") or {}).get(indicator or "")
    if not isinstance(info, dict) or not info.get("rule"):
        return ""
    text = str(info["rule"])
    charged = {f["deduction"] for f in items if f["deduction"] > 0}
    nominal = info.get("points")
    if len(charged) == 1 and isinstance(nominal, (int, float)) and not isinstance(nominal, bool):
        text = text.replace(f"扣{format_points(nominal)}分", f"扣{format_points(charged.pop())}分")
    return text


SAMPLED = {"missing_interpretations", "unlinked_interpretations", "incomplete_message_replies", "no_recent_replies"}


def _group_text(check: str, indicator: str | None, items: list[dict[str, Any]], points: float,
                rulebook: dict[str, Any]) -> str:
    rule = _rule(rulebook, indicator, items)
    if check == "stale_columns" and rule and "每" not in rule:
        # a fixed deduction: seed 000 prints the rule up to its comma, "：政策解读。扣5分。"
        return f"{rule.partition('，')[0]}：{_listed([_where(f) for f in items])}。扣{format_points(points)}分。"
    if check == "missing_footer_items":     # seed 000: "未在全站页面底部功能区清晰列明公安机关备案标识，每缺一项，扣0.5分；共扣0.5分。"
        names = _listed([FOOTER_ITEM_NAMES.get(f["subject"], clip(f["subject"])) for f in items], "项")
        clause = rule.partition("的，")[2] or rule.rpartition("，")[2]
        return f"{FOOTER_LABEL}{names}{'，' + clause if clause else ''}；{_total(points)}"
    if check in COLUMN_LABELS:
        names = _listed([clip(f["subject"]) if check == "missing_disclosure_columns" else _where(f) for f in items])
        if check in LAST_CLAUSE:
            rule = rule.rpartition("，")[2]
        joint = "，" if check == "missing_disclosure_columns" else "；"    # seed 000: "每缺一项扣1分,共扣5分"
        return f"{COLUMN_LABELS[check]}：{names}。{rule + joint if rule else ''}{_total(points)}"
    if check in ITEM_LIST:
        lines = [f"{_where(f)} 扣{format_points(f['deduction'])}分" if f["deduction"] else _where(f)
                 for f in items[:MAX_LISTED]]
        if len(items) > MAX_LISTED:
            lines.append(f"等{len(items)}处")
        return "\n".join([f"{rule or check_name(check, rulebook, indicator)}：", *lines, _total(points)]).rstrip()
    return f"{rule or check_name(check, rulebook, indicator)}{'；' if check in SAMPLED else '。'}{_total(points)}"


def _veto_line(site: dict[str, Any], check: str, rulebook: dict[str, Any], detail: str) -> str:
    """The rule the site met (its ``veto_rules`` when recorded), worded as scoring words it."""
    met = [r for r in site.get("veto_rules") or [] if check in (((rulebook or {}).get("vetoes") or {}).get(r) or {})
           .get("checks", [])]
    rule = ((rulebook or {}).get("vetoes") or {}).get(met[0]) if met else None
    title, text = (str(rule.get("title") or ""), str(rule.get("rule") or "")) if rule else veto_text(rulebook, check)
    return f"单项否决（{title}）：{text}{detail}。"


def site_problem_lines(site: dict[str, Any], rulebook: dict[str, Any]) -> list[str]:
    """The 抽查发现的突出问题 cell of table A, one entry per (check, indicator).

    When scoring wrote the problems (``problems``: rule text of the rulebook actually used, so a local
    overlay's points and wording are right), they are printed as written; otherwise they are worded here.
    """
    if site["result"] == Verdict.NOT_ASSESSED:       # the 结果 column says so; this cell says why
        return [unit_reason(site)]
    if "problems" in site:          # scoring ran: its list is complete, even when empty
        return list(site["problems"])
    fails = failed(site["findings"])
    lines: list[str] = []
    if site["vetoes"]:
        for check in site["vetoes"]:
            subjects = [_where(f) for f in fails if f["check"] == check and f["veto"]]
            detail = f"（{_listed(subjects)}）" if subjects and subjects != ["首页"] else ""
            lines.append(_veto_line(site, check, rulebook, detail))
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
        names = [veto_text(rulebook, v)[0] for v in site["vetoes"]]
    return list(OrderedDict.fromkeys(names))


def site_short_problems(site: dict[str, Any], rulebook: dict[str, Any]) -> str:
    """主要问题 of the register table: "无", "2个栏目更新不及时；1处链接不可用", "单项否决：首页不更新"."""
    if site["result"] == Verdict.NOT_ASSESSED:
        return unit_reason(site)
    parts = [f"单项否决：{veto_text(rulebook, v)[0]}" for v in site["vetoes"]]
    counts: OrderedDict[str, int] = OrderedDict()
    indicators: dict[str, str | None] = {}
    for f in failed(site["findings"]):
        if not f["veto"]:
            counts[f["check"]] = counts.get(f["check"], 0) + 1
            indicators.setdefault(f["check"], f["indicator"])
    for check, n in counts.items():
        parts.append(SHORT[check].format(n=n) if check in SHORT else check_name(check, rulebook, indicators[check]))
    return "；".join(parts) or "无"


def below_pass_mark(rulebook: dict[str, Any]) -> str:
    """"低于60分": the rulebook's ``fail_below`` (schema 2); an older result without it says 低于合格分数线."""
    mark = (rulebook or {}).get("fail_below")
    ok = isinstance(mark, (int, float)) and not isinstance(mark, bool)
    return f"低于{format_points(mark)}分" if ok else "低于合格分数线"


def site_serious_problems(site: dict[str, Any], rulebook: dict[str, Any]) -> str:
    """存在的突出问题 of the exceptions table (seed 003): the veto reasons, or why the score fell below the mark."""
    if site["vetoes"]:
        # the rules the site met (V4b, not V4a, when 10 columns were stale); a veto no met rule covers (a
        # reviewer's manual veto, an older result without veto_rules) by its check's first rule
        rules = (rulebook or {}).get("vetoes") or {}
        met = [rules[r] for r in site.get("veto_rules") or [] if isinstance(rules.get(r), dict)]
        covered = {c for r in met for c in r.get("checks") or []}
        texts = [str(r.get("rule") or "") for r in met]
        texts += [veto_text(rulebook, v)[1] for v in site["vetoes"] if v not in covered]
        return "；".join(dict.fromkeys(t for t in texts if t))
    return f"得分{format_points(site['score'] or 0)}分，{below_pass_mark(rulebook)}；{site_short_problems(site, rulebook)}"


def account_rule(rulebook: dict[str, Any], check: str) -> str:
    """The rule text of the first 政务新媒体 veto a check feeds (the result's rulebook), else the check's name."""
    rules = _vetoes_of(rulebook, check, "account_vetoes")
    return (str(rules[0].get("rule") or "") if rules else "") or check_name(check)


def account_problem(account: dict[str, Any], rulebook: dict[str, Any]) -> str:
    """存在的问题 of the new-media list: "合格" or "<the M2 rule>（2020.6.18-2020.7.17）"."""
    if account["result"] == Verdict.NOT_ASSESSED:     # this cell doubles as the account's result
        return not_assessed_cell(account)
    parts = []
    for f in failed(account["findings"]):
        text = account_rule(rulebook, f["check"])
        if f["check"] == "account_not_updated":          # the subject is the period without posts
            parts.append(f"{text}（{clip(f['subject']) or '无更新'}）")
        elif f["check"] == "account_wording_errors":     # the subject is the wrong wording
            parts.append(f"{text}：{clip(f['subject'])}")
        elif f["check"] != "account_unfiled":        # 备案 has its own column
            parts.append(text)
    if account["result"] == Verdict.QUALIFIED:       # a problem that is no veto: a remark, not a contradiction
        return f"{Verdict.QUALIFIED}（提示：{'；'.join(parts)}）" if parts else Verdict.QUALIFIED.value
    return "；".join(parts) or Verdict.FAILED.value


def account_is_vetoed(account: dict[str, Any]) -> bool:
    return account["result"] == Verdict.FAILED
