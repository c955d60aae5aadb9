"""Every hiding trick is seen statically; legitimate hidden things are seen but not spam."""
from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from govinspect.extract.security.analyse_page import analyse_page
from govinspect.extract.security.classify_spam import classify_link

A = '<a href="http://www.hg3088-vip.com/x">皇冠体育投注</a>'
TRICKS = {
    "display:none": f'<div style="display:none">{A}</div>',
    "visibility:hidden": f'<span style="visibility: hidden">{A}</span>',
    "opacity:0": f'<div style="opacity:0;filter:alpha(opacity=0)">{A}</div>',
    "offscreen": f'<div style="position:absolute;top:-9999px;left:-9999px">{A}</div>',
    "text-indent": f'<p style="text-indent:-9999px;overflow:hidden;height:1px">{A}</p>',
    "font-size:tiny": f'<span style="font-size:0px">{A}</span>',
    "same-colour": '<div style="background:#ffffff"><a href="http://www.hg3088-vip.com/x" style="color:#fff">x</a></div>',
    "zero-size": f'<div style="width:0;height:0;overflow:hidden">{A}</div>',
    "marquee": f'<marquee height="1" width="2" scrollamount="3000">{A}</marquee>',
    "hidden-attr": f"<div hidden>{A}</div>",
    "clip": f'<div style="position:absolute;clip:rect(0 0 0 0)">{A}</div>',
}


@pytest.mark.parametrize("hint", sorted(TRICKS))
def test_each_inline_trick(hint: str) -> None:
    page = analyse_page(f"<html><body><p>正文</p>{TRICKS[hint]}</body></html>", "http://a.gov.cn/")
    (link,) = page.links
    assert hint in link.hidden_hints
    assert "皇冠" not in page.visible_text          # hidden text is not visitor text


def test_style_block_and_external_stylesheet_rules() -> None:
    html = ('<html><head><style>/* ad */ .ft-ad{display : none !important} .nav li:hover .sub{display:block}'
            '@media (max-width:768px){.pc{display:none}}</style></head><body>'
            f'<div class="ft-ad">{A}</div><div class="yq">{A.replace("/x", "/y")}</div>'
            '<div class="pc"><a href="/a">电脑版</a></div></body></html>')
    page = analyse_page(html, "http://a.gov.cn/", extra_css=".yq{position:absolute;top:-3000px}")
    hints = {link.url: link.hidden_hints for link in page.links}
    assert hints["http://www.hg3088-vip.com/x"] == ("display:none",)
    assert hints["http://www.hg3088-vip.com/y"] == ("offscreen",)
    assert hints["http://a.gov.cn/a"] == ()           # @media rules are responsive design, not hiding


@pytest.mark.parametrize("kind", ["document.write", "unescape", "base64 eval", "hex escapes", "fromCharCode"])
def test_script_written_links(kind: str) -> None:
    inner = '<div style="display:none"><a href="http://www.365bet-tyzx.com/">365bet体育在线</a></div>'
    script = {
        "document.write": "document.write('" + inner.replace("'", "\\'") + "');",
        "unescape": f'document.write(unescape("{quote(inner, safe="")}"));',
        "base64 eval": 'eval(decodeURIComponent(escape(window.atob("'
                       + base64.b64encode(f"document.write('{inner}');".encode()).decode() + '"))));',
        "hex escapes": 'document.write("' + "".join(f"\\x{b:02x}" for b in inner.encode("ascii", "ignore"))
                       .replace("\\x33\\x36\\x35", "365") + '")',
        "fromCharCode": "document.write(String.fromCharCode(" + ",".join(str(ord(c)) for c in inner) + "))",
    }[kind]
    page = analyse_page(f"<html><body><script>{script}</script></body></html>", "http://a.gov.cn/")
    written = [link for link in page.links if link.js_written]
    assert written and written[0].url == "http://www.365bet-tyzx.com/"
    assert "display:none" in written[0].hidden_hints


def test_synthetic_yuanzhao_page(realdata) -> None:
    html = (realdata / "html/rendered/yuanzhao_synthetic_dark_link_test.html").read_text(encoding="utf-8")
    page = analyse_page(html, "http://a.gov.cn/")
    by_url = {link.url: link for link in page.links}
    assert by_url["http://illegal-gambling.tf"].hidden_hints == ("display:none",)
    assert by_url["http://porn-site.ga"].hidden_hints == ("visibility:hidden",)
    assert by_url["http://multi-level-hidden.ml"].hidden_hints
    assert by_url["http://dynamic-evil-link.tk/headless-test"].js_written
    assert by_url["https://www.example.com"].hidden_hints == ()
    verdicts = {u: classify_link(u, link.text, "a.gov.cn", bool(link.hidden_hints)).level for u, link in by_url.items()}
    assert verdicts["http://porn-site.ga"] == "spam" and verdicts["https://www.example.com"] == "clean"


def test_spider_sniffing_script_is_noticed() -> None:
    js = ('var ua=navigator.userAgent.toLowerCase();if(ua.indexOf("baiduspider")>-1){document.title='
          '"365bet体育在线_澳门新葡京_真人百家乐官网";}')
    page = analyse_page(f"<html><head><script>{js}</script></head><body>x</body></html>", "http://a.gov.cn/")
    assert page.spider_scripts


def test_hostile_page_is_bounded() -> None:
    html = "<html><head><style>" + ".a{display:none}" * 20000 + "</style></head><body>" + \
        "<div><a href='http://x.com/'>x</a></div>" * 5000 + "</body></html>"
    page = analyse_page(html, "http://a.gov.cn/")
    assert len(page.links) == 5000


def test_deep_nesting_is_bounded() -> None:
    html = "<html><body>" + "<div>" * 3000 + "<a href='http://x.com/'>x</a>" * 2000 + "</div>" * 3000 + "</body></html>"
    page = analyse_page(html, "http://a.gov.cn/")
    assert len(page.links) == 2000
