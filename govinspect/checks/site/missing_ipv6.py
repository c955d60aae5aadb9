"""F6 IPv6 支持."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import network_fact_findings
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_ipv6",
    name="不支持IPv6",
    subject="全站",
    title="IPv6 支持",
    failure_title="网站无法经IPv6访问",
    description=(
        "扣分项 F6（indicators.md §4.4，分值待核实）：采集阶段查询 AAAA 记录并经 IPv6 访问首页；失败即判定。"
        "未测试（检测点无 IPv6 出口）时列为待复核，不扣分。"),
    requires=("network",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    net = artifacts.network
    return network_fact_findings(SPEC.id, artifacts, ctx, net.ipv6,
                                 "未能测试IPv6访问（检测环境无IPv6出口），需人工确认",
                                 f"网站无法经IPv6访问（{net.host} 无AAAA记录，或经IPv6访问首页失败）")
