"""list_items on the real 邯郸 pages and on the markup variants real CMSs print."""
from __future__ import annotations

import re
from datetime import date

import pytest

from govinspect.extract.list_items import extract_list

HD = "html/lists/hd_gov_cn_xxgk_home_2020.html"


def test_hd_home_all_61_dated_items(realdata):
    html = (realdata / HD).read_text("utf-8")
    # Truth read from the markup itself: <a href><p>title</p></a><span>YYYY-MM-DD</span>.
    truth = re.findall(r'<a href="([^"]+)" target="_blank">\s*<p>[^<]*</p>\s*</a><span>(20\d\d-\d\d-\d\d)</span>', html)
    assert len(truth) == 61
    page = extract_list(html, "http://hdzfxxgk.hd.gov.cn/", date(2020, 8, 10))
    got = [(i.url, i.date.isoformat()) for i in page.items if i.date]
    assert got == truth
    assert page.newest == date(2020, 8, 2)


def test_hd_list_table_and_pagination(realdata):
    html = (realdata / "html/lists/hd_gov_cn_xxgk_list_2020.html").read_text("utf-8")
    page = extract_list(html, "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/", date(2020, 8, 10))
    dated = [i for i in page.items if i.date]
    assert [(i.date, i.title[:6]) for i in dated] == [(date(2020, 8, 5), "邯郸市教育局")]
    assert page.page_count == 56
    assert "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html" in page.pagination
    assert "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_55.html" in page.pagination
    assert not any("t2017" in u for u in page.pagination)


AS_OF = date(2024, 6, 30)
VARIANTS = {
    "li_span": '<ul class="list"><li><a href="/a/1.html">关于做好防汛工作的通知</a><span>2024-06-01</span></li>'
               '<li><a href="/a/2.html">关于开展安全检查的通知</a><span>2024-05-20</span></li></ul>',
    "trs_table": '<table><tr><td class="bt"><a href="./202406/t20240601_1.html" title="关于做好防汛工作的通知">'
                 '关于做好防汛工作...</a></td><td>鄂政办发〔2024〕3号</td><td class="bt_time">2024年06月01日</td></tr>'
                 '<tr><td><a href="./202405/t20240520_2.html">关于开展安全检查的通知</a></td><td></td>'
                 '<td>2024年05月20日</td></tr></table>',
    "dl_dd": '<dl><dd><span class="time">2024-06-01</span><a href="/a/1.html">关于做好防汛工作的通知</a></dd>'
             '<dd><span class="time">2024-05-20</span><a href="/a/2.html">关于开展安全检查的通知</a></dd></dl>',
    "div_list": '<div class="list"><div class="item"><a href="/a/1.html">关于做好防汛工作的通知</a>'
                '<em>[06-01]</em></div><div class="item"><a href="/a/2.html">关于开展安全检查的通知</a>'
                '<em>[05-20]</em></div></div>',
    "bare_siblings": '<div class="news"><a href="/a/1.html">关于做好防汛工作的通知</a> 2024/06/01<br>'
                     '<a href="/a/2.html">关于开展安全检查的通知</a> 2024/05/20<br></div>',
    "li_bare_dotted": '<ul><li style="position:static;"><a href=/a/1.html target=_blank>关于做好防汛工作的通知</a>'
                      '[06.01] </li><li><a href=/a/2.html target=_blank>关于开展安全检查的通知</a>[05.20] </li></ul>',
    "date_in_title_cell": '<ul><li><a href="/a/1.html"><span class="t">关于做好防汛工作的通知</span>'
                          '<span class="d">2024.06.01</span></a></li><li><a href="/a/2.html">'
                          '<span class="t">关于开展安全检查的通知</span><span class="d">2024.05.20</span></a></li></ul>',
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_markup_variants(name):
    html = f"<html><body><div class='nav'><a href='/'>首页</a><a href='/xxgk/'>信息公开</a></div>{VARIANTS[name]}" \
           "<div class='footer'><a href='/wzdt/'>网站地图网站地图</a></div></body></html>"
    page = extract_list(html, "http://www.example.gov.cn/col/tzgg/index.html", AS_OF)
    assert [(i.title, i.date) for i in page.items] == [
        ("关于做好防汛工作的通知", date(2024, 6, 1)), ("关于开展安全检查的通知", date(2024, 5, 20))]
    assert page.items[0].url.startswith("http://www.example.gov.cn/")


def test_blank_column_marker():
    html = "<html><body><div class='main'><h2>人事信息</h2><div class='no-data'>暂无信息</div></div></body></html>"
    page = extract_list(html, "http://www.example.gov.cn/rsxx/", AS_OF)
    assert page.items == [] and page.blank_marker == "暂无信息"


def test_future_item_flagged_and_not_newest():
    html = ('<ul><li><a href="/a/1.html">关于做好防汛工作的通知</a><span>2025-06-01</span></li>'
            '<li><a href="/a/2.html">关于开展安全检查的通知</a><span>2024-05-20</span></li></ul>')
    page = extract_list(html, "http://www.example.gov.cn/", AS_OF)
    assert page.items[0].future_date and page.future_items == 1
    assert page.newest == date(2024, 5, 20)


def test_table_header_picks_publication_date_over_document_date():
    html = ("<table><tr><th>名称</th><th>文号</th><th>成文日期</th><th>发布日期</th></tr>"
            "<tr><td><a href='/art/1.html'>关于推进文明城市创建的若干措施</a></td><td>咸安政发〔2020〕38号</td>"
            "<td>2020-06-21</td><td>2020-06-23</td></tr></table>")
    page = extract_list(html, "http://www.example.gov.cn/zcwj/", AS_OF)
    assert [(i.date, i.date_text) for i in page.items] == [(date(2020, 6, 23), "2020-06-23")]


def test_month_day_year_from_url_and_title_attribute_cleanup(realdata):
    html = (realdata / "html/clones_mhxqwer/ycrjinan.gov.cn.html").read_text("utf-8")
    page = extract_list(html, "http://www.jinan.gov.cn/", date(2025, 12, 31))
    dated = [(i.title, i.date) for i in page.items if i.date]
    # "[06-01]" with as_of 2025 would be 2025-06-01; the URLs (/art/2024/6/1/) say 2024.
    assert ("市政府党组召开扩大会议", date(2024, 6, 1)) in dated
    assert all(d == date(2024, 6, 1) for _, d in dated)


def test_sidebar_lists_do_not_make_a_column_fresh():
    html = ('<div class="list"><ul><li><a href="/tzgg/1.html">关于开展安全检查的通知</a><span>2023-01-05</span></li>'
            '<li><a href="/tzgg/2.html">关于做好防汛工作的通知</a><span>2022-12-20</span></li></ul></div>'
            '<div class="side-hot"><h3>热点信息</h3><ul><li><a href="/xw/9.html">市领导调研重点项目建设</a>'
            '<span>2024-06-29</span></li></ul></div>')
    page = extract_list(html, "http://www.example.gov.cn/tzgg/", AS_OF)
    assert len(page.items) == 3 and len(page.side_items) == 1
    assert max(i.date for i in page.main_items()) == date(2023, 1, 5)
    only_side = extract_list('<div class="hot"><ul><li><a href="/a.html">市领导调研重点项目建设</a>'
                             '<span>2024-06-29</span></li></ul></div>', "http://www.example.gov.cn/", AS_OF)
    assert [i.date for i in only_side.main_items()] == [date(2024, 6, 29)]


def test_row_labels_decide_between_document_and_publication_dates():
    html = ('<ul><li><a href="/zcwj/1.html">关于推进文明城市创建的若干措施</a><span>成文日期：2020-06-21</span>'
            '<span>发布日期：2020-06-23</span></li></ul>')
    page = extract_list(html, "http://www.example.gov.cn/zcwj/", AS_OF)
    assert page.items[0].date == date(2020, 6, 23)
