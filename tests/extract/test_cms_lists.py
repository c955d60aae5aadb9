"""List markup of the CMS families that run most government sites (fixtures under fixtures/cms/)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.list_items import extract_datastore, extract_list, extract_list_from_tree

FIX = Path(__file__).parent / "fixtures" / "cms"
AS_OF = date(2021, 6, 30)


def page_of(name: str, url: str):
    return extract_list((FIX / name).read_text("utf-8"), url, AS_OF)


def rows(page):
    return [(i.title, i.url, i.date) for i in page.items]


def test_trs_classic_pager_and_shown_date_over_url_date():
    page = page_of("trs_classic.html", "http://www.example.gov.cn/xxgk/tzgg/")
    base = "http://www.example.gov.cn/xxgk/tzgg/"
    assert rows(page) == [
        ("关于开展2021年春季植树活动的通知", base + "202103/t20210311_123456.html", date(2021, 3, 9)),
        ("关于做好元宵节期间安全工作的通知", base + "202102/t20210226_123401.html", date(2021, 2, 26)),
        ("关于公布2021年法定节假日安排的通知", base + "202101/t20210105_123300.html", date(2021, 1, 5)),
    ]
    # t20210311 in the URL, 2021-03-09 on the list: the shown date wins.
    assert page.newest == date(2021, 3, 9)
    assert page.page_count == 12 and page.family == "trs"
    assert page.pagination == [f"{base}index_{n}.html" for n in range(1, 12)]
    assert page.total_count is None


def test_trs_count_page_document_write_pager_ignores_commented_call():
    page = page_of("trs_docwrite.html", "http://www.example.gov.cn/zcjd/index.shtml")
    assert rows(page) == [
        ("【政策解读】 一图读懂市政府工作报告", "http://www.example.gov.cn/zcjd/202104/t20210420_52601.shtml",
         date(2021, 4, 20)),
        ("【政策解读】 关于减税降费政策的解读", "http://www.example.gov.cn/zcjd/202104/t20210407_52588.shtml",
         date(2021, 4, 7)),
    ]
    assert page.page_count == 3      # var countPage = 3, not the commented createPageHTML(9, …)
    assert page.pagination == ["http://www.example.gov.cn/zcjd/index_1.shtml", "http://www.example.gov.cn/zcjd/index_2.shtml"]


def test_hanweb_datastore_records_are_items_and_dataproxy_pages_exposed():
    url = "http://www.js.gov.cn/col/col33718/index.html"
    page = page_of("hanweb_datastore.html", url)
    assert rows(page) == [
        ("连云港跨境班列运输提质提速", "http://www.js.gov.cn/art/2021/3/11/art_33718_5678.html", date(2021, 3, 11)),
        ("徐州以产业集群培育赋能中小企业发展", "http://www.js.gov.cn/art/2021/3/8/art_33718_5601.html", date(2021, 3, 8)),
        ("南通推进长江生态环境保护修复", "http://www.js.gov.cn/art/2021/2/26/art_33718_5544.html", date(2021, 2, 26)),
    ]
    assert page.script_items == 3 and page.family == "hanweb"
    assert (page.total_count, page.page_count) == (100, 4)     # totalRecord 100 / (perPage 10 × groupSize 3)
    proxy = ("http://www.js.gov.cn/module/web/jpage/dataproxy.jsp?page={}&appid=1&webid=1&path=/&columnid=33718"
             "&unitid=212860&permissiontype=0")
    assert page.pagination == [proxy.format(n) for n in (1, 2, 3, 4)]
    assert not any("index_1.html" in u for u in page.pagination)   # static index_1.html 404s on Hanweb


def test_hanweb_jpage_parameters_build_startrecord_urls():
    page = page_of("hanweb_jpage_params.html", "https://swj.dl.gov.cn/col/col4296/index.html")
    assert [(i.url, i.date) for i in page.items] == [
        ("https://swj.dl.gov.cn/art/2021/4/2/art_4296_901.html", date(2021, 4, 2)),
        ("https://swj.dl.gov.cn/art/2021/3/30/art_4296_899.html", date(2021, 3, 30))]
    assert (page.total_count, page.page_count) == (70, 2)
    assert page.pagination == [
        ("https://swj.dl.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=70&perpage=15&col=1&webid=28"
         "&path=%2F&columnid=4296&sourceContentType=1&unitid=31227&permissiontype=0")]


def test_hanweb_dataproxy_answer_parses_as_a_list():
    url = "http://jshrss.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?page=2&webid=67&columnid=77278&unitid=303271"
    text = (FIX / "hanweb_dataproxy.xml").read_text("utf-8")
    page = extract_list(text, url, AS_OF)
    assert rows(page) == [
        ("省人力资源社会保障厅关于做好职称评审工作的通知", "http://jshrss.jiangsu.gov.cn/art/2021/1/20/art_77278_1183.html",
         date(2021, 1, 20)),
        ("关于公布2020年度技工院校名单的公告", "http://jshrss.jiangsu.gov.cn/art/2021/1/8/art_77278_1170.html",
         date(2021, 1, 8)),
    ]
    assert (page.total_count, page.page_count, page.family) == (75, 3, "hanweb")
    assert page.pagination == [url.replace("page=2", "page=1"), url.replace("page=2", "page=3")]
    assert rows(extract_datastore(text, url, AS_OF)) == rows(page)
    # The same answer already parsed as HTML (CDATA mangled into comments) still gives the records.
    tree_page = extract_list_from_tree(LexborHTMLParser(text), url, AS_OF)
    assert [(i.url, i.date) for i in tree_page.items] == [(i.url, i.date) for i in page.items]
    assert (tree_page.total_count, tree_page.page_count) == (75, 3)


def test_empirecms_total_record_gap_filled_pages_and_pinned_item():
    page = page_of("empirecms.html", "http://www.example.gov.cn/zwgk/tzgg/")
    base = "http://www.example.gov.cn/zwgk/tzgg/"
    assert [i.title for i in page.items] == ["关于征集2021年民生实事项目的公告", "关于开展春季森林防火检查的通知",
                                             "关于做好学雷锋志愿服务活动的通知"]     # "[置顶]" is not part of the title
    assert [(i.url.removeprefix(base), i.date) for i in page.items] == [
        ("2020-11-02/118.html", date(2020, 11, 2)), ("2021-03-18/131.html", date(2021, 3, 18)),
        ("2021-03-05/129.html", date(2021, 3, 5))]
    assert page.newest == date(2021, 3, 18)            # the pinned first row is older: the newest date wins
    assert page.total_count == 45 and page.family == "empirecms"
    assert sorted(page.pagination) == [f"{base}index_{n}.html" for n in (2, 3, 4, 5)]


EX = "http://www.example.gov.cn"
PAGERS = {
    # fixture: (page url, [(title, date)], pagination, (total_count, page_count, family))
    "trs_page_div.html": (  # createPageHTML('page_div', 4, 1, 'list', 'shtml', 70): 1-based, with the total
        f"{EX}/zwgk/list.shtml",
        [("市政府办公室关于印发春耕生产工作方案的通知", date(2021, 3, 15)), ("关于调整部分公交线路的公告", date(2021, 3, 2))],
        [f"{EX}/zwgk/list_{n}.shtml" for n in (2, 3, 4)], (70, 4, "trs")),
    "dedecms.html": (       # list_12_N.html and <span class="pageinfo">共 3页52条</span>
        f"{EX}/a/xxgk/tzgg/",
        [("关于开展第二批次供地计划公示的通知", date(2021, 3, 18)), ("关于开展农村人居环境整治的通知", date(2021, 3, 1))],
        [f"{EX}/a/xxgk/tzgg/list_12_{n}.html" for n in (2, 3)], (52, 3, "dedecms")),
    "pbootcms.html": (      # 共25条 当前1/3页 and /?list_10_N/ links
        f"{EX}/?list_10/",
        [("关于举办2021年就业招聘会的公告", date(2021, 5, 6)), ("关于发放春季农机购置补贴的通知", date(2021, 4, 12))],
        [f"{EX}/?list_10_{n}/" for n in (2, 3)], (25, 3, "pbootcms")),
    "query_page_shtml.html": (  # ?page=N links, 共有52条记录 第1/3页; date in the first cell; date before the title
        f"{EX}/zfxxgk/list.shtml",
        [("关于公布行政许可事项清单的通知", date(2021, 3, 11)), ("关于调整最低工资标准的通知", date(2021, 2, 4)),
         ("关于开展植树节义务植树活动的通知", date(2021, 3, 10)), ("关于做好春运返程疫情防控的通知", date(2021, 2, 28))],
        [f"{EX}/zfxxgk/list.shtml?page={n}" for n in (2, 3)], (52, 3, "trs")),
}


@pytest.mark.parametrize("name", sorted(PAGERS))
def test_pager_shapes(name):
    url, items, pages, counts = PAGERS[name]
    page = page_of(name, url)
    assert [(i.title, i.date) for i in page.items] == items
    assert all(i.url.startswith(EX + "/") for i in page.items)
    assert page.pagination == pages
    assert (page.total_count, page.page_count, page.family) == counts



def test_client_paged_hidden_pages_are_still_items():
    page = page_of("client_paged.html", "http://www.example.gov.cn/xwzx/")
    assert [(i.title, i.date) for i in page.items] == [
        ("市政府召开常务会议研究防汛工作", date(2021, 6, 10)), ("全市安全生产工作会议召开", date(2021, 6, 2)),
        ("市领导调研乡村振兴重点项目", date(2021, 5, 20)), ("全市优化营商环境大会召开", date(2021, 4, 15)),
        ("市政府与高校签署战略合作协议", date(2021, 3, 1))]
    assert page.hidden_items == 3            # display:none, class="hide", ms-visible
    assert page.pagination == [] and page.newest == date(2021, 6, 10)


def test_nav_menu_is_not_a_list():
    html = ("<html><body><div class='nav'><ul><li><a href='/zwgk/'>政务公开栏目</a></li><li><a href='/zwfw/'>政务服务栏目</a></li>"
            "<li><a href='/hdjl/'>互动交流栏目</a></li></ul></div>"
            "<ul class='sub'><li><a href='/zwgk/tzgg/'>通知公告专栏</a></li><li><a href='/zwgk/zcwj/'>政策文件专栏</a></li></ul>"
            "<div class='content'><p>本栏目2021年3月起调整。</p></div></body></html>")
    page = extract_list(html, "http://www.example.gov.cn/", AS_OF)
    assert all("/zwgk/" != i.url[-6:] for i in page.items)
    assert not [i for i in page.items if i.date] and page.newest is None
    assert (page.pagination, page.total_count, page.page_count, page.hidden_items) == ([], None, None, 0)


def test_article_mentioning_a_total_is_not_a_pager_total():
    html = ("<html><body><div class='article'><h1>关于征集意见的通知</h1><p>本次共收到意见35条。</p>"
            "<p>发布日期：2021-03-01</p></div></body></html>")
    page = extract_list(html, "http://www.example.gov.cn/a/1.html", AS_OF)
    assert page.total_count is None and page.pagination == []


def test_hostile_flat_page_stays_linear():
    # 20,000 sibling items under one node (and as many hidden rows): one walk, no per-node subtree rescans.
    items = "".join(f"<li style='display:none'><a href='/a/{n}.html'>第{n}条测试新闻标题</a><span>2021-03-01</span></li>"
                    for n in range(20000))
    page = extract_list(f"<html><body><ul>{items}</ul></body></html>", "http://www.example.gov.cn/", AS_OF)
    assert len(page.items) == 20000 and page.hidden_items == 20000
