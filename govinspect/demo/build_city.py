"""build_city(): the deterministic, seeded demo city of government websites and new-media accounts."""
from __future__ import annotations

from datetime import date

from govinspect.demo.city_model import DemoSite
from govinspect.demo.column_tree import build_columns, standard_specs
from govinspect.demo.demo_accounts import build_accounts
from govinspect.demo.demo_city import DemoCity
from govinspect.demo.plan_defects import apply_roles, roles_for
from govinspect.demo.prose import pick
from govinspect.demo.sample_draw import drawn_sample
from govinspect.demo.site_content import SiteContent
from govinspect.demo.xianning_units import CITY, PROVINCE_ABBR, Unit, all_units

DEFECT_MODES = ("all", "none")
# Units that carry the role sites, in role order (see plan_defects.ROLES).
ROLE_UNITS = ("www.xianning.gov.cn", "www.xianan.gov.cn", "jyj.xianning.gov.cn", "lyj.xianning.gov.cn",
              "www.chibi.gov.cn", "www.tongshan.gov.cn", "www.chongyang.gov.cn", "sjj.xianning.gov.cn",
              "www.jiayu.gov.cn", "tjj.xianning.gov.cn")
ROLE_TEMPLATES = ("trs", "hanweb", "jcms", "hanweb", "trs", "jcms", "trs", "hanweb", "jcms", "trs")
NONCONFORMING_HOST = "www.xnslyj.com"     # the nav_only site (市林业局) on a .com domain
TEMPLATES = ("trs", "hanweb", "jcms")


def _ordered_units(sites: int) -> list[Unit]:
    units = all_units()
    by_host = {u.host: u for u in units}
    first = [by_host[h] for h in ROLE_UNITS]
    rest = [u for u in units if u.host not in ROLE_UNITS]
    ordered = first + rest
    if sites > len(ordered):
        raise ValueError(f"演示城市最多 {len(ordered)} 个网站（要求 {sites} 个）")
    return ordered[:sites]


def _consultation_name(unit: Unit) -> str:
    if not unit.is_portal:
        return "局长信箱" if unit.unit.endswith("局") else "政务咨询"
    return {"市": "市长信箱", "区": "区长信箱", "县": "县长信箱"}[unit.region.name[-1]]


def _make_site(i: int, unit: Unit, seed: int, pages: int, as_of: date) -> DemoSite:
    template = ROLE_TEMPLATES[i] if i < len(ROLE_TEMPLATES) else TEMPLATES[i % 3]
    encoding = "gbk" if i == 1 else "gb2312" if i >= len(ROLE_TEMPLATES) and i % 7 == 1 else "utf-8"
    key = f"{seed}|{unit.host}"
    site = DemoSite(
        index=i, site_code=unit.site_code, name=unit.name, organizer=unit.organizer,
        region=unit.region.group if unit.region is not CITY else "市直", is_portal=unit.is_portal,
        has_services=unit.has_services, host=unit.host, template=template, encoding=encoding, role="clean",
        unit=unit.unit, place=unit.region.name,
        contact_phone=f"0715-8{pick(key + 'tel', 10**7):07d}",
        icp=f"{PROVINCE_ABBR}ICP备{10_000_000 + pick(key + 'icp', 9 * 10**7)}号-1",
        police_filing=f"{unit.site_code[:6]}02{pick(key + 'ga', 10**6):06d}",
    )
    site.columns = build_columns(standard_specs(unit.is_portal, _consultation_name(unit)), pages, as_of, key)
    return site


def _mirror_interpretations(site: DemoSite) -> None:
    """政策解读 item k explains 政策文件 item interp_policies[k] (planted gaps left out)."""
    policies, interps = site.columns_of_type("policy"), site.columns_of_type("interpretation")
    if not policies or not interps:
        return
    site.interp_policies = [i for i in range(policies[0].count) if i not in site.plants.missing_interp_policies]
    interps[0].count = len(site.interp_policies)
    interps[0].newest = policies[0].newest


def _gap_in_sample(city: DemoCity, site: DemoSite) -> None:
    """D7 deducts only for the 3 policy documents a seeded sample draws (indicators.md §4.1), so a planted
    policy without 解读 must be one of them: swap its index with a sampled one (a permutation of the
    policy indices the 解读 plants use, so every plant keeps its meaning)."""
    p, policies = site.plants, site.columns_of_type("policy")
    if not p.missing_interp_policies or not policies:
        return
    content = SiteContent(site, city.seed, city.as_of)
    paths = [content.path(policies[0], i) for i in range(policies[0].count)]
    sampled = [paths.index(u) for u in drawn_sample("missing_interpretations", paths, site.site_code)]
    if p.missing_interp_policies & set(sampled):
        return
    linked = p.interp_no_link_to_policy | p.interp_no_link_from_policy
    target = next((i for i in sampled if i not in linked), sampled[0])
    old = min(p.missing_interp_policies)
    swap = {old: target, target: old}
    for plants in (p.missing_interp_policies, p.interp_no_link_to_policy, p.interp_no_link_from_policy):
        moved = {swap.get(i, i) for i in plants}
        plants.clear()
        plants.update(moved)
    _mirror_interpretations(site)


def build_city(seed: int = 7, sites: int = 5, pages_per_site: int = 50, accounts: int = 20,
               as_of: date = date(2020, 7, 17), defects: str = "all", skin_seed: int | None = None) -> DemoCity:
    """Build the demo city. Only structure is kept; pages are rendered by ``DemoCity.render``.

    ``defects="all"`` plants every check id of model/check_ids.py somewhere (sites ≥ 5, accounts ≥ 16);
    ``defects="none"`` gives a clean city. ``skin_seed=N`` renders site i through
    ``random_skin(N * 1000 + i)`` instead of its template's skin (same content, same ground truth).
    """
    if defects not in DEFECT_MODES:
        raise ValueError(f"defects 只能是 {' / '.join(DEFECT_MODES)}（收到 {defects!r}）")
    if sites < 1 or pages_per_site < 1 or accounts < 0:
        raise ValueError("sites 和 pages_per_site 至少为 1，accounts 不能为负数")
    plan = roles_for(sites, defects)
    built = []
    for i, unit in enumerate(_ordered_units(sites)):
        site = _make_site(i, unit, seed, pages_per_site, as_of)
        site.role = "+".join(plan[i])
        apply_roles(site, plan[i], as_of)
        if "nav_only" in plan[i]:
            site.host = NONCONFORMING_HOST
        site.index_columns()
        if skin_seed is not None:
            site.skin_seed = skin_seed * 1000 + i
        _mirror_interpretations(site)
        built.append(site)
    city = DemoCity(seed=seed, as_of=as_of, defects=defects, sites=built,
                    accounts=build_accounts(accounts, as_of, defects), pages_per_site=pages_per_site)
    for site in built:
        _gap_in_sample(city, site)
    return city


__all__ = ["DemoCity", "SiteContent", "build_city"]
