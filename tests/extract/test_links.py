"""extract_links: absolute URLs, skipped schemes, regions, attachments and hiding hints."""
from __future__ import annotations

from govinspect.extract.decode_html import decode_html
from govinspect.extract.links import absolute_url, extract_links

PAGE = """<html><head><link rel="stylesheet" href="/css/a.css"><link rel="dns-prefetch" href="//x.cn">
<script src="js/app.js"></script></head><body>
<div class="header"><ul class="nav"><li><a href="/xxgk/">信息公开</a></li>
<li><a href="javascript:void(0)">登录</a></li></ul></div>
<div class="main"><ul>
<li><a href="../zcwj/t20240101_1.html" title="关于印发">关于印发某某办法的通知</a><span>2024-01-01</span></li>
<li><a href="/files/2024/plan.PDF">规划全文</a></li>
<li><a href="mailto:a@b.gov.cn">信箱</a><a href="tel:0731">电话</a><a href="#top">顶部</a></li>
<li><a href="http://www.example.gov.cn/x#frag"><img src="/img/banner.jpg" alt="专题"></a></li>
</ul>
<div style="position:absolute; top:-9999px"><a href="http://bad.example.com/">博彩</a></div>
<p style="display:none"><a href="http://bad2.example.com/">隐藏</a></p>
<a href="http://bad3.example.com/" style="font-size:1px;color:#fff;background-color:#fff">x</a>
<iframe src="https://map.example.cn/embed"></iframe>
</div>
<div id="footer"><a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="https://dcs.conac.cn/image/red.png"></a>
<a href="https://beian.miit.gov.cn/">湘ICP备05004915号</a></div>
</body></html>"""

BASE = "http://www.example.gov.cn/col/xwdt/index.html"


def _by_url(links):
    return {link.url: link for link in links}


def test_kinds_urls_and_skips():
    links = extract_links(PAGE, BASE)
    urls = _by_url(links)
    assert "http://www.example.gov.cn/css/a.css" in urls and urls["http://www.example.gov.cn/css/a.css"].tag == "link"
    assert urls["http://www.example.gov.cn/col/xwdt/js/app.js"].tag == "script"
    assert urls["http://www.example.gov.cn/col/zcwj/t20240101_1.html"].text == "关于印发某某办法的通知"
    assert urls["http://www.example.gov.cn/col/zcwj/t20240101_1.html"].title == "关于印发"
    assert urls["http://www.example.gov.cn/files/2024/plan.PDF"].tag == "attachment"
    assert urls["http://www.example.gov.cn/x"].text == "专题"
    assert urls["https://map.example.cn/embed"].tag == "iframe"
    assert not any(u.startswith(("javascript", "mailto", "tel")) or "#" in u for u in urls)
    assert "http://x.cn/" not in urls


def test_regions():
    urls = _by_url(extract_links(PAGE, BASE))
    assert urls["http://www.example.gov.cn/xxgk/"].position == "nav"
    assert urls["http://www.example.gov.cn/col/zcwj/t20240101_1.html"].position == "body"
    assert urls["https://beian.miit.gov.cn/"].position == "footer"
    assert urls["https://dcs.conac.cn/image/red.png"].position == "footer"


def test_hiding_hints():
    urls = _by_url(extract_links(PAGE, BASE))
    assert "offscreen" in urls["http://bad.example.com/"].hidden_hints
    assert "display:none" in urls["http://bad2.example.com/"].hidden_hints
    hints = urls["http://bad3.example.com/"].hidden_hints
    assert "font-size:tiny" in hints and "same-colour" in hints
    assert urls["http://www.example.gov.cn/xxgk/"].hidden_hints == ()


def test_base_href():
    html = '<html><head><base href="http://cms.example.gov.cn/site/"></head><body><a href="a.html">a</a></body></html>'
    assert extract_links(html, "http://www.example.gov.cn/")[0].url == "http://cms.example.gov.cn/site/a.html"


def test_absolute_url_edge_cases():
    base = "http://x.gov.cn/a/b/c.html"
    assert absolute_url("  /p/q.html\n", base) == "http://x.gov.cn/p/q.html"
    assert absolute_url("\\x\\y.html", base) == "http://x.gov.cn/x/y.html"
    assert absolute_url("//cdn.x.cn/a.js", base) == "http://cdn.x.cn/a.js"
    assert absolute_url("http://y.cn", base) == "http://y.cn/"
    assert absolute_url("JavaScript:go()", base) is None
    assert absolute_url("ftp://x.cn/a", base) is None
    assert absolute_url("", base) is None


def test_real_pages_links(realdata):
    """Real footers sit in the footer region; the synthetic 暗链 page's tricks are flagged."""
    text, _ = decode_html((realdata / "html/articles/gne_www_gov_cn_article.html").read_bytes(), None)
    links = extract_links(text, "http://www.gov.cn/zhengce/content/2018-01/01/content_1.htm")
    assert len(links) > 50
    assert all(link.url.startswith("http") for link in links)
    footer_urls = [link.url for link in links if link.position == "footer"]
    assert footer_urls
    text = (realdata / "html/rendered/yuanzhao_synthetic_dark_link_test.html").read_text("utf-8")
    hidden = [link for link in extract_links(text, "http://t.example.gov.cn/") if link.hidden_hints]
    assert len(hidden) >= 3
