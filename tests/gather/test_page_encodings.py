"""Pages are decoded before anything parses them: GBK declared in <meta> only, UTF-16LE, header charset."""
from __future__ import annotations

from aiohttp import web

from govinspect.gather.crawl_site import crawl_site
from govinspect.gather.http_client import HttpClient
from govinspect.model.records import SiteRecord
from tests.gather.loopback import loopback_settings, serve_hosts

TEXT = "<html><head><meta charset='{cs}'><title>咸宁市人民政府</title></head><body>{links}<p>鄂ICP备05003363号</p></body></html>"


async def _site(request: web.Request) -> web.StreamResponse:
    if request.path == "/":
        html = TEXT.format(cs="gb2312", links='<a href="/u16.html">政务公开</a><a href="/hdr.html">互动</a>')
        return web.Response(body=html.encode("gbk"), headers={"Content-Type": "text/html"})
    if request.path == "/u16.html":
        html = TEXT.format(cs="utf-16", links="")
        return web.Response(body=b"\xff\xfe" + html.encode("utf-16-le"), headers={"Content-Type": "text/html"})
    html = TEXT.format(cs="utf-8", links="")          # the header wins over a wrong meta
    return web.Response(body=html.encode("gb18030"), headers={"Content-Type": "text/html; charset=GBK"})


async def test_gbk_utf16_and_header_charsets_decode_right():
    async with serve_hosts({"enc.test": _site}) as vh:
        settings = loopback_settings(["enc.test"])
        async with HttpClient(settings) as client:
            out = await crawl_site(SiteRecord("e", "e", vh.url("enc.test")), client, settings)
    pages = {p.url.rsplit("/", 1)[-1]: p for p in out.pages}
    assert set(pages) == {"", "u16.html", "hdr.html"}
    for page in pages.values():
        text = out.text(page.url) or ""      # the HTML is in the gather store, not in memory
        assert "咸宁市人民政府" in text and "鄂ICP备05003363号" in text, page.url
    assert pages[""].encoding == "gb18030" and pages["u16.html"].encoding.startswith("utf-16")
    assert pages["hdr.html"].encoding == "gb18030"
