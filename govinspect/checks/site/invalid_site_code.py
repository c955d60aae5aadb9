"""F4 网站标识码."""
from __future__ import annotations

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import make
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import Finding, RunContext
from govinspect.registry.site_code import site_code_problem

SPEC = CheckSpec(
    id="invalid_site_code",
    name="网站标识码不正确",
    subject="the code as registered (or as seen in the footer)",
    title="网站标识码",
    failure_title="网站标识码无效或与登记不符",
    description=(
        "扣分项 F4（indicators.md §4.4、§8.3）：登记的网站标识码须为10位数字（前6位为有效行政区划代码）或 bm 加8位"
        "数字；页面底部（及 SiteIDCode 元数据）显示的标识码须与登记一致。subject 为登记的（或页面显示的）错误标识码。"
        "页面底部没有标识码属于 missing_footer_items。"),
    requires=("footers",),
    optional=("metas",),
    automation="A",
)


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    registered = (ctx.site_code or artifacts.site_code or "").strip()
    out = []
    if registered and (problem := site_code_problem(registered)):
        out.append(make(SPEC.id, registered, ctx, url=artifacts.url, location="全站", code=registered,
                        source="registry", message=problem))
    shown: dict[str, str] = {}
    for f in artifacts.footers or []:
        if f.site_code:
            shown.setdefault(f.site_code.strip(), f.url)
    for m in artifacts.metas or []:
        if m.site_code:
            shown.setdefault(m.site_code.strip(), m.url)
    for code, url in sorted(shown.items()):
        problem = site_code_problem(code)
        if code == registered or not (registered or problem):
            continue
        message = problem or f"页面显示的网站标识码“{code}”与登记的“{registered or '（未登记）'}”不一致"
        out.append(make(SPEC.id, code, ctx, url=url,
                        location="全站页面底部功能区", code=code, registered=registered, source="page",
                        message=message))
    return out
