"""A column page whose list a script loads is rendered in Debian's Chromium automatically (no --render-js):
its dated items reach the column; without a browser it is 'not understood', never blank."""
from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from aiohttp import web

from govinspect.extract.understand_site import understand_digests
from govinspect.gather.gather_site import gather_site
from govinspect.gather.script_pages import list_written_by_script
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from tests.gather.loopback import serve_handler

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>某县人民政府</title></head><body>
<div class="nav"><a href="/tzgg/index.html">通知公告</a><a href="/gzdt/index.html">工作动态</a><a href="/lxwm.html">联系我们</a></div>
<ul><li><a href="/gzdt/1.html">县政府召开常务会议</a><span>2020-07-10</span></li></ul></body></html>"""
LIST = """<!doctype html><html><head><meta charset="utf-8"><title>通知公告_某县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/tzgg/index.html">通知公告</a><a href="/gzdt/index.html">工作动态</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/index.html">通知公告</a></div>
<ul id="list"></ul>
<script>
var x = new XMLHttpRequest(); x.open("GET", "/tzgg/list.json", true);
x.onload = function () { var rows = JSON.parse(x.responseText), html = "";
  for (var i = 0; i < rows.length; i++) {
    html += '<li><a href="' + rows[i].url + '">' + rows[i].title + '</a><span>' + rows[i].date + '</span></li>'; }
  document.getElementById("list").innerHTML = html; };
x.send();
</script></body></html>"""


ROWS = [{"title": "关于做好防汛工作的通知", "url": "/tzgg/1.html", "date": "2020-07-15"},
        {"title": "关于开展安全检查的通知", "url": "/tzgg/2.html", "date": "2020-06-01"}]


def test_list_written_by_script_is_recognised_from_the_raw_page() -> None:
    assert list_written_by_script("http://x.gov.cn/tzgg/index.html", LIST)
    assert not list_written_by_script("http://x.gov.cn/tzgg/202007/t20200715_1.html", LIST)   # an article URL
    assert not list_written_by_script("http://x.gov.cn/", HOME)                                # no loader script


async def _serve() -> tuple[web.AppRunner, int]:
    async def page(request: web.Request) -> web.Response:
        if request.path == "/tzgg/list.json":
            return web.json_response(ROWS)
        body = {"/": HOME, "/tzgg/index.html": LIST}.get(request.path, "<html><body><p>正文内容</p></body></html>")
        return web.Response(text=body, content_type="text/html", charset="utf-8")

    return await serve_handler(page)


def _gather(tmp_path: Path, chromium: str) -> tuple[str, object]:
    async def run():
        runner, port = await _serve()
        try:
            settings = Settings(workspace=tmp_path, per_host_delay_s=0, probe_interval_s=0, chromium_path=chromium,
                                resolve={"www.demo.gov.cn": ("127.0.0.1",)}, only_mapped_hosts=True,
                                check_external_links=False, quiet=True)
            site = SiteRecord("4212000001", "某县人民政府", f"http://www.demo.gov.cn:{port}/")
            return site.url, await gather_site(site, settings, tmp_path / "journal")
        finally:
            await runner.cleanup()

    return asyncio.run(run())


def _column(home: str, out: object, name: str):
    as_of = out.as_of   # type: ignore[attr-defined]
    art = understand_digests(out.pages, out.source.digests(as_of, home), home, as_of)   # type: ignore[attr-defined]
    return next(c for c in art.columns or [] if c.name == name), art


@pytest.mark.browser
def test_script_loaded_list_is_rendered_automatically(tmp_path: Path) -> None:
    home, out = _gather(tmp_path, "/usr/bin/chromium")
    col, _ = _column(home, out, "通知公告")
    assert col.newest_date == date(2020, 7, 15) and col.item_count == 2 and not col.blank


def test_without_a_browser_the_list_is_not_understood_never_blank(tmp_path: Path) -> None:
    home, out = _gather(tmp_path, "/nonexistent/chromium")
    col, art = _column(home, out, "通知公告")
    assert not col.blank and col.newest_date is None
    assert any("脚本" in reason for reason, _ in art.understanding.not_understood)
