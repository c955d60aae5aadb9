"""Optional computed visibility of a page's links in headless Chromium (the ``[browser]`` extra).

Uses Playwright with Debian's ``/usr/bin/chromium`` through ``executable_path`` — never a browser
download. When playwright is not installed, or Chromium is missing, ``render_link_visibility`` returns
``None`` and the static analysis (extract/security) stands alone. Requests are limited to the page's own
host (plus loopback for tests); images, fonts and media are not fetched.

The result is a list of ``Link`` artifacts whose ``hidden_hints`` start with ``computed:``; links
written by JavaScript after load are included, which static analysis cannot always see.
"""
from __future__ import annotations

import asyncio
import importlib.util
import os
import tempfile
from urllib.parse import urlsplit

from govinspect.model.artifacts import Link

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTLE_MS = 1500           # let timers that insert links run
MAX_LINKS = 5000

# Runs in the page: each link with the reasons it cannot be seen (computed styles, geometry, colour).
_VISIBILITY_JS = r"""
(maxLinks) => {
  const hints = (a) => {
    const out = [];
    const r = a.getBoundingClientRect();
    for (let el = a; el && el.nodeType === 1; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.display === 'none') { out.push('display:none'); break; }
      if (s.visibility === 'hidden' || s.visibility === 'collapse') { out.push('visibility:hidden'); break; }
      if (parseFloat(s.opacity) <= 0.05) { out.push('opacity:0'); break; }
      if (el.tagName === 'MARQUEE' && (el.clientHeight <= 5 || el.clientWidth <= 5)) { out.push('marquee'); break; }
      if ((s.overflow.includes('hidden')) && (el.clientHeight <= 1 || el.clientWidth <= 1)) { out.push('zero-size'); break; }
    }
    if (!out.length) {
      const right = r.right + window.scrollX, bottom = r.bottom + window.scrollY;
      if (right <= 0 || bottom <= 0) out.push('offscreen');
      else if (r.width * r.height === 0 && (a.textContent || '').trim()) out.push('zero-size');
      const s = getComputedStyle(a);
      if (parseFloat(s.fontSize) <= 1) out.push('font-size:tiny');
      let bg = 'rgba(0, 0, 0, 0)';
      for (let el = a; el && el.nodeType === 1; el = el.parentElement) {
        const b = getComputedStyle(el).backgroundColor;
        if (b && b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') { bg = b; break; }
      }
      if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
      if (s.color === bg) out.push('same-colour');
    }
    return out;
  };
  return Array.from(document.querySelectorAll('a[href]')).slice(0, maxLinks).map(a => ({
    href: a.href, text: (a.textContent || '').trim().slice(0, 200), title: a.title || '', hints: hints(a)}));
}
"""


def browser_available(chromium_path: str = "/usr/bin/chromium") -> bool:
    return importlib.util.find_spec("playwright") is not None and os.path.exists(chromium_path)


async def render_link_visibility(url: str, chromium_path: str = "/usr/bin/chromium",
                                 timeout_s: float = 20.0) -> list[Link] | None:
    """Links of ``url`` as rendered, with computed hiding hints; None when no browser is available."""
    if not browser_available(chromium_path):
        return None
    from playwright.async_api import async_playwright

    host = (urlsplit(url).hostname or "").lower()
    with tempfile.TemporaryDirectory(prefix="govinspect-chromium-") as profile:
        async with async_playwright() as pw:
            context = await pw.chromium.launch_persistent_context(
                profile, executable_path=chromium_path, headless=True, args=LAUNCH_ARGS,
                viewport={"width": 1366, "height": 900})
            try:
                page = await context.new_page()

                async def only_own_host(route) -> None:
                    req = route.request
                    target = (urlsplit(req.url).hostname or "").lower()
                    if req.resource_type in ("image", "font", "media") or target not in (host, "127.0.0.1",
                                                                                          "localhost"):
                        await route.abort()
                    else:
                        await route.continue_()

                await page.route("**/*", only_own_host)
                await page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                await asyncio.sleep(SETTLE_MS / 1000)
                raw = await page.evaluate(_VISIBILITY_JS, MAX_LINKS)
            finally:
                await context.close()
    return [Link(url=item["href"], text=item["text"], position="body", tag="a", title=item["title"],
                 hidden_hints=tuple(f"computed:{h}" for h in item["hints"])) for item in raw]
