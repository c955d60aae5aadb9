"""Pieces every website check shares: the 未能检测 finding of a blocked site, finding construction
stamped with the 监测时间点 and the windows counted back from it (samples: kit/prescribed_samples.py)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from govinspect.model.artifacts import FooterInfo, SiteArtifacts
from govinspect.model.check_ids import FOOTER_ITEMS, SITE_WIDE
from govinspect.model.findings import Finding, RunContext
from govinspect.model.result import Verdict

NOT_ASSESSED = Verdict.NOT_ASSESSED.value   # the subject and message prefix of an ``error`` finding

# windows of indicators.md §3/§4, in days before the 监测时间点
TWO_WEEKS, TWO_MONTHS, THREE_MONTHS, SIX_MONTHS, ONE_YEAR = 14, 61, 90, 183, 365


def blocked(check: str, artifacts: SiteArtifacts) -> list[Finding]:
    """A site that refused us (403/WAF) is 未能检测 for every check: never a verdict."""
    if not artifacts.blocked:
        return []
    reason = "；".join(artifacts.gather_errors[:3]) or "网站拒绝访问（403/防火墙）"
    return [Finding(check=check, subject=NOT_ASSESSED, status="error", url=artifacts.url,
                    message=f"{NOT_ASSESSED}：网站拒绝本次检测访问（{reason}）",
                    evidence={"blocked": True, "gather_errors": artifacts.gather_errors[:10]})]


def homepage_unread(check: str, artifacts: SiteArtifacts) -> list[Finding]:
    """Checks that conclude something is ABSENT need the homepage: an unread homepage proves nothing."""
    page = artifacts.homepage
    if page is not None and page.readable and (page.status or 200) < 400:
        return []
    why = f"HTTP {page.status}" if page is not None and page.status else (page.error_class if page else "未采集")
    return [Finding(check=check, subject=NOT_ASSESSED, status="error", url=artifacts.url,
                    message=f"{NOT_ASSESSED}：首页无法读取（{why}），不能断定缺少该项",
                    evidence={"homepage": why})]


def only_homepage_read(artifacts: SiteArtifacts) -> bool:
    """The crawl read no page but the homepage (links dead, out of scope, a saved copy)."""
    if artifacts.pages is None:
        return False
    # distinct texts: /index.html serving the homepage again is still only the homepage
    return len({p.sha256 or p.text or p.url for p in artifacts.pages if p.readable and (p.status or 200) < 400}) <= 1


def homepage_only(check: str, subject: str, artifacts: SiteArtifacts, ctx: RunContext,
                  what: str) -> list[Finding]:
    """Absence vetoes need a site explored beyond its homepage: when the crawl read no other page,
    "没有X" is unproven, so it goes to a reviewer."""
    if not only_homepage_read(artifacts):
        return []
    return [make(check, subject, ctx, status="needs_review", location="首页", url=artifacts.url,
                 message=f"仅读取到首页，其他页面均无法读取，不能断定{what}，需人工确认", pages_read=1)]


def footer_unproven(f: FooterInfo | None) -> bool:
    """A footer written by a script, or one where not one of the six items was recognised (saved
    without its footer, an unparsed layout): what it lacks is not evidence."""
    return f is None or f.loaded_by_script or not any(getattr(f, item) for item in FOOTER_ITEMS)


def homepage_footer(artifacts: SiteArtifacts) -> FooterInfo | None:
    urls = {artifacts.url.rstrip("/")}
    if artifacts.homepage:
        urls |= {artifacts.homepage.url.rstrip("/"), artifacts.homepage.final_url.rstrip("/")}
    return next((f for f in artifacts.footers or [] if f.url.rstrip("/") in urls), None)


def chrome_unread(check: str, subject: str, artifacts: SiteArtifacts, ctx: RunContext,
                  what: str) -> list[Finding]:
    """The homepage's header/footer chrome is not in the static page (written by head.js/footer.js, or
    saved without it): entries that live there cannot be proven missing."""
    if artifacts.footers is None or not footer_unproven(homepage_footer(artifacts)):
        return []
    return [make(check, subject, ctx, status="needs_review", location="首页", url=artifacts.url,
                 message=f"首页页头页脚不在静态页面中（由脚本写入或未读取到），不能断定{what}，需人工确认",
                 footer_unread=True)]


def make(check: str, subject: str, ctx: RunContext, *, message: str, status: str = "fail",
         location: str = "", url: str = "", **evidence: Any) -> Finding:
    evidence = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in evidence.items()}
    evidence["as_of"] = ctx.as_of.isoformat()          # 监测时间点
    return Finding(check=check, subject=subject, status=status, location=location, url=url,
                   message=message, evidence=evidence)


def since(ctx: RunContext, days: int) -> date:
    """The first day inside a window of ``days`` before the 监测时间点."""
    return ctx.as_of - timedelta(days=days)


def option(ctx: RunContext, name: str, default: Any) -> Any:
    return ctx.options.get(name, default)


def fmt_date(d: date | None) -> str:
    return d.isoformat() if d else "无日期"


def network_fact_findings(check: str, artifacts: SiteArtifacts, ctx: RunContext, fact: bool | None,
                          untested: str, failed: str, **evidence: Any) -> list[Finding]:
    """A site-wide yes/no network fact (HTTPS, IPv6): True passes, None (not testable here) is for
    review, False fails with the given wording. The caller handles blocked sites first."""
    host = artifacts.network.host if artifacts.network else ""
    if fact:
        return []
    if fact is None:
        return [make(check, SITE_WIDE, ctx, status="needs_review", url=artifacts.url, host=host, message=untested)]
    return [make(check, SITE_WIDE, ctx, url=artifacts.url, host=host, location="全站", message=failed, **evidence)]
