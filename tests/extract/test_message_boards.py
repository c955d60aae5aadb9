"""Board (留言板/领导信箱/政务咨询) records in the shapes real sites print (fixtures under fixtures/boards/)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.message_boards import extract_board_messages, is_answered
from govinspect.extract.messages import extract_message

FIX = Path(__file__).parent / "fixtures" / "boards"
URL = "http://www.example.gov.cn/hdjl/list.html"
D = date

BOARDS = {
    # fixture: [(title, url, asked_at, replied_at, reply_unit, status)]
    "table_header.html": [   # header 序号/标题/留言时间/答复时间/答复单位/状态; the "—" 留言时间 row is no message
        ("关于小区停车位收费标准的咨询", "http://www.example.gov.cn/hdjl/zxts/detail?id=3301", D(2021, 3, 2), None, None, "办理中"),
        ("关于幼儿园入学报名时间的咨询", "http://www.example.gov.cn/hdjl/zxts/detail?id=3288", D(2021, 2, 20),
         D(2021, 2, 25), "市教育局", "已办结"),
        ("关于老旧小区改造进度的问题", "http://www.example.gov.cn/hdjl/zxts/detail?id=3270", D(2021, 1, 8),
         D(2021, 1, 30), "市住房和城乡建设局", "已答复"),
    ],
    "msg_blocks.html": [     # <div class="msg"><h4/><p>留言时间：…</p><p>答复时间：…</p>…; empty 留言时间 dropped
        ("县城东路路灯不亮的问题", "http://www.example.gov.cn/ldxx/msg/1021.html", D(2021, 1, 2), D(2021, 1, 5),
         "县城市管理局", None),
        ("关于农村低保申请条件的咨询", "http://www.example.gov.cn/ldxx/msg/1019.html", D(2020, 12, 28), None, None, "未回复"),
        ("学校门口交通拥堵", "http://www.example.gov.cn/ldxx/msg/1015.html", D(2020, 12, 20), D(2020, 12, 30),
         "县公安局交警大队", None),
    ],
    "dl_blocks.html": [      # <dl><dt><a/></dt><dd><span>留言时间</span>…</dd>…; "/" is no unit
        ("关于医保异地备案办理流程的咨询", "http://www.example.gov.cn/hdjl/xjxx/2021/0315/77.html", D(2021, 3, 15),
         D(2021, 3, 17), "市医疗保障局", None),
        ("关于公积金提取的咨询", "http://www.example.gov.cn/hdjl/xjxx/2021/0310/75.html", D(2021, 3, 10), None, None, None),
    ],
    "li_status.html": [      # status word + bare dates: first = 留言, second = reply; 已办结 without a date → None
        ("关于农民工工资拖欠问题", "http://www.example.gov.cn/content/detail/6041.html", D(2021, 3, 1), D(2021, 3, 4),
         None, "已回复"),
        ("小区噪音扰民", "http://www.example.gov.cn/content/detail/6033.html", D(2021, 2, 27), None, None, "办理中"),
        ("建议增设公交站点", "http://www.example.gov.cn/content/detail/6020.html", D(2021, 2, 20), None, None, "已办结"),
    ],
    "ul_grid.html": [        # <ul> rows of <li> cells under a header <ul> (主题/留言时间/回复单位/受理状态)
        ("关于城区供暖温度不达标的反映", "http://www.example.gov.cn/content/detail/5e01.html", D(2021, 1, 12), None,
         "市城管局", "已回复"),
        ("关于医保卡补办的咨询", "http://www.example.gov.cn/content/detail/5df0.html", D(2021, 1, 9), None, None, "办理中"),
    ],
}


def board(name: str, url: str = URL):
    return extract_board_messages(LexborHTMLParser((FIX / name).read_text("utf-8")), url, D(2021, 6, 30))


@pytest.mark.parametrize("name", sorted(BOARDS))
def test_board_records(name):
    got = [(m.title, m.url, m.asked_at, m.replied_at, m.reply_unit, m.status) for m in board(name)]
    assert got == BOARDS[name]


def test_block_reply_text_and_unanswered_status():
    first, unanswered, _ = board("msg_blocks.html")
    assert first.reply_text == "您反映的问题已安排维修，目前路灯已恢复照明。"
    assert unanswered.reply_text is None and is_answered(unanswered.status) is False
    assert is_answered("已办结") is True and is_answered(None) is None


def test_detail_page_is_one_record_with_reply():
    url = "http://www.example.gov.cn/hdjl/ldxx/detail/2021011500012.html"
    html = (FIX / "detail.html").read_text("utf-8")
    (m,) = extract_board_messages(LexborHTMLParser(html), url)
    assert (m.url, m.title, m.asked_at, m.replied_at, m.reply_unit) == (
        url, "关于背街小巷路面破损的问题", D(2021, 1, 15), D(2021, 1, 22), "区城市管理局")
    assert m.reply_text == "您好！经现场核查，该路段已列入维修计划，施工队将于近期进场修复。感谢您的关注。"
    # The detail reader used for single pages agrees on the dates and the unit.
    single = extract_message(LexborHTMLParser(html), url, "t")
    assert (single.asked_at, single.replied_at) == (D(2021, 1, 15), D(2021, 1, 22))


def test_label_value_rows_are_a_detail_not_a_grid():
    html = ("<html><body><h1>关于夜间施工噪音的投诉</h1><table>"
            "<tr><th>留言时间：</th><td>2021-04-02</td><th>答复时间：</th><td>2021-04-09</td></tr>"
            "<tr><th>留言内容：</th><td colspan='3'>工地夜间施工噪音大。</td></tr>"
            "<tr><th>答复单位：</th><td>区生态环境分局</td><th>状态：</th><td>已办结</td></tr></table></body></html>")
    (m,) = extract_board_messages(LexborHTMLParser(html), URL)
    assert (m.url, m.title, m.asked_at, m.replied_at, m.reply_unit, m.status) == (
        URL, "关于夜间施工噪音的投诉", D(2021, 4, 2), D(2021, 4, 9), "区生态环境分局", "已办结")


def test_article_mentioning_a_message_time_is_not_a_board():
    html = ("<html><body><h1>关于开通市长信箱的公告</h1><div class='article'>"
            "<p>市民可在留言时间内登录平台反映问题，办理中的事项可查询进度。</p>"
            "<p>留言时间：2021-03-01 至 2021-03-31</p><p>发布日期：2021-02-26</p></div></body></html>")
    assert extract_board_messages(LexborHTMLParser(html), URL) == []


def test_menus_and_news_tables_are_not_boards():
    menu = ("<html><body><ul class='nav'><li><a href='/hdjl/ldxx/'>领导信箱</a></li><li><a href='/hdjl/zxts/'>咨询投诉</a></li>"
            "<li><a href='/hdjl/lyb/'>留言板</a></li></ul></body></html>")
    news = ("<html><body><table><tr><th>标题</th><th>发布时间</th></tr>"
            "<tr><td><a href='/a/1.html'>市政府常务会议召开</a></td><td>2021-03-01</td></tr></table></body></html>")
    assert extract_board_messages(LexborHTMLParser(menu), URL) == []
    assert extract_board_messages(LexborHTMLParser(news), URL) == []


def test_hostile_board_stays_linear():
    rows = "".join(f"<div class='msg'><h4><a href='/m/{n}.html'>第{n}条留言标题</a></h4><p>留言时间：2021-01-02</p>"
                   f"<p>状态：办理中</p></div>" for n in range(5000))
    got = extract_board_messages(LexborHTMLParser(f"<html><body><div>{rows}</div></body></html>"), URL)
    assert len(got) == 5000 and all(m.status == "办理中" and m.replied_at is None for m in got)
