"""V4c 空白栏目 and D14."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="blank_columns",
    name="空白栏目",
    subject="column location path",
    title="空白栏目",
    failure_title="存在空白栏目",
    description=(
        "单项否决 V4c（空白栏目超过（含）5个）与扣分项 D14（其他空白栏目每个扣2分），indicators.md §3、§4.1。"
        "空白栏目指栏目列表明示为空（“暂无信息”、共0条、分页显示1页而无条目、与同模板栏目页对比列表容器为空）"
        "或栏目页正文区没有任何内容；单页正文、导航页、办事指南、留言板等有内容的页面不是空白栏目。"
        "内容由脚本或内嵌框架加载而未能读取的栏目页记为未理解，不判定为空白；历史性专题和无法读取的栏目页"
        "不判定为空白。没有记录证据的空白标记列为待复核。"),
    requires=("columns",),
    evidence_keys=('column_type', 'level'),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    out = []
    for col in artifacts.columns or []:
        if not col.blank or col.historical or col.fetch_error:
            continue
        # Positive evidence only (extract records it): an explicit empty list, or a page that shows nothing.
        # A blank flag without evidence (an older stored result) goes to a reviewer.
        proven = bool(col.blank_evidence)
        message = f"空白栏目：{col.location}（{col.blank_evidence or '栏目无信息'}）"
        if not proven:
            message += "，需人工确认"
        out.append(make(SPEC.id, col.location, ctx, status="fail" if proven else "needs_review",
                        location=col.location, url=col.url, message=message, column_type=col.column_type,
                        level=col.level, blank_evidence=col.blank_evidence, page_kind=col.page_kind,
                        kind_evidence=col.kind_evidence))
    return out
