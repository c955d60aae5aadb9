"""Column references from menus, breadcrumbs and sitemaps; classification by name and place."""
from __future__ import annotations

from datetime import date

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.classify_column import classify_column
from govinspect.extract.columns import (
    breadcrumb,
    breadcrumb_columns,
    canonical_column_url,
    nav_columns,
    same_site,
)
from govinspect.extract.sitemap_columns import sitemap_columns

HOME = "http://www.example.gov.cn/"


def test_nav_with_sub_menus_and_dl_menus():
    html = """<html><body><div id="nav"><ul><li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a><ul class="sub"><li><a href="/zwgk/tzgg/">通知公告</a></li>
    <li><a href="/zwgk/zcwj/">政策文件</a></li></ul></li><li><a href="/hdjl/">互动交流</a></li>
    <li><a href="http://www.other.com/">外部链接</a></li></ul></div>
    <div class="menu"><dl><dt><a href="/bsfw/">办事服务</a></dt><dd><a href="/bsfw/bszn/">办事指南</a></dd></dl>
    <a href="/x/">网站地图</a></div></body></html>"""
    refs = nav_columns(LexborHTMLParser(html), HOME, HOME)
    paths = {r.path: r.parent_url for r in refs}
    assert ("首页", "政务公开", "通知公告") in paths
    assert paths[("首页", "政务公开", "政策文件")] == "http://www.example.gov.cn/zwgk/"
    assert ("首页", "互动交流") in paths and ("首页", "办事服务", "办事指南") in paths
    assert not any("外部链接" in p or "网站地图" in p or p[-1] == "首页" for p in paths)


@pytest.mark.parametrize("crumb, expect", [
    (('<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; '
     '<a href="/xxgk/zcwj/">政策文件</a></div>'), [("信息公开", "/xxgk/"), ("政策文件", "/xxgk/zcwj/")]),
    ('<div class="bread">您现在的位置：<a href="/">网站首页</a> » <a href="/xwzx/">新闻中心</a> » 部门动态</div>',
     [("新闻中心", "/xwzx/"), ("部门动态", None)]),
    ('<table><tr><td>当前位置：<a href="/">首页</a>＞<a href="/col/col123/index.html">通知公告</a>＞正文</td></tr></table>',
     [("通知公告", "/col/col123/index.html")]),
    (('<div class="sx-more1"><a href="/" class="CurrChnlCls">首页</a>-&gt;<a href="/zfwj/" class="CurrChnlCls">'
     '政府文件</a>-&gt;<a href="/zfwj/jq/" class="CurrChnlCls">近期信息公开</a></div>'),
     [("政府文件", "/zfwj/"), ("近期信息公开", "/zfwj/jq/")]),
])
def test_breadcrumb_variants(crumb, expect):
    trail = breadcrumb(LexborHTMLParser(f"<html><body>{crumb}<p>正文内容</p></body></html>"), HOME + "p/1.html")
    assert [(n, u.replace("http://www.example.gov.cn", "") if u else None) for n, u in trail] == expect


def test_breadcrumb_unlinked_tail_is_the_list_page():
    html = ('<html><body><div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a>'
            ' &gt; 部门动态</div></body></html>')
    tree = LexborHTMLParser(html)
    refs = breadcrumb_columns(tree, HOME + "xwzx/bmdt/", HOME, page_is_list=True)
    assert [(r.path, r.url) for r in refs] == [
        (("首页", "新闻中心"), HOME + "xwzx/"), (("首页", "新闻中心", "部门动态"), HOME + "xwzx/bmdt/")]
    assert len(breadcrumb_columns(tree, HOME + "xwzx/bmdt/1.html", HOME, page_is_list=False)) == 1


def test_real_breadcrumbs(realdata):
    html = (realdata / "html/clones_mhxqwer/lszqingdao.gov.cn.html").read_text("utf-8")
    trail = breadcrumb(LexborHTMLParser(html), "http://www.qingdao.gov.cn/zwgk/xxgk/sfj/flxx/zfjs/1.html")
    assert [n for n, _ in trail] == ["政府信息公开", "部门信息公开目录", "青岛市司法局", "重点领域", "法治政府建设"]
    html = (realdata / "html/lists/hd_gov_cn_xxgk_list_2020.html").read_text("utf-8")
    trail = breadcrumb(LexborHTMLParser(html), "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/")
    assert [n for n, _ in trail] == ["政府文件", "近期信息公开"]


def test_sitemap_nested_and_heading_styles():
    nested = """<html><head><title>网站地图</title></head><body><div class="sitemap"><h2>网站地图</h2><ul>
    <li><a href="/zwgk/">政府信息公开</a><ul><li><a href="/zwgk/czzj/">财政资金</a></li></ul></li>
    <li><a href="/tzgg/">通知公告</a></li></ul></div></body></html>"""
    refs = sitemap_columns(LexborHTMLParser(nested), HOME + "sitemap.html", HOME)
    assert {r.path for r in refs} == {("首页", "政府信息公开"), ("首页", "政府信息公开", "财政资金"), ("首页", "通知公告")}
    headings = """<html><head><title>网站地图</title></head><body><div class="wzdt">
    <div class="item"><h3><a href="/xwzx/">新闻中心</a></h3><a href="/xwzx/ywdt/">要闻动态</a><a href="/xwzx/bmdt/">部门动态</a></div>
    <div class="item"><h3>政务公开</h3><a href="/zwgk/zcwj/">政策文件</a></div></div></body></html>"""
    refs = sitemap_columns(LexborHTMLParser(headings), HOME + "wzdt/", HOME)
    assert {r.path for r in refs} == {("首页", "新闻中心"), ("首页", "新闻中心", "要闻动态"),
                                      ("首页", "新闻中心", "部门动态"), ("首页", "政务公开", "政策文件")}


def test_urls_and_scope():
    assert canonical_column_url("https://www.x.gov.cn/col/index.html") == canonical_column_url("http://www.x.gov.cn/col/")
    assert same_site("http://xxgk.hd.gov.cn/a", "http://www.hd.gov.cn/")
    assert not same_site("http://www.hd.com/a", "http://www.hd.gov.cn/")
    assert same_site("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/")
    assert not same_site("http://127.0.0.1:9090/a", "http://127.0.0.1:8080/")


@pytest.mark.parametrize("name, path, expect", [
    ("本地要闻", ("首页", "动态要闻", "本地要闻"), "news"),
    ("区县动态", ("首页", "区县动态"), "news"),
    ("媒体聚焦", ("首页", "新闻中心", "媒体聚焦"), "news"),
    ("通知公告", ("首页", "通知公告"), "notice"),
    ("公示公告", ("首页", "公示公告"), "notice"),
    ("规范性文件", ("首页", "信息公开", "规范性文件"), "policy"),
    ("政策解读", ("首页", "政策解读"), "interpretation"),
    ("人事信息", ("首页", "人事信息"), "personnel"),
    ("规划计划", ("首页", "信息公开", "规划计划"), "planning"),
    ("在线访谈", ("首页", "互动交流", "在线访谈"), "interview"),
    ("意见征集", ("首页", "互动交流", "意见征集"), "survey"),
    ("市长信箱", ("首页", "互动交流", "市长信箱"), "consultation"),
    ("网上信访", ("首页", "互动交流", "网上信访"), "other"),
    ("办事指南", ("首页", "办事服务", "办事指南"), "service"),
    ("政府信息公开指南", ("首页", "政府信息公开", "政府信息公开指南"), "disclosure_guide"),
    ("法定主动公开内容", ("首页", "政府信息公开", "法定主动公开内容"), "disclosure_catalog"),
    ("政府信息公开年报", ("首页", "政府信息公开", "政府信息公开年报"), "disclosure_report"),
    ("财政预决算", ("首页", "信息公开", "财政预决算"), "finance"),
    ("统计数据", ("首页", "统计数据"), "statistics"),
    ("疫情防控专题", ("首页", "专题专栏", "疫情防控专题"), "special"),
    ("政务公开", ("首页", "专题专栏", "政务公开"), "special"),
    ("机构职能", ("首页", "机构职能"), "overview"),
])
def test_classify_column(name, path, expect):
    assert classify_column(name, path, date(2024, 6, 1)).column_type == expect


def test_historical_specials_need_review():
    old = classify_column("庆祝中华人民共和国成立70周年", ("首页", "专题专栏", "庆祝中华人民共和国成立70周年"), date(2024, 6, 1))
    assert old.historical and old.needs_review
    current = classify_column("2024年防汛专题", ("首页", "专题专栏", "2024年防汛专题"), date(2024, 6, 1))
    assert not current.historical
    unknown = classify_column("阳光热线", ("首页", "阳光热线"))
    assert unknown.column_type == "consultation"
    assert classify_column("其他", ("首页", "其他")).needs_review


def test_two_week_columns_agree_with_a_real_monitoring_config(realdata):
    """滁州市财政局's own column-monitoring config (update interval per column, nobody here wrote it):
    a column is 动态要闻类 (2 weeks) exactly when the config says 14 days."""
    import json
    rows = json.loads((realdata / "sites/govsitewatcher_chuzhou_czj_columns_table.json").read_text("utf-8"))[1:]
    rows = [r for r in rows if r[0] and r[2]]
    agree = sum((r[2] == 14) == (classify_column(r[0], ("首页", r[0])).column_type == "news") for r in rows)
    assert len(rows) == 63 and agree / len(rows) >= 0.95      # measured 62/63


def test_nav_unlinked_parents_and_div_submenus():
    html = ('<div class="nav"><ul><li><span>政务公开</span><ul><li><a href="/a/">通知公告</a></li></ul></li>'
            '<li><a href="/c/">互动交流</a><div class="sub"><a href="/d/">领导信箱</a><a href="/e/">在线访谈</a></div></li>'
            '</ul></div>')
    refs = {r.path: r.parent_url for r in nav_columns(LexborHTMLParser(html), HOME, HOME)}
    assert ("首页", "政务公开", "通知公告") in refs
    assert refs[("首页", "互动交流", "领导信箱")] == HOME + "c/"
    assert ("首页", "互动交流") in refs


def test_side_menus_give_siblings_or_children_only_with_proof():
    from govinspect.extract.subnav_columns import subnav_columns
    page = HOME + "xxgk/tzgg/"
    siblings = ('<html><body><div class="left"><h3>信息公开</h3><ul><li><a href="/xxgk/tzgg/">通知公告</a></li>'
                '<li><a href="/xxgk/zcwj/">政策文件</a></li><li><a href="/xxgk/rsxx/">人事信息</a></li></ul></div></body></html>')
    refs = subnav_columns(LexborHTMLParser(siblings), page, HOME, ("首页", "信息公开", "通知公告"))
    assert {r.path for r in refs} == {("首页", "信息公开", "政策文件"), ("首页", "信息公开", "人事信息")}
    children = ('<html><body><div class="side"><h3>通知公告</h3><a href="/xxgk/tzgg/sj/">市级公告</a>'
                '<a href="/xxgk/tzgg/xq/">县区公告</a></div></body></html>')
    refs = subnav_columns(LexborHTMLParser(children), page, HOME, ("首页", "信息公开", "通知公告"))
    assert {r.path for r in refs} == {("首页", "信息公开", "通知公告", "市级公告"), ("首页", "信息公开", "通知公告", "县区公告")}
    unrelated = ('<html><body><div class="left"><h3>热点推荐</h3><a href="/a/1.html">某某会议召开</a>'
                 '<a href="/a/2.html">某某活动举办</a></div></body></html>')
    assert subnav_columns(LexborHTMLParser(unrelated), page, HOME, ("首页", "信息公开", "通知公告")) == []
