"""Attachments for the personal-data check, fetched on loopback within their bounds, each one recorded."""
from __future__ import annotations

import asyncio

from aiohttp import web

from govinspect.demo.render_attachments import id_number, xlsx_bytes
from govinspect.gather.fetch_attachments import fetch_attachments
from govinspect.gather.link_index import LinkIndex
from govinspect.model.artifacts import Link
from tests.gather.loopback import loopback_settings, serve_hosts

HOST = "www.att.gov.cn"
XLSX = xlsx_bytes("公示", ["姓名", "身份证号"], [["王建国", id_number("g")]])


async def _site(request: web.Request) -> web.StreamResponse:
    if request.path == "/gs.xlsx":
        return web.Response(body=XLSX, content_type="application/vnd.ms-excel")
    if request.path == "/big.pdf":       # over the attachment cap, under a page's: the attachment cap rules
        return web.Response(body=b"%PDF" + b"0" * 300_000, content_type="application/pdf")
    if request.path == "/huge.xlsx":     # over max_page_bytes too: read up to the attachment cap
        return web.Response(body=b"PK" + b"0" * 3_000_000)
    if request.path == "/slow.docx":
        await asyncio.sleep(3)
        return web.Response(body=b"PK")
    return web.Response(status=404)


async def test_bounds_recorded_per_file() -> None:
    async with serve_hosts({HOST: _site, "other.gov.cn": _site}) as hosts:
        home = hosts.url(HOST)
        index = LinkIndex(home)
        index.add_page(home, [Link(url=hosts.url(HOST, p), text="附件", position="body", tag="attachment")
                              for p in ("/gs.xlsx", "/big.pdf", "/slow.docx", "/gone.pdf", "/a.doc", "/huge.xlsx")]
                       + [Link(url=hosts.url("other.gov.cn", "/x.xlsx"), text="", position="body", tag="attachment")])
        settings = loopback_settings([HOST, "other.gov.cn"], max_attachment_bytes=100_000, attachment_timeout_s=1.0,
                                     max_page_bytes=1_000_000)
        files = await fetch_attachments(index, lambda u: HOST in u, settings)
    by_path = {f.url.rsplit("/", 1)[1]: f for f in files}
    assert set(by_path) == {"gs.xlsx", "huge.xlsx", "big.pdf", "slow.docx", "gone.pdf"}   # no .doc, nothing off-site
    assert next(iter(by_path)) == "gs.xlsx"                                         # spreadsheets first
    assert by_path["gs.xlsx"].error_class is None and by_path["gs.xlsx"].data == XLSX
    assert by_path["big.pdf"].error_class == "too_large" and not by_path["big.pdf"].data
    assert by_path["huge.xlsx"].error_class == "too_large" and by_path["huge.xlsx"].size == 100_001
    assert by_path["slow.docx"].error_class == "timeout" and by_path["slow.docx"].fetch_ms < 2500
    assert by_path["gone.pdf"].error_class == "http" and by_path["gone.pdf"].status == 404
