"""Main content region: 机构 entries and 办事指南 are judged on what they print, not on the site footer."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.demo.build_city import build_city
from govinspect.extract.decode_html import decode_html
from govinspect.extract.main_content import main_content_text
from govinspect.extract.org_entries import extract_org_entry
from govinspect.extract.page_text import visible_text
from govinspect.extract.service_guides import guide_elements
from govinspect.extract.understand_site import understand_site
from tests.extract.demo_crawl import crawl_demo_site

FOOTER_IDS = re.compile(r"ICP\s*备|公网安备|网站标识码")
MENU = ("<div class='nav'><a href='/'>首页</a><a href='/zwgk/'>政府信息公开</a><a href='/hdjl/'>互动交流</a></div>")


def _page(content: str, footer: str, footer_attrs: str = " class='footer'", side: str = "") -> str:
    return (f"<html><body><div class='header'>咸宁市人民政府 服务热线：12345</div>{MENU}"
            f"<div class='position'>当前位置：首页 &gt; 政府机构</div>{side}<div id='main'>{content}</div>"
            f"<div{footer_attrs}>{footer}</div></body></html>")


FOOTER = ("<p>主办单位：咸宁市人民政府办公室</p><p>联系电话：0715-8123456　地址：咸宁市温泉路20号</p>"
          "<p>鄂ICP备05003411号 网站标识码：4212000001</p>")
BARE_ORG = "<h1>市财务审计科</h1><p>主要职责：负责日常工作。</p><p>负责人：科长</p>" + "<p>承办领导交办的其他事项。</p>" * 3
FULL_ORG = BARE_ORG + "<p>办公地址：咸宁市温泉路1号</p><p>联系电话：0715-8654321</p>"


def _org(html: str):
    text = main_content_text(LexborHTMLParser(html))
    return extract_org_entry(text, "u", "市财务审计科", "首页>政府信息公开>政府机构")


@pytest.mark.parametrize("footer_attrs", [" class='footer'", " id='bottom'", "", " class='wrap'"])
def test_footer_contacts_do_not_complete_an_org_entry(footer_attrs: str) -> None:
    # marked footers (class/id) and unmarked ones (found by the ICP/标识码 signature) alike
    bare = _org(_page(BARE_ORG, FOOTER, footer_attrs))
    assert not bare.has_phone and not bare.has_address
    full = _org(_page(FULL_ORG, FOOTER, footer_attrs))
    assert full.has_phone and full.has_address


def test_sidebar_and_header_contacts_are_not_the_entry() -> None:
    side = "<div class='sidebar'><h3>联系我们</h3><p>电话：0715-8111111</p><p>地址：咸宁市银泉大道1号</p></div>"
    bare = _org(_page(BARE_ORG, FOOTER, side=side))
    assert not bare.has_phone and not bare.has_address


def test_guide_elements_come_from_the_guide_not_the_footer() -> None:
    guide = ("<h1>户口迁移办事指南</h1><p>事项名称：户口迁移</p><p>设定依据：《户口登记条例》</p>"
             "<p>申请条件：本市户籍居民</p><p>申请材料：身份证</p>")
    footer = FOOTER + "<p>办公时间：工作日 9:00-17:00 咨询电话：0715-12345 办公地址：市民之家</p>"
    text = main_content_text(LexborHTMLParser(_page(guide, footer)))
    assert guide_elements(text) == ("事项名称", "设定依据", "申请条件", "办理材料")
    assert "联系电话" in guide_elements(visible_text(LexborHTMLParser(_page(guide, footer)).body))


def test_content_wrapped_in_a_menu_or_top_box_is_kept() -> None:
    # real templates name the content box "menu_con" or "margin-top-15": half the page is never boilerplate
    article = "<p>" + "社区举办学生暑期教育活动，约有30余名在校中小学生及家长参加。" * 8 + "</p>"
    for cls in ("menu_con", "main-container margin-top-15"):
        html = f"<html><body>{MENU}<div class='{cls}'>{article}</div><div class='footer'>{FOOTER}</div></body></html>"
        text = main_content_text(LexborHTMLParser(html))
        assert "暑期教育活动" in text and not FOOTER_IDS.search(text)


def _real_pages(realdata: Path) -> list[tuple[str, str]]:
    return [(f"{p.parent.name}/{p.name}", decode_html(p.read_bytes(), None)[0])
            for p in sorted((realdata / "html").glob("*/*.html"))]


def test_real_pages_lose_their_footer_and_keep_their_body(realdata: Path) -> None:
    pages = _real_pages(realdata)
    assert len(pages) >= 60
    with_footer = kept_clean = 0
    for name, html in pages:
        tree = LexborHTMLParser(html)
        full, main = visible_text(tree.body), main_content_text(tree)
        if FOOTER_IDS.search(full[len(full) // 2:]):
            with_footer += 1
            kept_clean += not FOOTER_IDS.search(main)
        if len(full) > 300:
            assert len(main) >= 90, name          # the content itself never disappears
    assert with_footer >= 40 and kept_clean == with_footer
    bodies = {"clones_mhxqwer/htqcznd.gov.cn.html": "百丈社区举办了一期关于学生暑期教育活动",
              "clones_mhxqwer/lgcwsjkw.sh.gov.cn.html": "世界家庭医生日",
              "articles/gne_shanxi_gov_cn_article_2017.html": "山西品牌丝路行首次登陆巴西",
              "clones_mhxqwer/zxwhongshan.gov.cn.html": "武钢云谷"}
    by_name = dict(pages)
    for name, sentence in bodies.items():
        assert sentence in main_content_text(LexborHTMLParser(by_name[name])), name


def test_real_footer_phones_do_not_reach_entry_text(realdata: Path) -> None:
    """Real pages whose footer prints a phone: the main text no longer does (a bare 机构 entry would not
    look complete), while phones the article itself prints (联系人…电话) stay."""
    phone = re.compile(r"(?:电话|热线)\s*[:：]?\s*(?:\(?0\d{2,3}\)?[-－\s]?)?\d{7,8}")
    moved, kept = 0, set()
    for name, html in _real_pages(realdata):
        tree = LexborHTMLParser(html)
        full, main = visible_text(tree.body), main_content_text(tree)
        if phone.search(full[len(full) // 2:]):
            if phone.search(main):
                kept.add(name.split("/")[1])
            else:
                moved += 1
    assert moved >= 8
    assert kept == {"gqcwlmq.gov.cn.html", "lgcwsjkw.sh.gov.cn.html"}     # 联系人 lines of the articles


def test_demo_org_without_contacts_is_found() -> None:
    city = build_city(seed=7, sites=5, pages_per_site=50)
    truth = city.ground_truth()["sites"]
    for site, st in zip(city.sites, truth):
        planted = {f["subject"] for f in st["expected_findings"] if f["check"] == "missing_org_contacts"}
        if not st["columns"]:
            continue
        home, snaps = crawl_demo_site(city, site)
        orgs = understand_site(snaps, home, city.as_of).org_entries
        assert orgs, site.host
        incomplete = {o.url for o in orgs if not (o.has_phone and o.has_address)}
        assert incomplete == planted, site.host


def test_last_list_page_with_one_item_is_not_an_article() -> None:
    """共21条 第2/2页: the last page of a list may show one dated item; it is a list page (it once came out as an
    article without 来源, a missing_article_sources false positive)."""
    city = build_city(seed=5, sites=3, pages_per_site=80)
    site = city.sites[2]
    home, snaps = crawl_demo_site(city, site)
    art = understand_site(snaps, home, city.as_of)
    later_pages = [s.url for s in snaps if "page=" in s.url.lower() or "pagenum=" in s.url.lower()]
    assert later_pages
    assert not {a.url for a in art.articles} & set(later_pages)


def test_hostile_nesting_costs_linear_time() -> None:
    """3,000 nested menu boxes each holding the rest of the page: sizes come from one walk, not one per box."""
    import time

    html = ("<html><body>" + ("<div class='nav'>" + "正文内容" * 20) * 3000 + "</div>" * 3000
            + "<div>版权所有 ICP备123</div>" * 2000 + "</body></html>")
    start = time.perf_counter()
    text = main_content_text(LexborHTMLParser(html))
    assert time.perf_counter() - start < 3.0
    assert "正文内容" in text and "ICP备" not in text
