"""Which site carries which planted defects (``defects="all"``), and how each plant bends a site.

Site-level vetoes sit on a few sites only so most of a large city stays scorable. With fewer
sites than roles, roles are merged (``MERGED_ROLES``) so that every check id is still planted.
"""
from __future__ import annotations

from datetime import date, timedelta

from govinspect.demo import personal_data_plants
from govinspect.demo.city_model import DemoColumn, DemoSite
from govinspect.demo.prose import pick
from govinspect.demo.spam_plants import TRICKS
from govinspect.model.artifacts import SERVICE_GUIDE_ELEMENTS

# One role per site for large cities, in site order; later sites are "light" (small deductions)
# or "clean".
ROLES = ("portal_deductions", "content_security", "stale", "nav_only", "unreachable", "blocked",
         "unanswered", "guides", "nav_only_fresh", "no_service_function")
# Cities smaller than len(ROLES): the roles each site carries.
MERGED_ROLES = {
    1: (("portal_deductions", "content_security", "stale", "unanswered", "guides"),),
    2: (("portal_deductions",), ("content_security", "stale", "unanswered", "guides")),
    3: (("portal_deductions",), ("content_security",), ("stale", "unanswered", "guides")),
    4: (("portal_deductions",), ("content_security",), ("stale", "unanswered", "guides"), ("nav_only",)),
    5: (("portal_deductions",), ("content_security",), ("stale", "unanswered", "guides"), ("nav_only",),
        ("unreachable",)),
    6: (("portal_deductions",), ("content_security",), ("stale", "unanswered", "guides"), ("nav_only",),
        ("unreachable",), ("blocked",)),
    7: (("portal_deductions",), ("content_security",), ("stale", "guides"), ("nav_only",),
        ("unreachable",), ("blocked",), ("unanswered",)),
}


def roles_for(sites: int, defects: str) -> list[tuple[str, ...]]:
    if defects == "none":
        return [("clean",)] * sites
    if sites in MERGED_ROLES:
        return list(MERGED_ROLES[sites])
    extra = [("light",) if i % 3 else ("clean",) for i in range(max(0, sites - len(ROLES)))]
    return ([(r,) for r in ROLES] + extra)[:sites]


def _col(site: DemoSite, slug: str) -> DemoColumn | None:
    return next((c for c in site.columns if c.slug == slug), None)


def _col_at_least(site: DemoSite, slug: str, count: int) -> DemoColumn:
    """The column ``slug``, grown to at least ``count`` items so every planted index exists."""
    col = _col(site, slug)
    assert col is not None, slug
    col.count = max(col.count, count)
    return col


def _make_stale(col: DemoColumn, as_of: date, days: int) -> None:
    col.newest = as_of - timedelta(days=days)


def _make_blank(col: DemoColumn) -> None:
    col.count, col.newest = 0, None


def remove_column(site: DemoSite, slug: str) -> None:
    """Drop a column and its subtree (cids stay stable: they appear in URLs)."""
    doomed = {c.cid for c in site.columns if c.slug == slug or c.slug.startswith(slug + "/")}
    site.columns = [c for c in site.columns if c.cid not in doomed]
    for c in site.columns:
        c.children = [k for k in c.children if k not in doomed]


def plant_portal_deductions(site: DemoSite, as_of: date) -> None:
    p = site.plants
    p.broken_links += [("/ztzl/ggzyjy/", True), ("/images/banner_2019.jpg", True),
                       ("http://www.gov.cn/zhengce/xxgk/2019gk.htm", True),
                       ("/uploadfiles/202005/fujian1.doc", False)]
    p.soft_404_paths.add("/zwgk/old/")
    p.broken_links.append(("/zwgk/old/", True))
    news = _col_at_least(site, "dtyw/bdyw", 4)
    _col_at_least(site, "zcwj", 5)
    _col_at_least(site, "hdjl/ldxx", 6)
    _col_at_least(site, "bsfw/bszn", 3)
    p.items[(news.cid, 1)] = {"no_source": True}
    p.items[(news.cid, 2)] = {"no_source": True}
    p.items[(news.cid, 0)] = {"attachment_link": "/uploadfiles/202005/fujian1.doc"}
    p.missing_interp_policies.add(1)
    p.interp_no_link_to_policy.add(0)
    p.interp_no_link_from_policy.update({2, 3})
    p.interp_no_link_to_policy.add(3)          # policy 3 and its 解读 do not link at all
    p.messages_incomplete.update({1, 3})
    p.orgs_without_contacts.add(2)
    p.guides_incomplete[1] = SERVICE_GUIDE_ELEMENTS[4:9]
    if (col := _col(site, "dtyw/xzdt") or _col(site, "dtyw/tpxw")) is not None:
        _make_stale(col, as_of, 25)
    if (col := _col(site, "rsxx")) is not None:
        _make_stale(col, as_of, 420)
    if (col := _col(site, "ztzl/zt02")) is not None:
        _make_blank(col)
    plant_personal_data(site)


def plant_personal_data(site: DemoSite) -> None:
    """personal_data_leaks (needs_review): a 公示 table in a notice, an xlsx, a PDF and a docx attachment;
    notice 0 names an office contact by mobile (legitimate: never a finding)."""
    notice = _col_at_least(site, "tzgg", 5)
    p = site.plants
    p.items[(notice.cid, 0)] = {"office_contact": True}
    p.items[(notice.cid, 1)] = {"personal_table": True}
    for k, path in enumerate(personal_data_plants.FILES, 2):
        p.items[(notice.cid, k)] = {"attachment_link": path, "personal_file": True}


def plant_content_security(site: DemoSite, as_of: date) -> None:
    p = site.plants
    p.hidden_links = list(TRICKS)
    p.cloaking = True
    notice = _col_at_least(site, "tzgg", 3)
    news = _col_at_least(site, "dtyw/bdyw", 5)
    other = _col_at_least(site, "dtyw/bmdt", 6)
    p.hijacked_title_cid = notice.cid
    policy = _col_at_least(site, "zcwj", 3)
    p.spam_meta_cid = policy.cid
    p.items[(news.cid, 0)] = {"forged": as_of + timedelta(days=37)}
    p.items[(news.cid, 2)] = {"wording": "习进平"}
    p.items[(news.cid, 3)] = {"wording": wrong_leader_title(as_of)}
    p.items[(other.cid, 1)] = {"wording": "国家工商行政管理总局"}
    p.items[(other.cid, 2)] = {"wording": "国家卫生和计划生育委员会"}
    p.items[(other.cid, 3)] = {"spam_tail": True}
    p.items[(other.cid, 4)] = {"wording": "国土资源部"}
    p.items[(other.cid, 5)] = {"wording": "环境保护部"}


def wrong_leader_title(as_of: date) -> str:
    """A leader's title that was no longer true at (roughly) the article's date."""
    if as_of >= date(2023, 6, 1):
        return "国务院总理李克强"           # term ended 2023-03-11
    return "国务院副总理张高丽"             # term ended 2018-03-19


def plant_stale(site: DemoSite, as_of: date) -> None:
    """≥5 stale 动态要闻 columns (V4a), ≥5 blank columns (V4c), missing 信息公开 columns, no recent replies."""
    news = [c for c in site.columns if c.column_type == "news" and not c.is_container]
    for extra in range(max(0, 6 - len(news))):
        news.append(_add_column(site, "dtyw", f"dtyw/gz{extra}", ("工作简报", "基层动态", "媒体聚焦")[extra % 3],
                                "news", as_of))
    for k, col in enumerate(news[:6]):
        _make_stale(col, as_of, 20 + 11 * k)
    notice = _col(site, "tzgg")
    assert notice is not None
    _make_stale(notice, as_of, 8)        # homepage keeps being updated: V3 must not fire here
    for slug in ("hdjl/zxft", "hdjl/dczj", "zwgk/tjsj", "ztzl/zt01", "ztzl/zt02"):
        if (col := _col(site, slug)) is not None:
            _make_blank(col)
    for slug in ("zwgk/czzj", "zwgk/ghjh"):
        remove_column(site, slug)
    msgs = _col(site, "hdjl/ldxx")
    assert msgs is not None
    _make_stale(msgs, as_of, 75)           # newest reply older than 2 months: no_recent_replies


def _add_column(site: DemoSite, parent_slug: str, slug: str, name: str, column_type: str,
                as_of: date) -> DemoColumn:
    parent = _col(site, parent_slug)
    assert parent is not None
    col = DemoColumn(cid=max(c.cid for c in site.columns) + 1, name=name, path=parent.path + (name,), slug=slug,
                     column_type=column_type, level=parent.level + 1, count=4,
                     newest=as_of, interval=3.0, parent=parent.cid)
    parent.children.append(col.cid)
    site.columns.append(col)
    return col


def plant_unanswered(site: DemoSite, as_of: date) -> None:
    msgs = _col_at_least(site, "hdjl/ldxx", 14)
    msgs.interval = 16.0     # messages 6 and 9 were asked 3–8 months before as_of
    site.plants.messages_unanswered.update({6, 9})


def plant_guides(site: DemoSite, as_of: date) -> None:
    _col_at_least(site, "bsfw/bszn", 9)
    for k in range(5):
        missing = SERVICE_GUIDE_ELEMENTS[1:] if k == 0 else SERVICE_GUIDE_ELEMENTS[3 + k % 2: 9]
        site.plants.guides_incomplete[1 + k] = tuple(missing)


def plant_nav_only(site: DemoSite, as_of: date) -> None:
    p = site.plants
    p.nav_only_homepage = True
    p.no_services = True
    p.no_consultation = True
    p.missing_footer.update({"conac_badge", "police_filing"})
    p.invalid_footer_code = site.site_code[:9]           # 9 digits: a typo in the footer
    p.no_search = p.no_viewport = p.no_ipv6 = p.no_error_report = True
    for col in site.columns:                              # nothing new anywhere for 5 weeks
        if col.newest is not None and not col.historical:
            col.newest = min(col.newest, as_of - timedelta(days=35 + pick(col.slug, 20)))
    remove_column(site, "bsfw")
    remove_column(site, "hdjl/ldxx")


def plant_nav_only_fresh(site: DemoSite, as_of: date) -> None:
    """A navigation-only homepage whose second-level pages ARE updated: V3 must not fire (precision)."""
    site.plants.nav_only_homepage = True


def plant_no_service_function(site: DemoSite, as_of: date) -> None:
    """A unit without external services (registry 有无办事服务=否) and no 办事服务: no missing_services."""
    site.has_services = False
    remove_column(site, "bsfw")


def plant_light(site: DemoSite, as_of: date) -> None:
    """One small deduction, varying by site (never a veto)."""
    p = site.plants
    choice = pick(site.host, 7)
    if choice == 0:
        news = _col_at_least(site, "dtyw/bdyw", 3)
        p.items[(news.cid, 1)] = {"no_source": True}
    elif choice == 1:
        p.broken_links.append(("/ztzl/2018nzt/", True))
    elif choice == 2:
        p.missing_footer.add("police_filing")
    elif choice == 3 and (col := _col(site, "ztzl/zt02")) is not None:
        _make_blank(col)
    elif choice == 4 and (col := _col(site, "dtyw/tpxw")) is not None:
        _make_stale(col, as_of, 30)
    elif choice == 5:
        p.orgs_without_contacts.add(1)
    else:
        p.no_error_report = True


PLANTERS = {
    "portal_deductions": plant_portal_deductions, "content_security": plant_content_security,
    "stale": plant_stale, "unanswered": plant_unanswered, "guides": plant_guides,
    "nav_only": plant_nav_only, "light": plant_light, "nav_only_fresh": plant_nav_only_fresh,
    "no_service_function": plant_no_service_function,
}


def apply_roles(site: DemoSite, roles: tuple[str, ...], as_of: date) -> None:
    for role in roles:
        if role == "unreachable":
            site.plants.unreachable = True
        elif role == "blocked":
            site.plants.blocked = True
        elif role in PLANTERS:
            PLANTERS[role](site, as_of)
