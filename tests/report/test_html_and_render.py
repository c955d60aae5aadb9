"""HTML escaping and self-containment, charts, format selection, quarter-over-quarter, annex choice."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from govinspect.model.result import build_result
from govinspect.report.render_report import parse_formats, render_report

from .conftest import CURRENT, OPTIONS


def test_html_escapes_crawled_strings_and_loads_nothing_external(tmp_path):
    hostile = build_result(as_of="2020-07-17", rulebook={}, tool_version="t", accounts=[
        {"name": "<img src=x onerror=alert(2)>", "platform": "微信", "region": "市直</td><script>", "result": "合格"}],
        sites=[{"name": "<script>alert(1)</script>市局", "region": "市直", "result": "合格", "score": 99,
                "findings": [{"check": "stale_columns", "subject": "x", "indicator": "D12", "deduction": 1,
                              "location": "首页>\"><iframe src=//evil>"}]}])
    (html,) = render_report(hostile, "html", tmp_path)
    text = html.read_text("utf-8")
    assert "<script" not in text.lower() and "<iframe" not in text.lower() and "<img" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;市局" in text
    root = lxml.html.fromstring(text)
    assert not root.xpath("//script|//link[@href]|//*[@src]|//iframe")
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text.split("</style>")[0].split("<style>")[0])


def test_html_has_the_charts_inline(rendered):
    root = lxml.html.fromstring(rendered["html"].read_bytes())
    titles = [t.text_content() for t in root.iter("{http://www.w3.org/2000/svg}title", "title")]
    svg_titles = " ".join(titles)
    assert "各地区政府网站合格率" in svg_titles and "政府网站得分分布" in svg_titles
    assert "各地区政务新媒体合格率" in svg_titles
    text = rendered["html"].read_text("utf-8")
    assert "71.4%（5/7）" in text          # 市直 accounts: 5 of 7 assessed passed
    assert "单项否决" in text and "未能检测" in text


def test_quarter_over_quarter(rendered):
    text = rendered["html"].read_text("utf-8")
    assert "咸宁市招商和投资促进局网站在2020年第二季度抽查中不合格，本次抽查仍不合格，予以再次点名" in text
    assert "咸安区人民政府、咸宁市交通运输局共2家网站已完成整改" in text
    assert "“咸宁林业”政务新媒体在2020年第二季度抽查中不合格" in text


def test_not_assessed_rows_say_so_with_the_reason(rendered):
    root = lxml.html.fromstring(rendered["html"].read_bytes())
    row = next(tr for tr in root.iter("tr") if "咸宁市公安局" in tr.text_content() and "—" in tr.text_content())
    cells = [td.text_content() for td in row.iter("td")]
    assert cells[-1] == "未能检测" and cells[-2] == "—" and "网站首页无法打开（多次访问均超时或被拒绝）" in cells[2]
    assert "合格" not in cells[-1]


def test_bad_formats_and_options_are_refused(tmp_path):
    with pytest.raises(ValueError, match="不支持的输出格式：odt"):
        parse_formats("docx,odt")
    with pytest.raises(ValueError, match="未知的通报选项"):
        render_report(CURRENT, "html", tmp_path, {"colour": "red"})
    with pytest.raises(ValueError, match="未知的附件类型"):
        render_report(CURRENT, "html", tmp_path, {"annexes": "scores,charts"})
    assert parse_formats(" DOCX ,pdf,docx") == ["docx", "pdf"]


def test_register_and_exception_shapes_on_request(tmp_path):
    (html,) = render_report(CURRENT, "html", tmp_path, {**OPTIONS, "annexes": "register,serious", "previous": None})
    root = lxml.html.fromstring(html.read_bytes())
    heads = [[th.text_content() for th in t.iter("th")] for t in root.iter("table")]
    assert heads == [["序号", "网站标识码", "网站名称", "网站地址", "是否门户", "结果", "主要问题"],
                     ["序号", "网站名称", "网站标识码", "存在的突出问题"]]
    annex_list = [p.text_content() for p in root.iter("p") if "annex" in p.get("class", "")]
    assert annex_list == ["附件：1.2020年第三季度全市政府网站抽查情况统计表", "2.检查发现存在严重问题的政府网站名单"]


def test_long_account_lists_are_shortened_in_print_only(tmp_path):
    accounts = [{"name": f"号{i}", "platform": "微信", "region": "市直", "result": "合格"} for i in range(400)]
    accounts.append({"name": "坏号", "platform": "微信", "region": "市直", "result": "不合格",
                     "findings": [{"check": "account_not_updated", "subject": "无更新", "veto": True}]})
    doc = build_result(as_of="2020-07-17", rulebook={}, sites=[], accounts=accounts, tool_version="t")
    docx, xlsx = render_report(doc, "docx,xlsx", tmp_path)
    from .normalise import docx_view, xlsx_view
    printed, sheet = docx_view(docx), xlsx_view(xlsx)
    assert "坏号" in printed and "号399" not in printed and "其余400个账号均合格" in printed
    assert "号399" in sheet


def test_scoring_problems_are_printed_as_written_and_extra_fields_survive(tmp_path):
    """A local rulebook's wording (scoring's ``problems``) wins over the built-in national wording."""
    site = {"name": "某县政府", "region": "县", "result": "合格", "score": 99.5, "part2": 99.5,
            "veto_rules": [], "problems": ["首页上的链接打不开或错误的，每发现一处，扣0.5分：首页>链接；共扣0.5分。"],
            "findings": [{"check": "broken_links", "subject": "u", "indicator": "F1", "deduction": 0.5}]}
    doc = build_result(as_of="2020-07-17", rulebook={}, sites=[site], accounts=[], tool_version="t")
    assert doc["sites"][0]["part2"] == 99.5 and doc["sites"][0]["veto_rules"] == []
    (html,) = render_report(doc, "html", tmp_path, {"office": "某县人民政府办公室"})
    text = html.read_text("utf-8")
    assert "每发现一处，扣0.5分：首页&gt;链接；共扣0.5分。" in text and "扣0.2分" not in text
    assert "某县人民政府办公室" in text


def test_huge_crawled_strings_cost_bounded_output(tmp_path):
    """A hostile page's 1 MB 'column name' is clipped in the cells; every format still renders."""
    huge = "栏" * 1_000_000
    site = {"name": "某局", "region": "市直", "result": "合格", "score": 99,
            "findings": [{"check": "stale_columns", "subject": huge, "location": huge, "indicator": "D12",
                          "deduction": 1}]}
    doc = build_result(as_of="2020-07-17", rulebook={}, sites=[site], accounts=[], tool_version="t")
    paths = render_report(doc, "docx,xlsx,html", tmp_path)
    assert all(p.stat().st_size < 200_000 for p in paths), [p.stat().st_size for p in paths]
    assert "栏" * 119 + "…" in paths[2].read_text("utf-8")


def test_font_alias_file_maps_every_official_font_name():
    from importlib import resources

    from lxml import etree
    conf = resources.files("govinspect.report").joinpath("fonts/65-gov-cjk-aliases.conf").read_bytes()
    aliases = {a.findtext("family"): [f.text for f in a.find("prefer")] for a in etree.fromstring(conf).iter("alias")}
    for name in ("仿宋_GB2312", "仿宋", "FangSong", "黑体", "SimHei", "楷体_GB2312", "KaiTi", "宋体", "SimSun",
                 "方正小标宋简体"):
        assert name in aliases and aliases[name][0].startswith("Fandol"), name
        assert any("Noto" in f or "AR PL" in f or "WenQuanYi" in f for f in aliases[name]), name


def test_serial_path_in_a_threaded_process(tmp_path):
    """With other threads alive (a web server) the PDF is not forked; the output is the same."""
    import threading

    from .normalise import pdf_view
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, daemon=True)
    worker.start()
    try:
        from govinspect.report.render_report import _can_fork
        assert not _can_fork()
        html, pdf = render_report(CURRENT, "html,pdf", tmp_path, OPTIONS)
    finally:
        stop.set()
    golden = (Path(__file__).parent / "golden" / "notice.pdf.txt").read_text("utf-8")
    assert pdf_view(pdf) == golden and html.exists()


@pytest.mark.parametrize("sites, accounts", [(0, 0), (0, 3), (2, 0)])
def test_results_with_only_sites_only_accounts_or_nothing(sites, accounts, tmp_path):
    doc = build_result(as_of="2021-08-18", rulebook={}, tool_version="t",
                       sites=[{"name": f"网站{i}", "result": "合格", "score": 95} for i in range(sites)],
                       accounts=[{"name": f"号{i}", "platform": "微博", "result": "合格"} for i in range(accounts)])
    paths = render_report(doc, "docx,xlsx,html", tmp_path)
    text = paths[2].read_text("utf-8")
    assert "关于2021年第三季度全市" in text and all(p.stat().st_size > 0 for p in paths)
    assert ("（一）网站抽查情况" in text) == bool(sites)
    assert ("（一）政务新媒体抽查情况" in text) == (accounts > 0 and not sites)
    assert "本次抽查未发现突出问题" in text


def test_pdf_never_fetches_a_url_in_the_html(tmp_path, monkeypatch) -> None:
    """Offline: an image or stylesheet URL that reached the HTML is refused, not fetched."""
    import socket

    from govinspect.report import render_pdf as module

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    html = (f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/a.css"></head>'
            f'<body><p>通报</p><img src="http://127.0.0.1:{port}/x.png"></body></html>')
    monkeypatch.setattr(module, "html_text", lambda *a, **k: html)
    out = module.render_pdf({}, [], [], tmp_path / "t.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    try:
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
