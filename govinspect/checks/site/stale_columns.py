"""V4a/V4b 栏目不更新 and the per-column deductions D5, D6, D12, D13."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import (
    ONE_YEAR,
    SIX_MONTHS,
    TWO_WEEKS,
    fmt_date,
    make,
    option,
    since,
)
from govinspect.model.artifacts import Column, SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="stale_columns",
    name="栏目不更新",
    subject="column location path, e.g. 首页>信息公开>政策文件; 栏目信息日期未能识别 for the one review item of undated columns",
    title="栏目更新",
    failure_title="栏目未更新（应更新未更新）",
    description=(
        "单项否决 V4a/V4b 与扣分项 D5、D6、D12、D13（indicators.md §3、§4.1）。按栏目类型和监测时间点倒推的窗口判定："
        "动态要闻类2周；一级通知公告、政策文件、政策解读类6个月；人事、规划计划类1年。证据记录栏目类型、层级和"
        "最新信息日期，评分规则据此区分 D5/D6/D13/D12 和 V4a 计数。其他类型（统计、访谈、征集、财政等）或非一级的"
        "通知/政策栏目没有确定的更新频率：超过1年未更新列为待复核。栏目类型置信度低、信息未标日期的也列为待复核。"
        "空白栏目由 blank_columns 判定，历史性专题和无法读取的栏目页不判定。"),
    requires=("columns",),
    evidence_keys=('column_type', 'level'),
    automation="H",
)

FIXED = {"news": TWO_WEEKS, "personnel": ONE_YEAR, "planning": ONE_YEAR}
LEVEL1 = {"notice": SIX_MONTHS, "policy": SIX_MONTHS, "interpretation": SIX_MONTHS}
# types with no fixed frequency in the rules: only flagged for review past a year
REVIEW_ONLY = {"notice", "policy", "interpretation", "statistics", "interview", "survey", "finance",
               "disclosure_report", "other"}
TYPE_NAMES = {"news": "动态要闻类", "notice": "通知公告类", "policy": "政策文件类", "interpretation": "政策解读类",
              "personnel": "人事信息类", "planning": "规划计划类"}


def _window(col: Column, ctx: RunContext) -> tuple[int | None, bool]:
    """(days, decided): decided=False means the rules give no frequency (review only)."""
    if col.column_type in LEVEL1 and col.level == 1:
        return LEVEL1[col.column_type], True
    if col.column_type in FIXED:
        return FIXED[col.column_type], True
    if col.column_type in LEVEL1:
        return SIX_MONTHS, False        # 通知公告/政策文件 below level 1: 6 months, for a reviewer
    if col.column_type in REVIEW_ONLY:
        return option(ctx, "other_column_window_days", ONE_YEAR), False
    return None, False


def _span(days: int) -> str:
    return {TWO_WEEKS: "2周", SIX_MONTHS: "6个月", ONE_YEAR: "1年"}.get(days, f"{days}天")


UNDATED = "栏目信息日期未能识别"       # one review item for every column whose list dates were not read


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    out: list[Finding] = []
    undated: list[Column] = []
    columns = artifacts.columns or []
    # a parent column (栏目 with sub-columns) is judged through its children
    parents = {c.path[:n] for c in columns for n in range(1, len(c.path))}
    for col in columns:
        if col.blank or col.historical or col.fetch_error or col.path in parents:
            continue
        days, decided = _window(col, ctx)
        if days is None:
            continue
        if col.newest_date is None:
            if col.item_count or col.items:
                undated.append(col)
            continue
        if col.newest_date >= since(ctx, days):
            continue
        out.append(_stale(col, days, decided, ctx))
    if undated:
        out.append(make(SPEC.id, UNDATED, ctx, status="needs_review", location=undated[0].location,
                        url=undated[0].url, message=f"{len(undated)}个栏目的信息未标注发布日期或日期未能识别，"
                        "无法判断是否更新，需人工确认：" + "、".join(c.location for c in undated[:10]),
                        columns=[{"location": c.location, "url": c.url, "page_kind": c.page_kind,
                                  "kind_evidence": c.kind_evidence, "item_count": c.item_count}
                                 for c in undated[:100]]))
    return out


def _stale(col: Column, days: int, decided: bool, ctx: RunContext) -> Finding:
    """A column past its window, with the evidence a reviewer checks: the newest date as printed,
    where it was read (page kind, pages read) and the column type."""
    evidence = {"column_type": col.column_type, "level": col.level, "newest_date": col.newest_date,
                "newest_text": col.newest_text, "window_days": days, "item_count": col.item_count,
                "type_confidence": col.type_confidence, "page_kind": col.page_kind,
                "kind_evidence": col.kind_evidence, "pages_read": col.pages_read, "found_by": col.source}
    kind = TYPE_NAMES.get(col.column_type, "")
    message = (f"栏目未更新：{col.location}（{kind}栏目）监测时间点前{_span(days)}内无更新，"
               f"最新信息日期{fmt_date(col.newest_date)}")
    understood = col.page_kind in ("list", "board", "")
    confident = decided and not col.needs_review and col.type_confidence >= 0.5 and understood
    if not decided:
        message += "；该类栏目更新频率需人工确认"
    elif not understood:
        message += f"；栏目页面类型未确认（{col.kind_evidence}），需人工确认"
    return make(SPEC.id, col.location, ctx, status="fail" if confident else "needs_review",
                location=col.location, url=col.url, message=message, **evidence)
