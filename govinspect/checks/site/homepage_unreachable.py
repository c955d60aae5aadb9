"""V2 站点无法访问 from the homepage probes."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.site._site_check_parts import blocked, make, option
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="homepage_unreachable",
    title="首页可访问性",
    failure_title="站点无法访问",
    description=(
        "单项否决 V2（indicators.md §3）：监测1周、每天不少于20次访问首页，超过（含）15秒打不开即失败，失败占比"
        "超过（含）5%即否决。探测次数达到完整监测周期（默认140次，选项 probe_full_monitoring）时按比例判定；"
        "一次性扫描只有少量探测：全部失败才判定，部分失败列为待复核（精确优先）。被拒绝（403/防火墙）的探测"
        "不计入，不能证明网站打不开。"),
    requires=("probes",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if artifacts.blocked:
        return blocked(SPEC.id, artifacts)
    probes = [p for p in artifacts.probes or [] if p.error_class != "blocked"]
    if not probes:
        return [make(SPEC.id, "未能检测", ctx, status="error", url=artifacts.url,
                     message="未能检测：没有可用的首页探测记录")]
    failed = [p for p in probes if not p.ok]
    if not failed:
        return []
    ratio = len(failed) / len(probes)
    full = len(probes) >= option(ctx, "probe_full_monitoring", 140)
    threshold = option(ctx, "probe_fail_ratio", 0.05)
    evidence = {
        "probes": len(probes), "failed": len(failed), "ratio": round(ratio, 4),
        "mode": "monitoring" if full else "one-shot",
        "failures": [{"at": p.at, "status": p.status, "error_class": p.error_class, "total_ms": p.total_ms}
                  for p in failed[:50]]}
    text = f"首页探测{len(probes)}次，失败{len(failed)}次（{ratio:.1%}）"
    if full:
        if ratio < threshold:
            return []
        return [make(SPEC.id, artifacts.url, ctx, url=artifacts.url, location="首页",
                     message=f"站点无法访问：{text}，超过（含）{threshold:.0%}", **evidence)]
    if len(failed) == len(probes):
        return [make(SPEC.id, artifacts.url, ctx, url=artifacts.url, location="首页",
                     message=f"站点无法访问：{text}，全部失败", **evidence)]
    return [make(SPEC.id, artifacts.url, ctx, status="needs_review", url=artifacts.url, location="首页",
                 message=f"首页部分探测失败：{text}；一次性扫描探测次数不足以判定，需持续监测或人工复核",
                 **evidence)]
