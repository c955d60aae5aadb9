"""V6b 办事指南要素缺失 and S2."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make, option
from govinspect.model.artifacts import SERVICE_GUIDE_ELEMENTS, SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="incomplete_service_guides",
    name="办事指南要素不全",
    subject="办事指南 URL",
    title="办事指南要素",
    failure_title="办事指南要素不全",
    description=(
        "单项否决 V6b 与扣分项 S2（indicators.md §3、§4.2）：逐个办事指南检查10类要素（事项名称、设定依据、申请条件、"
        "办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程）。缺少任一类即记一条；缺少超过K类"
        "（默认4，选项 guide_missing_categories，规则值待核实）的证据标记 severe，评分规则按 severe 条数判否决。"
        "无对外服务职能的单位不检查。"),
    requires=("service_guides",),
    evidence_keys=('severe',),
    automation="H",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if not ctx.has_services:
        return []
    k = option(ctx, "guide_missing_categories", 4)
    out = []
    for g in {g.url: g for g in artifacts.service_guides or []}.values():
        missing = [e for e in SERVICE_GUIDE_ELEMENTS if e not in g.elements]
        if not missing:
            continue
        out.append(make(SPEC.id, g.url, ctx, url=g.url,
                        message=f"办事指南“{g.title}”缺少要素：{'、'.join(missing)}",
                        missing=missing, missing_count=len(missing), severe=len(missing) > k, title=g.title))
    return out
