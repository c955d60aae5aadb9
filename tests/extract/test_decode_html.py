"""decode_html on real pages: UTF-16LE copies, mislabelled UTF-8, GBK/GB2312 bodies."""
from __future__ import annotations

import codecs

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.decode_html import decode_html, normalise_encoding

CLONES = "html/clones_mhxqwer"


def _title(text: str) -> str:
    node = LexborHTMLParser(text).css_first("title")
    return node.text().strip() if node else ""


@pytest.mark.parametrize("name, title_part", [
    ("qzhxiangtan.gov.cn.html", "湘潭市人民政府网站"),
    ("yjywgxj.nc.gov.cn.html", "南昌市文化广电新闻出版旅游局"),
])
def test_utf16le_real_pages(realdata, name, title_part):
    body = (realdata / CLONES / name).read_bytes()
    for content_type in (None, "text/html", "text/html; charset=utf-8"):
        text, enc = decode_html(body, content_type)
        assert enc == "utf-16-le"
        assert title_part in _title(text)
        assert "\ufffd" not in text


def test_utf16_without_bom_and_big_endian(realdata):
    text = (realdata / CLONES / "qzhxiangtan.gov.cn.html").read_bytes().decode("utf-16")
    for enc in ("utf-16-le", "utf-16-be"):
        out, used = decode_html(text.encode(enc), None)
        assert used == enc and out == text
    out, used = decode_html(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "text/html; charset=gbk")
    assert used == "utf-16-be" and out == text


def test_gbk_page_by_meta_and_by_header(realdata):
    """A real page re-encoded as GBK: lexbor would ignore the meta, decode_html must not."""
    text = (realdata / "html/lists/hd_gov_cn_xxgk_home_2020.html").read_text("utf-8")
    gbk_text = text.replace("charset=UTF-8", "charset=gb2312")
    body = gbk_text.encode("gbk")
    for content_type in (None, "text/html", "text/html; charset=GBK", "text/html;charset=gb2312"):
        out, enc = decode_html(body, content_type)
        assert enc == "gb18030"
        assert out == gbk_text
        assert _title(out) == "邯郸市政府信息公开"


def test_gbk_body_without_any_label_uses_detection(realdata):
    text = (realdata / "html/lists/hd_gov_cn_xxgk_home_2020.html").read_text("utf-8")
    body = text.replace('<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', "").encode("gb18030")
    out, enc = decode_html(body, None)
    assert enc == "gb18030" and "邯郸市政府信息公开" in out


def test_header_says_utf8_but_body_is_gbk():
    html = "<html><head><meta charset=gbk><title>湘潭市人民政府</title></head><body>通知公告</body></html>"
    out, enc = decode_html(html.encode("gbk"), "text/html; charset=utf-8")
    assert enc == "gb18030" and "湘潭市人民政府" in out


@pytest.mark.parametrize("name", ["nfra_gov_cn_penalty_article_rendered_2025.html",
                                  "nfra_gov_cn_penalty_table_rendered_2024.html"])
def test_utf8_body_mislabelled_gb2312(realdata, name):
    body = (realdata / "html/rendered" / name).read_bytes()
    out, enc = decode_html(body, "text/html; charset=gb2312")
    assert enc == "utf-8" and _title(out) == "国家金融监督管理总局"


def test_all_real_pages_decode_without_replacement(realdata):
    files = sorted((realdata / "html").glob("*/*.html"))
    assert len(files) >= 62
    for path in files:
        body = path.read_bytes()
        out, _ = decode_html(body, None)
        # zxw1wuhan was saved with literal U+FFFD in a CSS comment: count only new ones.
        assert out.count("\ufffd") == body.count("\ufffd".encode("utf-8")), path.name


def test_invalid_bytes_never_raise():
    for body in (b"\xff\xfe\xfd" * 100, b"\x00" * 50, bytes(range(256)) * 20, b"<html>\x81</html>", b""):
        text, enc = decode_html(body, "text/html; charset=nonsense-enc")
        assert isinstance(text, str) and enc


def test_one_stray_byte_keeps_utf8():
    html = ("<title>通知公告</title>" + "政府信息公开" * 200).encode("utf-8") + b"\xff"
    out, enc = decode_html(html, None)
    assert enc == "utf-8" and "通知公告" in out


def test_normalise_encoding():
    assert normalise_encoding("GB2312") == "gb18030"
    assert normalise_encoding("x-gbk") == "gb18030"
    assert normalise_encoding("UTF8") == "utf-8"
    assert normalise_encoding("bogus") is None


def test_tomcat_default_latin1_header_on_gbk_body(realdata):
    text = (realdata / "html/lists/hd_gov_cn_xxgk_home_2020.html").read_text("utf-8")
    body = text.replace("charset=UTF-8", "charset=gbk").encode("gbk")
    out, enc = decode_html(body, "text/html;charset=ISO-8859-1")
    assert enc == "gb18030" and _title(out) == "邯郸市政府信息公开"
    unlabelled = text.replace('<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', "").encode("gbk")
    out, enc = decode_html(unlabelled, "text/html;charset=ISO-8859-1")
    assert enc == "gb18030" and "邯郸市政府信息公开" in out
    western = "<html><head><title>Caf\u00e9 na\u00efve</title></head><body>r\u00e9sum\u00e9</body></html>".encode("latin-1")
    out, enc = decode_html(western, "text/html; charset=iso-8859-1")
    assert "Café" in out


def test_fuzz_labels_and_bytes_never_raise():
    """Random bytes under hostile labels (base64, rot13, idna, utf-7, undefined…) always give a str."""
    import random
    rng = random.Random(7)
    labels = [None, "", "text/html; charset=", "charset=base64", "charset=rot13", "charset=idna", "charset=utf-7",
              "charset=undefined", "charset=hex", "charset=UTF-32", "charset=x-user-defined"]
    for i in range(100):
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
        if i % 2:
            body = b'<meta charset="' + rng.choice([b"base64", b"zlib", b"utf-7", b"gbk", b"\xff"]) + b'">' + body
        for label in labels:
            text, enc = decode_html(body, label)
            assert isinstance(text, str) and enc not in ("base64", "rot13", "idna", "utf-7", "undefined", "hex")
