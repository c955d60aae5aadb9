"""V2 站点无法访问 from the homepage probes, decided only on a monitored week (indicators.md §3)."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import NOT_ASSESSED, make, option
from govinspect.model.artifacts import Probe, SiteArtifacts
from govinspect.model.findings import Finding, RunContext

WINDOW_DAYS, PER_DAY = 7, 20

SPEC = CheckSpec(
    id="homepage_unreachable",
    name="站点无法访问",
    subject="homepage URL",
    title="首页可访问性",
    failure_title="站点无法访问",
    description=(
        "单项否决 V2（indicators.md §3）：监测1周、每天不少于20次访问首页，超过（含）15秒打不开即失败，失败占比"
        "超过（含）5%即否决。只有探测时间覆盖监测时间点前连续7天、且每天不少于20次（govinspect monitor 记录）时才按"
        "比例判定；窗口更短或更稀（一次性扫描的几次探测、6分钟内的140次探测）有失败时列为待复核，并写明缺少哪些天、"
        "每天各少多少次。全部探测成功不构成问题。标为测试窗口的探测（演示城市、测试，或 monitor --test）按比例判定，"
        "证据与说明中注明“测试窗口”。被拒绝（403/防火墙）的探测不计入，不能证明网站打不开。"),
    requires=("probes",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    probes = [p for p in artifacts.probes or [] if p.error_class != "blocked"]
    if not probes:
        return [make(SPEC.id, NOT_ASSESSED, ctx, status="error", url=artifacts.url,
                     message=f"{NOT_ASSESSED}：没有可用的首页探测记录")]
    if not any(not p.ok for p in probes):
        return []
    test = all(p.test for p in probes)
    days, counts = window(probes, ctx.as_of)
    short = shortfall(days, counts, option(ctx, "probe_per_day", PER_DAY))
    used = probes if test else [p for p in probes if _day(p) in days]
    failed = [p for p in used if not p.ok]
    ratio = len(failed) / len(used) if used else 0.0
    threshold = option(ctx, "probe_fail_ratio", 0.05)
    evidence = {
        "probes": len(used), "failed": len(failed), "ratio": round(ratio, 4),
        "mode": "test" if test else ("monitoring" if not short else "insufficient"),
        "window": {d.isoformat(): counts.get(d, 0) for d in days},
        "failures": [{"at": p.at, "status": p.status, "error_class": p.error_class, "total_ms": p.total_ms}
                     for p in failed[:50]]}
    text = f"首页探测{len(used)}次，失败{len(failed)}次（{ratio:.1%}）"
    if test or not short:
        if ratio < threshold:
            return []
        where = "测试窗口（演示/测试探测，非7天监测）" if test else f"{days[0]:%m-%d}至{days[-1]:%m-%d}连续7天监测"
        return [make(SPEC.id, artifacts.url, ctx, url=artifacts.url, location="首页",
                     message=f"站点无法访问：{where}，{text}，超过（含）{threshold:.0%}", **evidence)]
    fails = sum(1 for p in probes if not p.ok)
    return [make(SPEC.id, artifacts.url, ctx, status="needs_review", url=artifacts.url, location="首页",
                 message=f"首页探测{len(probes)}次，失败{fails}次；监测窗口不足，不能判定站点无法访问（{short}），"
                         f"需用 govinspect monitor 连续监测7天（每天≥20次）或人工复核",
                 shortfall=short, **{**evidence, "probes": len(probes), "failed": fails,
                                     "ratio": round(fails / len(probes), 4)})]


def _day(p: Probe) -> date | None:
    try:
        return date.fromisoformat(p.at[:10])     # probe times are UTC+8 (the notices' clock)
    except ValueError:
        return None


def window(probes: list[Probe], as_of: date) -> tuple[list[date], Counter[date]]:
    """The 7 days ending on the last probed day not after the 监测时间点, and the probes on each day."""
    counts: Counter[date] = Counter(d for p in probes if (d := _day(p)) is not None and d <= as_of)
    last = max(counts, default=as_of)
    days = [last - timedelta(days=k) for k in range(WINDOW_DAYS - 1, -1, -1)]
    return days, counts


def shortfall(days: list[date], counts: Counter[date], per_day: int) -> str:
    """'' when every day of the window has ≥ per_day probes, else what is missing, in words."""
    missing = [d for d in days if counts.get(d, 0) == 0]
    thin = [d for d in days if 0 < counts.get(d, 0) < per_day]
    parts = []
    if missing:
        parts.append(f"{len(missing)}天无探测（{'、'.join(f'{d:%m-%d}' for d in missing[:7])}）")
    if thin:
        thin_days = "、".join(f"{d:%m-%d} {counts[d]}次" for d in thin)
        parts.append(f"每天不足{per_day}次：{thin_days}")
    if parts:
        parts.insert(0, f"探测覆盖{WINDOW_DAYS - len(missing)}天，需连续{WINDOW_DAYS}天、每天不少于{per_day}次")
    return "；".join(parts)
