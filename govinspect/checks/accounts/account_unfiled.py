"""未备案: the registry says the account is not filed in the 全国政务新媒体信息报送系统 (indicators.md §6.2)."""
from __future__ import annotations

from collections.abc import Iterable

from govinspect.checks.check_spec import CheckSpec
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="account_unfiled",
    name="账号未备案",
    subject="备案",
    title="政务新媒体备案",
    failure_title="未备案",
    description="国办发〔2018〕123号：政务新媒体实行分级备案，先备案再开设。读取登记表“是否备案”列；不是单项否决。",
    requires=("record",),
    target="account",
    automation="A",
)


def run(a: AccountArtifacts, ctx: RunContext) -> Iterable[Finding]:
    if a.record is None or a.record.filed:
        return []
    return [Finding("account_unfiled", "备案", message="账号未在全国政务新媒体信息报送系统备案",
                    evidence={"as_of": ctx.as_of.isoformat(), "source": "registry"})]
