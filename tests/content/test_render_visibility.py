"""Computed visibility in real headless Chromium (Debian /usr/bin/chromium) on a loopback aiohttp server."""
from __future__ import annotations

from datetime import date

import pytest
from aiohttp import web

from govinspect.checks.content import hidden_spam_links
from govinspect.gather.render_visibility import browser_available, render_link_visibility
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.findings import RunContext
from tests.content.conftest import extracted, snapshot

PAGE = """<html><head><style>.ad{position:absolute;left:-5000px}</style></head><body>
<p>咸宁市人民政府</p><a href="/zwgk/">政务公开</a>
<div class="ad"><a href="http://www.365bet-tyzx.com/">365bet体育在线</a></div>
<script>
setTimeout(function () {
  var d = document.createElement('div'); d.style.display = 'none';
  d.innerHTML = '<a href="http://www.amxpj-yl.com/">澳门新葡京娱乐场</a>';
  document.body.appendChild(d);
}, 100);
</script></body></html>"""

pytestmark = [pytest.mark.browser]


@pytest.fixture(autouse=True)
def _browser_required() -> None:
    # CI installs Playwright and Debian chromium: a missing browser must fail, not skip.
    if not browser_available():
        pytest.fail("playwright or /usr/bin/chromium not installed (scripts/install_system_deps.sh)")


@pytest.fixture
async def site():
    app = web.Application()

    async def home(_request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html", charset="utf-8")

    app.router.add_get("/", home)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = tcp._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/"
    await runner.cleanup()


async def test_rendered_hints_include_script_inserted_links(site: str) -> None:
    links = await render_link_visibility(site)
    assert links is not None
    hints = {link.url: link.hidden_hints for link in links}
    assert hints[site + "zwgk/"] == ()
    assert "computed:offscreen" in hints["http://www.365bet-tyzx.com/"]
    assert "computed:display:none" in hints["http://www.amxpj-yl.com/"]   # inserted by a timer: static misses it
    art = extracted(SiteArtifacts(site_code="x", url=site, pages=[snapshot(site, PAGE)], links=links), date(2020, 7, 17))
    subjects = {f.subject: f.status for f in hidden_spam_links.run(art, RunContext(as_of=date(2020, 7, 17)))}
    assert subjects == {"http://www.365bet-tyzx.com/": "fail", "http://www.amxpj-yl.com/": "fail"}
