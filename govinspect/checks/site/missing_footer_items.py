"""F3 页面底部功能区六要素."""
from __future__ import annotations

import re

from govinspect.checks.check_spec import CheckSpec
from govinspect.checks.kit.findings import NOT_ASSESSED, footer_unproven, homepage_unread, make, option
from govinspect.model.artifacts import FooterInfo, SiteArtifacts
from govinspect.model.check_ids import FOOTER_ITEM_NAMES, FOOTER_ITEMS
from govinspect.model.findings import Finding, RunContext

SPEC = CheckSpec(
    id="missing_footer_items",
    name="底部功能区信息缺失",
    subject="one of conac_badge, site_code, icp, police_filing, organizer, contact",
    title="页面底部功能区",
    failure_title="未在全站页面底部功能区清晰列明六项要素",
    description=(
        "扣分项 F3（indicators.md §4.4、§8.4）：全站页面底部须列明党政机关网站标识、网站标识码、ICP备案编号、"
        "公安机关备案标识、网站主办单位、联系方式，每缺一项一条。首页缺少且过半页面缺少即判定；只在部分页面缺少"
        "（首页缺或至少20%的页面缺）列为待复核，页脚解析偶尔失败不应扣分。页脚只有“联系我们”链接、没有电话地址时，联系方式列为待复核。首页页脚由脚本写入或一项都识别不到时，只列为待复核。"),
    requires=("footers",),
    optional=("homepage", "links"),
    evidence_keys=('item',),
    automation="A",
)

CONTACT_LINK = re.compile(r"联系我们|联系方式")


def _present(f: FooterInfo, item: str) -> bool:
    return bool(getattr(f, item))


def _is_home(f: FooterInfo, artifacts: SiteArtifacts) -> bool:
    urls = {artifacts.url.rstrip("/")}
    if artifacts.homepage:
        urls |= {artifacts.homepage.url.rstrip("/"), artifacts.homepage.final_url.rstrip("/")}
    return f.url.rstrip("/") in urls


def _contact_link(artifacts: SiteArtifacts) -> bool:
    return any(link.position == "footer" and CONTACT_LINK.search(link.text or "") for link in artifacts.links or [])


def run(artifacts: SiteArtifacts, ctx: RunContext) -> list[Finding]:
    if unread := homepage_unread(SPEC.id, artifacts):
        return unread
    footers = artifacts.footers or []
    if not footers:
        return [make(SPEC.id, NOT_ASSESSED, ctx, status="error", url=artifacts.url,
                     message=f"{NOT_ASSESSED}：没有可读取的页面底部")]
    home = next((f for f in footers if _is_home(f, artifacts)), None)
    review_share = option(ctx, "footer_review_share", 0.2)
    out = []
    for item in FOOTER_ITEMS:
        missing = [f.url for f in footers if not _present(f, item)]
        if not missing:
            continue
        share = len(missing) / len(footers)
        home_missing = home is None or not _present(home, item)
        if home_missing and share >= 0.5:
            status = "fail"
        elif home_missing or share >= review_share:
            status = "needs_review"
        else:
            continue
        if status == "fail" and footer_unproven(home):
            status = "needs_review"          # the homepage footer was not in the static page: nothing proven
        if status == "fail" and item == "contact" and _contact_link(artifacts):
            status = "needs_review"          # "联系我们" leads to the contacts: whether that suffices is a call
        name = FOOTER_ITEM_NAMES[item]
        out.append(make(SPEC.id, item, ctx, status=status, url=home.url if home else artifacts.url,
                        location="全站页面底部功能区", item=item,
                        message=f"未在全站页面底部功能区清晰列明{name}（{len(missing)}/{len(footers)}个页面缺少）",
                        pages_missing=len(missing), pages=len(footers), examples=missing[:5],
                        homepage_missing=home_missing))
    return out
