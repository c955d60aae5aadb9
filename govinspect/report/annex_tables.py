"""The annexes as format-neutral tables, in the seeds' shapes (indicators.md §10.2, §10.4).

docx, xlsx, html and pdf all render these same rows, so the formats cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govinspect.model.result import Verdict
from govinspect.report.not_assessed_reasons import unit_reason
from govinspect.report.notice_facts import region_order
from govinspect.report.options import ReportOptions
from govinspect.report.pending_review import account_pending, marked_result, site_pending
from govinspect.report.percent import format_percent, format_score
from govinspect.report.problem_wording import (
    account_problem,
    site_problem_lines,
    site_serious_problems,
    site_short_problems,
)

try:  # owned by the new-media engineer; same rows as the fallback below
    from govinspect.report.account_stats import region_account_stats
except ImportError:  # pragma: no cover - until that module lands
    region_account_stats = None


@dataclass
class Row:
    cells: list[str]
    group: str = ""          # a group header row (region) spanning the table when set
    total: bool = False      # the 合计 row


@dataclass
class AnnexTable:
    key: str
    title: str
    columns: list[str]
    widths: list[float]                      # relative column widths
    rows: list[Row] = field(default_factory=list)
    note: str = ""                           # printed under the table (备注)
    sheet: str = ""                          # xlsx sheet name (≤31 chars)

    @property
    def data_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.group]


def _grouped(units: list[dict[str, Any]], regions: list[str], sort_key) -> list[tuple[str, list[dict]]]:
    return [(r, sorted((u for u in units if u["region"] == r), key=sort_key)) for r in regions
            if any(u["region"] == r for u in units)]


def _score_rank(site: dict[str, Any]) -> tuple[int, float]:
    if site["result"] == Verdict.NOT_ASSESSED:
        return (3, 0.0)
    if site["vetoes"]:
        return (2, 0.0)
    return (0 if site["result"] == Verdict.QUALIFIED else 1, -(site["score"] or 0.0))


def score_cell(site: dict[str, Any]) -> str:
    if site["result"] == Verdict.NOT_ASSESSED:
        return "—"
    return "单项否决" if site["vetoes"] else format_score(site["score"])


def result_cell(site: dict[str, Any], rulebook: dict[str, Any]) -> str:
    """合格/不合格/未能检测, with "（待复核）" while a needs_review finding is undecided (pending_review.py)."""
    return marked_result(site["result"], site_pending(site, rulebook))


def account_problem_cell(account: dict[str, Any], rulebook: dict[str, Any]) -> str:
    """存在的问题 of an account (it doubles as the account's result: "合格" …), marked like result_cell."""
    text = account_problem(account, rulebook)
    pending = account_pending(account, rulebook)
    if pending is None:
        return text
    if account["result"] == Verdict.QUALIFIED:
        return marked_result(Verdict.QUALIFIED, pending) + text.removeprefix(Verdict.QUALIFIED)
    return f"{text}；尚有待人工判定的问题（{pending.label}）"


PENDING_NOTE = "结果注有“待复核”的单位尚有待人工判定的问题，人工复核前其结论可能改变。"


def _with_pending_note(table: AnnexTable, pending: bool) -> AnnexTable:
    if pending:
        table.note += PENDING_NOTE
    return table


def score_table(result: dict[str, Any], period: str, options: ReportOptions, brief: bool = False) -> AnnexTable:
    """A: full score table grouped by region, best first; 单项否决 and 未能检测 rows last in their group.
    ``brief`` words problems in the short form of seed 001/002 (large printed notices)."""
    table = AnnexTable("scores", f"{period}{options.region_name}政府网站抽查监测情况表",
                       ["序号", "单位名称", "抽查发现的突出问题", "得分", "结果"], [7, 16, 55, 9, 9],
                       sheet="网站得分表")
    n = 0
    for region, sites in _grouped(result["sites"], region_order(result["sites"], options), _score_rank):
        table.rows.append(Row([], group=region))
        for s in sites:
            n += 1
            problems = site_short_problems(s, result["rulebook"]) if brief else "\n".join(site_problem_lines(s, result["rulebook"]))
            table.rows.append(Row([str(n), s["name"], "" if problems == "无" else problems,
                                   score_cell(s), result_cell(s, result["rulebook"])]))
    if brief:
        table.note = "本表问题为简要描述，各项扣分明细（栏目路径、扣分规则、扣分数）见电子表格。"
    return _with_pending_note(table, any(site_pending(s, result["rulebook"]) for s in result["sites"]))


def register_table(result: dict[str, Any], period: str, options: ReportOptions) -> AnnexTable:
    """B: the register table of seed 002."""
    table = AnnexTable("register", f"{period}{options.region_name}政府网站抽查情况统计表",
                       ["序号", "网站标识码", "网站名称", "网站地址", "是否门户", "结果", "主要问题"],
                       [6, 15, 17, 21, 7, 8, 26], sheet="网站统计表")
    for i, s in enumerate(result["sites"], 1):
        table.rows.append(Row([str(i), s["site_code"], s["name"], s["url"], "是" if s["is_portal"] else "否",
                               result_cell(s, result["rulebook"]), site_short_problems(s, result["rulebook"])]))
    return _with_pending_note(table, any(site_pending(s, result["rulebook"]) for s in result["sites"]))


def serious_sites_table(result: dict[str, Any], options: ReportOptions) -> AnnexTable:
    """C: exceptions only (seed 003): the 不合格 sites."""
    table = AnnexTable("serious", "检查发现存在严重问题的政府网站名单",
                       ["序号", "网站名称", "网站标识码", "存在的突出问题"], [6, 26, 14, 54], sheet="不合格网站")
    bad = [s for s in result["sites"] if s["result"] == Verdict.FAILED]
    for i, s in enumerate(bad, 1):
        table.rows.append(Row([str(i), s["name"], s["site_code"], site_serious_problems(s, result["rulebook"])]))
    return table


def not_assessed_table(result: dict[str, Any]) -> AnnexTable:
    """Units that could not be assessed, with the reason: neither 合格 nor 不合格."""
    table = AnnexTable("not_assessed", f"{Verdict.NOT_ASSESSED}的政府网站和政务新媒体名单",
                       ["序号", "类型", "名称", "地区", f"{Verdict.NOT_ASSESSED}的原因"], [6, 18, 22, 10, 44],
                       sheet=Verdict.NOT_ASSESSED.value)
    units = [("政府网站", s) for s in result["sites"] if s["result"] == Verdict.NOT_ASSESSED]
    units += [(f"政务新媒体（{a['platform']}）", a) for a in result["accounts"] if a["result"] == Verdict.NOT_ASSESSED]
    for i, (kind, u) in enumerate(units, 1):
        table.rows.append(Row([str(i), kind, u["name"], u["region"], unit_reason(u)]))
    return table


def _fallback_region_account_stats(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for region in list(dict.fromkeys(a["region"] for a in result["accounts"])):
        units = [a for a in result["accounts"] if a["region"] == region and a["result"] != Verdict.NOT_ASSESSED]
        bad = sum(1 for a in units if a["result"] == Verdict.FAILED)
        rows.append({"region": region, "checked": len(units), "failed": bad})
    checked = sum(r["checked"] for r in rows)
    failed_total = sum(r["failed"] for r in rows)
    rows.append({"region": "合计", "checked": checked, "failed": failed_total})
    return rows


def account_stats_table(result: dict[str, Any], period: str, options: ReportOptions) -> AnnexTable:
    """New media per region (seed 000 附件2); 合格率 recomputed from the counts with our one rule."""
    rows = (region_account_stats or _fallback_region_account_stats)(result)
    order = {r: i for i, r in enumerate(region_order(result["accounts"], options))}
    body = sorted((r for r in rows if r["region"] != "合计"), key=lambda r: order.get(r["region"], len(order)))
    total = [r for r in rows if r["region"] == "合计"]
    not_assessed = {r: sum(1 for a in result["accounts"] if a["region"] == r and a["result"] == Verdict.NOT_ASSESSED)
                    for r in order}
    with_na = any(not_assessed.values())
    columns = ["市直/县市区", "抽查数量", "不合格数量", "合格率"] + ([Verdict.NOT_ASSESSED.value] if with_na else [])
    table = AnnexTable("account_stats", f"{period}政务新媒体抽查情况", columns,
                       [30, 20, 20, 20] + ([15] if with_na else []), sheet="新媒体统计")
    for r in body + total:
        # 合格率 from the counts with the notice's one rule (not the row's whole-percent field)
        cells = [r["region"], str(r["checked"]), str(r["failed"]),
                 format_percent(r["checked"] - r["failed"], r["checked"])]
        if with_na:
            na = r.get("not_assessed")
            if na is None:
                na = sum(not_assessed.values()) if r["region"] == "合计" else not_assessed.get(r["region"], 0)
            cells.append(str(na))
        table.rows.append(Row(cells, total=r["region"] == "合计"))
    if with_na:
        na = Verdict.NOT_ASSESSED
        table.note = f"抽查数量与合格率不含{na}的账号；{na}的账号及原因见{na}名单。"
    return table


def account_list_table(result: dict[str, Any], period: str, options: ReportOptions,
                       exceptions_only: bool = False) -> AnnexTable:
    """New-media problem list (seed 000 附件3); with ``exceptions_only`` only accounts with problems."""
    title = f"{period}政务新媒体问题清单"
    table = AnnexTable("account_list", title,
                       ["序号", "政务新媒体名称", "主办单位", "类型", "存在的问题\n（括号内为无更新时间段）", "是否备案"],
                       [6, 20, 24, 8, 32, 10], sheet="新媒体问题清单")
    accounts = result["accounts"]
    if exceptions_only:
        # an account still waiting for review is listed too: "其余…均合格" must not cover it
        pending = any(account_pending(a, result["rulebook"]) for a in accounts if a["result"] == Verdict.QUALIFIED)
        accounts = [a for a in accounts if a["result"] != Verdict.QUALIFIED or account_pending(a, result["rulebook"])]
        listed = f"不合格、{Verdict.NOT_ASSESSED}和待复核" if pending else f"不合格和{Verdict.NOT_ASSESSED}"
        table.note = (f"本清单仅列出{listed}的账号（{len(accounts)}个），其余"
                      f"{len(result['accounts']) - len(accounts)}个账号均合格（未备案等提示事项见电子表格），"
                      f"完整清单见电子表格。")
    n = 0
    for region, units in _grouped(accounts, region_order(result["accounts"], options), lambda a: 0):
        table.rows.append(Row([], group=region))
        for a in units:
            n += 1
            table.rows.append(Row([str(n), a["name"], a["organizer"], a["platform"], account_problem_cell(a, result["rulebook"]),
                                   "是" if a["filed"] else "否"]))
    return _with_pending_note(table, any(account_pending(a, result["rulebook"]) for a in accounts))


def account_exceptions_table(result: dict[str, Any]) -> AnnexTable:
    """Seeds 003/004: the 不合格 accounts only, with 是否单项否决 and the 19号 footnote."""
    table = AnnexTable("account_exceptions", "检查发现不合格的政务新媒体名单",
                       ["序号", "地区（单位）", "账号名称", "账号平台", "存在的突出问题", "是否单项否决"],
                       [6, 18, 20, 10, 34, 12], sheet="不合格新媒体")
    bad = [a for a in result["accounts"] if a["result"] == Verdict.FAILED]
    for i, a in enumerate(bad, 1):
        table.rows.append(Row([str(i), a["region"], a["name"], a["platform"], account_problem_cell(a, result["rulebook"]), "是"]))
    table.note = ("备注：对标国办秘函〔2019〕19号文件要求，对政务新媒体检查时，如政务新媒体出现单项否决指标中的"
                  "任意一种情形，则判定为不合格。")
    return table


ALL_ANNEXES = ("scores", "register", "serious", "account_stats", "account_list", "account_exceptions",
               "not_assessed")


def build_annexes(result: dict[str, Any], period: str, options: ReportOptions,
                  keys: tuple[str, ...] = ALL_ANNEXES, for_print: bool = False) -> list[AnnexTable]:
    """The annexes named by ``keys``, in that order; a table with nothing to list is left out.
    ``for_print`` (docx/pdf) shortens a very long account list to the accounts with problems."""
    unknown = set(keys) - set(ALL_ANNEXES)
    if unknown:
        raise ValueError(f"未知的附件类型：{'、'.join(sorted(unknown))}（可选：{'、'.join(ALL_ANNEXES)}）")
    sites, accounts = result["sites"], result["accounts"]
    long_list = for_print and len(accounts) > options.full_account_list_limit
    brief = for_print and len(sites) > options.full_site_wording_limit
    makers = {
        "scores": (bool(sites), lambda: score_table(result, period, options, brief)),
        "register": (bool(sites), lambda: register_table(result, period, options)),
        "serious": (any(s["result"] == Verdict.FAILED for s in sites), lambda: serious_sites_table(result, options)),
        "account_stats": (bool(accounts), lambda: account_stats_table(result, period, options)),
        "account_list": (bool(accounts), lambda: account_list_table(result, period, options, long_list)),
        "account_exceptions": (any(a["result"] == Verdict.FAILED for a in accounts),
                               lambda: account_exceptions_table(result)),
        "not_assessed": (any(u["result"] == Verdict.NOT_ASSESSED for u in sites + accounts),
                         lambda: not_assessed_table(result)),
    }
    return [makers[k][1]() for k in keys if makers[k][0]]
