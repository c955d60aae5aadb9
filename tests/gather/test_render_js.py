"""--render-js in real Debian Chromium: a link written by JavaScript and hidden by a stylesheet is seen
with its computed visibility, and the rendered DOM replaces the script-built page's text."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiohttp import web

from govinspect.gather.gather_site import gather_site
from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from tests.gather.loopback import serve_handler

pytestmark = pytest.mark.browser

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>某县人民政府</title>
<style>.x9{position:absolute;left:-9999px}</style></head><body>
<div id="nav"><a href="/a.html">要闻动态</a><a href="/b.html">通知公告</a><a href="/c.html">政策文件</a></div>
<div id="app"></div>
<script>
var d=document.createElement('div'); d.className='x9';
d.innerHTML='<a href="http://spam.example/">澳门威尼斯人娱乐</a>'; document.body.appendChild(d);
document.getElementById('app').innerHTML='<p>县政府召开常务会议，研究部署防汛救灾工作。</p>';
</script></body></html>"""


async def _serve() -> tuple[web.AppRunner, int]:
    async def page(request: web.Request) -> web.Response:
        body = HOME if request.path == "/" else "<html><body><p>正文</p></body></html>"
        return web.Response(text=body, content_type="text/html", charset="utf-8")

    return await serve_handler(page)


def gather_rendered(tmp_path: Path) -> tuple[SiteRecord, object]:
    async def run():
        runner, port = await _serve()
        try:
            settings = Settings(workspace=tmp_path, render_js=True, per_host_delay_s=0, probe_interval_s=0,
                                resolve={"www.demo.gov.cn": ("127.0.0.1",)}, only_mapped_hosts=True,
                                check_external_links=False, quiet=True)
            site = SiteRecord("4212000001", "某县人民政府", f"http://www.demo.gov.cn:{port}/")
            return site, await gather_site(site, settings, tmp_path / "journal")
        finally:
            await runner.cleanup()

    return asyncio.run(run())


def test_script_written_hidden_link_is_seen_with_computed_visibility(tmp_path: Path) -> None:
    _, out = gather_rendered(tmp_path)
    spam = [link for link in out.rendered_links or [] if "spam.example" in link.url]
    assert spam, out.errors
    assert any(h.startswith("computed:") for h in spam[0].hidden_hints)
    nav = [link for link in out.rendered_links if link.url.endswith("/a.html")]
    assert nav and not nav[0].hidden_hints
    assert "防汛救灾" in (out.source.text(out.pages[0].url) or "")
    assert out.screenshots and all(Path(p).stat().st_size > 1000 for p in out.screenshots.values())


def test_rendered_hidden_spam_link_becomes_a_finding(tmp_path: Path) -> None:
    from datetime import date

    from govinspect.checks.run_checks import run_checks
    from govinspect.model.findings import RunContext
    from govinspect.pipeline.gather_and_extract import artifacts_from_outcome

    site, outcome = gather_rendered(tmp_path)
    artifacts = artifacts_from_outcome(site, outcome, date(2020, 7, 17))
    findings = run_checks(artifacts, RunContext(as_of=date(2020, 7, 17)), site.site_code, only=["hidden_spam_links"])
    assert [f.subject for f in findings if f.status == "fail"] == ["http://spam.example/"], findings
