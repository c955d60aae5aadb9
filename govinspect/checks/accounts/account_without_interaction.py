"""M3 互动回应差: no effective interactive function (indicators.md §6.1).

Reads the registry's ``interaction`` column (是/否). Unknown (blank) gives no finding: M3 is a
reviewer's call (R): a WeChat menu is visible only in-app, so the reviewer records a manual finding
after sending a test message; flooding every unknown account with needs_review would bury them.
"""
from __future__ import annotations

from collections.abc import Iterable

from govinspect.checks.check_spec import CheckSpec
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="account_without_interaction",
    name="无互动功能",
    subject="互动功能",
    title="政务新媒体互动功能",
    failure_title="账号无有效的互动功能",
    description="单项否决 M3“互动回应差”（国办秘函〔2019〕19号）：账号没有留言、评论、私信等有效的互动功能。"
                "依据登记表或审核人员的核实结果；"
                "未登记时不判定，由审核人员人工核实。",
    requires=("record",),
    target="account",
    automation="R",
)


def run(a: AccountArtifacts, ctx: RunContext) -> Iterable[Finding]:
    if a.record is None or a.record.interaction is not False:
        return []
    return [Finding("account_without_interaction", "互动功能", message="登记表“有无互动功能”一栏记录该账号无互动功能",
                    evidence={"as_of": ctx.as_of.isoformat(), "source": "registry"})]
