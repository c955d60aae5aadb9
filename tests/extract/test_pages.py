"""Articles, page meta, messages, service guides and org entries on real and CMS-shaped pages."""
from __future__ import annotations

from datetime import date

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.articles import extract_article
from govinspect.extract.decode_html import decode_html
from govinspect.extract.messages import extract_message, extract_message_rows
from govinspect.extract.org_entries import extract_org_entry
from govinspect.extract.page_meta import extract_page_meta
from govinspect.extract.service_guides import ELEMENT_SYNONYMS, extract_service_guide
from govinspect.model.artifacts import SERVICE_GUIDE_ELEMENTS

AS_OF = date(2025, 12, 31)


def _tree(realdata, rel):
    text, _ = decode_html((realdata / "html" / rel).read_bytes(), None)
    return LexborHTMLParser(text)


def test_hd_detail_article(realdata):
    tree = _tree(realdata, "lists/hd_gov_cn_xxgk_detail_2020.html")
    meta = extract_page_meta(tree, "http://hdzfxxgk.hd.gov.cn/a.html")
    assert meta.site_code == "1304000009" and meta.pub_date == "2020年08月02日"
    art = extract_article(tree, "http://hdzfxxgk.hd.gov.cn/a.html", AS_OF, meta)
    assert art.pub_date == date(2020, 8, 2) and art.pub_date_label == "发布日期"
    assert art.title.startswith("邯郸市教育局关于印发") and art.kind == "policy"


def test_real_articles_dates_labels_sources(realdata):
    cases = {
        "articles/gne_fgw_zj_gov_cn_article_2016.html": (date(2016, 11, 22), "发布日期", "省发改委"),
        "articles/gne_sxmu_edu_article_nonGov.html": (date(2018, 5, 17), "发布时间", None),
        "clones_mhxqwer/xhyshanghai.gov.cn.html": (date(2023, 8, 19), "PubDate", "解放日报"),
        "clones_mhxqwer/qzhxiangtan.gov.cn.html": (date(2024, 9, 30), "发布时间", "湘潭日报·新湘潭客户端"),
        "clones_mhxqwer/cxwxa.gov.cn.html": (date(2024, 9, 10), "发布时间", "鄠邑区政府办"),
    }
    for rel, (pub, label, source) in cases.items():
        tree = _tree(realdata, rel)
        meta = extract_page_meta(tree, "http://x.gov.cn/a.html")
        art = extract_article(tree, "http://x.gov.cn/a.html", AS_OF, meta)
        assert (art.pub_date, art.pub_date_label) == (pub, label), rel
        if source:
            assert art.source == source, rel
        assert not art.future_date


def test_future_publication_date_is_flagged():
    html = "<html><body><h1>关于做好防汛工作的通知</h1><div class='info'>发布时间：2030-01-01</div></body></html>"
    art = extract_article(LexborHTMLParser(html), "http://x.gov.cn/a.html", date(2024, 1, 1))
    assert art.pub_date == date(2030, 1, 1) and art.future_date


def test_page_meta_viewport_and_search(realdata):
    tree = _tree(realdata, "clones_mhxqwer/cxwxa.gov.cn.html")
    meta = extract_page_meta(tree, "http://www.xa.gov.cn/")
    assert meta.site_code == "6101000007" and meta.viewport and meta.search_form
    bare = extract_page_meta(LexborHTMLParser("<html><head><title>t</title></head><body>x</body></html>"), "u")
    assert not bare.viewport and not bare.search_form and bare.site_code is None


def test_message_detail_table_and_dl():
    table = ("<table><tr><th>留言标题：</th><td>关于小区供暖问题</td></tr><tr><th>留言时间：</th><td>2024-01-05</td></tr>"
             "<tr><th>答复时间：</th><td>2024-01-12</td></tr><tr><th>答复单位：</th><td>市住建局</td></tr>"
             "<tr><th>答复内容：</th><td>您好，已督促物业整改。</td></tr></table>")
    dl = ("<dl><dt>来信时间</dt><dd>2024年01月05日</dd><dt>回复时间</dt><dd>2024年01月20日</dd>"
          "<dt>回复单位</dt><dd>市教育局</dd><dt>回复内容</dt><dd>已答复。</dd></dl>")
    text = ("<div class='msg'>留言时间：2024-01-05 留言内容：路灯不亮 答复时间：暂无 "
            "答复单位：区城管局 答复内容：暂未答复</div>")
    m = extract_message(LexborHTMLParser(f"<html><body>{table}</body></html>"), "u1", "")
    assert (m.title, m.asked_at, m.replied_at, m.reply_unit) == ("关于小区供暖问题", date(2024, 1, 5),
                                                                 date(2024, 1, 12), "市住建局")
    assert m.reply_text == "您好，已督促物业整改。"
    m = extract_message(LexborHTMLParser(f"<html><body>{dl}</body></html>"), "u2", "t")
    assert (m.asked_at, m.replied_at, m.reply_unit) == (date(2024, 1, 5), date(2024, 1, 20), "市教育局")
    m = extract_message(LexborHTMLParser(f"<html><body>{text}</body></html>"), "u3", "t")
    assert m.asked_at == date(2024, 1, 5) and m.replied_at is None and m.reply_text is None
    assert extract_message(LexborHTMLParser("<html><body><p>普通文章 2024-01-05</p></body></html>"), "u", "t") is None


def test_message_list_rows():
    html = ("<table><tr><th>标题</th><th>留言时间</th><th>答复单位</th><th>答复时间</th></tr>"
            "<tr><td><a href='/m/1.html'>咨询社保</a></td><td>2024-02-01</td><td>人社局</td><td>2024-02-03</td></tr>"
            "<tr><td><a href='/m/2.html'>咨询公积金</a></td><td>2024-02-02</td><td></td><td></td></tr></table>")
    rows = extract_message_rows(LexborHTMLParser(html), "http://x.gov.cn/hdjl/")
    assert [(r.url, r.asked_at, r.replied_at, r.reply_unit) for r in rows] == [
        ("http://x.gov.cn/m/1.html", date(2024, 2, 1), date(2024, 2, 3), "人社局"),
        ("http://x.gov.cn/m/2.html", date(2024, 2, 2), None, None)]


def test_service_guide_elements():
    assert tuple(ELEMENT_SYNONYMS) == SERVICE_GUIDE_ELEMENTS
    text = "事项名称：户口迁移 办理依据：《户口登记条例》 申请材料：身份证 受理地点：政务服务中心 收费标准：不收费"
    guide = extract_service_guide(text, "u", "户口迁移办事指南")
    assert guide.elements == ("事项名称", "设定依据", "办理材料", "办理地点", "收费标准")
    assert extract_service_guide("本站新闻：召开会议", "u", "会议新闻") is None


def test_org_entry_contacts():
    org = extract_org_entry("机构名称：市教育局 主要职责：… 办公地址：温泉路1号 联系电话：0715-8123456",
                            "u", "市教育局", "首页>政府信息公开>政府机构")
    assert org.has_phone and org.has_address
    bare = extract_org_entry("机构名称：市林业局 主要职责：负责全市林业工作。", "u", "市林业局", "首页>政府机构")
    assert extract_org_entry("负责人做客在线访谈 电话：0715-8123456", "u", "访谈", "首页>互动交流>在线访谈") is None
    assert extract_org_entry("机构名称：某局", "u", "会议", "首页>动态要闻>部门动态") is None
    assert not bare.has_phone and not bare.has_address
    assert extract_org_entry("会议报道", "u", "会议", "首页>动态要闻") is None
