"""HTTPS (recorded, not scored by the 2019 indicators)."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import network_fact_findings
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_https",
    name="未使用HTTPS",
    subject="全站",
    title="HTTPS 安全访问",
    failure_title="网站无法经HTTPS安全访问",
    description=(
        "记录项（indicators.md §8.6、§11“HTTPS (info)”；2019指标未见扣分，GB/T 31506-2022 建议）：443端口无有效证书"
        "即记录。未测试时列为待复核。国家规则里不扣分，评分规则把它记为 record。"),
    requires=("network",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    net = artifacts.network
    return network_fact_findings(SPEC.id, artifacts, ctx, net.https_ok,
                                 "未能测试HTTPS访问，需人工确认",
                                 f"{net.host}:443 无有效证书，网站无法经HTTPS安全访问",
                                 redirects_to_https=net.http_redirects_to_https)
