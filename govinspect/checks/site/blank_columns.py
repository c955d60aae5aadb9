"""V4c 空白栏目 and D14."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.site._site_check_parts import blocked, make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="blank_columns",
    title="空白栏目",
    failure_title="存在空白栏目",
    description=(
        "单项否决 V4c（空白栏目超过（含）5个）与扣分项 D14（其他空白栏目每个扣2分），indicators.md §3、§4.1。"
        "空白栏目指栏目页没有任何信息（或显示“暂无信息”）；历史性专题和无法读取的栏目页不判定为空白。"),
    requires=("columns",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if artifacts.blocked:
        return blocked(SPEC.id, artifacts)
    out = []
    for col in artifacts.columns or []:
        if not col.blank or col.historical or col.fetch_error:
            continue
        # blank is blank whatever the column type: a doubtful type (needs_review) does not matter here
        out.append(make(SPEC.id, col.location, ctx, location=col.location, url=col.url,
                        message=f"空白栏目：{col.location}", column_type=col.column_type, level=col.level))
    return out
