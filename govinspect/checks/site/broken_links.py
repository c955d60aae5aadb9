"""F1/F2 链接可用性."""
from __future__ import annotations

from urllib.parse import urlsplit

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import NOT_ASSESSED, make
from govinspect.model.artifacts import LinkCheck, SiteArtifacts
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="broken_links",
    name="链接不可用",
    subject=f"target URL; 外部链接{NOT_ASSESSED} when every external host failed the same way (our machine offline)",
    title="链接可用性",
    failure_title="链接（包括图片、附件、外部链接等）打不开或错误",
    description=(
        "扣分项 F1（首页，每处0.2分）/F2（其他页面，每处0.1分，待核实），indicators.md §4.4。采集阶段已对链接、"
        "图片、附件重试；DNS失败、HTTP ≥ 400、软404（“页面不存在”）判定为打不开。超时列为待复核；被目标网站拒绝"
        "（403/防火墙）不能证明链接失效，不记录。同一目标只记一条，证据 on_homepage 标明是否出现在首页。"
        "所有外部网站都以同一方式（域名解析失败、连接被拒绝、超时）打不开时，疑为检测机器无法访问外网，"
        f"外部链接记为{NOT_ASSESSED}，不判定为打不开。"),
    requires=("link_checks",),
    evidence_keys=('on_homepage',),
    automation="A",
)


def _why(lc: LinkCheck) -> str:
    if lc.soft_404:
        return "页面提示不存在（软404）"
    if lc.status:
        return f"HTTP {lc.status}"
    return {"dns": "域名无法解析", "refused": "连接被拒绝", "tls": "证书或TLS错误",
            "timeout": "超时"}.get(lc.error_class or "", lc.error_class or "无法打开")


_OFFLINE_CLASSES = ("dns", "refused", "timeout")


def _external(lc: LinkCheck, home: str) -> bool:
    return urlsplit(lc.target_url).hostname != home


def _offline(artifacts: SiteArtifacts) -> str | None:
    """Every external host failing the same way (DNS, refused): our machine cannot reach the internet,
    which proves nothing about the links."""
    home = urlsplit(artifacts.url).hostname
    external = [lc for lc in artifacts.link_checks or [] if _external(lc, home) and lc.outcome != "skipped"]
    hosts = {urlsplit(lc.target_url).hostname for lc in external}
    classes = {lc.error_class for lc in external}
    if len(hosts) >= 2 and all(lc.outcome in ("broken", "timeout") for lc in external) and len(classes) == 1 \
            and next(iter(classes)) in _OFFLINE_CLASSES and not any(lc.status for lc in external):
        return f"所有{len(hosts)}个外部网站均无法连接（{_why(external[0])}），疑为检测机器无法访问外网"
    return None


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    offline = _offline(artifacts)
    out: list[Finding] = []
    if offline:
        out.append(Finding(check=SPEC.id, subject=f"外部链接{NOT_ASSESSED}", status="error", url=artifacts.url,
                           message=f"{NOT_ASSESSED}外部链接：{offline}", evidence={"reason": offline}))
    home_host = urlsplit(artifacts.url).hostname
    by_target: dict[str, list[LinkCheck]] = {}
    for lc in artifacts.link_checks or []:
        if offline and _external(lc, home_host):
            continue
        if lc.outcome in ("broken", "timeout"):
            by_target.setdefault(lc.target_url, []).append(lc)
    for target, seen in sorted(by_target.items()):
        home = [lc for lc in seen if lc.on_homepage]
        first = (home or seen)[0]
        broken = any(lc.outcome == "broken" for lc in seen)
        where = "首页上的" if home else ""
        out.append(make(
            SPEC.id, target, ctx, status="fail" if broken else "needs_review",
            location=first.location or ("首页" if home else ""), url=first.source_url,
            message=f"{where}链接“{first.anchor or target}”打不开或错误（{_why(first)}）"
                    + ("" if broken else "，需复核"),
            on_homepage=bool(home), http_status=first.status, error_class=first.error_class, soft_404=first.soft_404,
            anchor=first.anchor, sources=sorted({lc.source_url for lc in seen})[:10], target=target))
    return out
