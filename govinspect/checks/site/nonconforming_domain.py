"""F4 网站域名（国办发〔2017〕47号、国办函〔2018〕55号）."""
from __future__ import annotations

from urllib.parse import urlsplit

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import NOT_ASSESSED, make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="nonconforming_domain",
    name="域名不规范",
    subject="the host",
    title="网站域名",
    failure_title="网站域名不符合政府网站域名管理要求",
    description=(
        "扣分项 F4（indicators.md §4.4、§8.2）：英文域名须以 .gov.cn 结尾，中文域名以 .政务 结尾，否则判定。"
        "部门网站宜为本级门户域名的下级域名（ctx.portal_host）：不是时列为待复核（垂直管理单位等例外）。"),
    requires=(),
    automation="A",
)

SUFFIXES = (".gov.cn", ".政务", ".xn--zfr164b")


def _base(host: str) -> str:
    return host.removeprefix("www.")


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    host = (urlsplit(artifacts.url).hostname or "").lower().rstrip(".")
    if not host:
        return [make(SPEC.id, NOT_ASSESSED, ctx, status="error", url=artifacts.url, message=f"{NOT_ASSESSED}：网址无主机名")]
    if not host.endswith(SUFFIXES):
        return [make(SPEC.id, host, ctx, url=artifacts.url, location="全站", host=host,
                     message=f"网站域名不符合政府网站域名管理要求：{host} 不以 .gov.cn 或 .政务 结尾")]
    portal = (ctx.portal_host or "").lower()
    if not ctx.is_portal and portal and portal != host and not host.endswith("." + _base(portal)):
        return [make(SPEC.id, host, ctx, status="needs_review", url=artifacts.url, host=host, portal_host=portal,
                     message=f"部门网站域名 {host} 不是本级门户 {_base(portal)} 的下级域名，需人工确认")]
    return []
