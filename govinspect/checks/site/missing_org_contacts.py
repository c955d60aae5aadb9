"""D3 机构信息未注明联系方式."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_org_contacts",
    name="机构联系方式缺失",
    subject="机构 entry URL",
    title="机构联系方式",
    failure_title="机构信息既无联系电话也无办公地址",
    description=(
        "扣分项 D3（indicators.md §4.1，位置如“首页>信息公开>信息公开目录>政府机构”）：机构条目既无电话也无办公地址"
        "时每处扣1分；只缺其中一项列为待复核。机构信息是否准确（D1、D2）需复核人员判断。"),
    requires=("org_entries",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    out = []
    for org in {o.url: o for o in artifacts.org_entries or []}.values():
        if org.has_phone and org.has_address:
            continue
        missing = [name for name, ok in (("联系电话", org.has_phone), ("办公地址", org.has_address)) if not ok]
        status = "fail" if len(missing) == 2 else "needs_review"
        out.append(make(SPEC.id, org.url, ctx, status=status, url=org.url,
                        location=">".join(filter(None, (org.location, org.name))),
                        message=f"{org.name}：内容未注明{'、'.join(missing)}", name=org.name, missing=missing))
    return out
