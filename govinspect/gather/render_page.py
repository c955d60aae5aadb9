"""Optional headless Chromium (``[browser]`` extra): pages written by JavaScript, evidence screenshots.

Uses the Debian chromium at ``Settings.chromium_path`` through Playwright; nothing is ever downloaded
(never ``playwright install``). Host names follow ``Settings.resolve`` through
``--host-resolver-rules``; with ``only_mapped_hosts`` every other name fails to resolve.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from govinspect.settings import Settings

LAUNCH_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync")
RENDER_TIMEOUT_MS = 20_000
SETTLE_MS = 500


class BrowserUnavailable(RuntimeError):
    """Playwright or the chromium binary is missing: rendering is 未能检测, never a verdict."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    url: str
    final_url: str
    status: int | None
    html: str | None
    screenshot: Path | None = None
    error: str | None = None
    evaluated: Any = None


def resolver_rules(settings: Settings) -> str:
    rules = []
    for host, ips in settings.resolve.items():
        if ips:
            ip = ips[0]
            rules.append(f"MAP {host} {'[' + ip + ']' if ':' in ip else ip}")
    if settings.only_mapped_hosts:
        rules += ["EXCLUDE 127.0.0.1", "EXCLUDE [::1]", "MAP * ~NOTFOUND"]
    return ", ".join(rules)


class PageRenderer:
    """``async with PageRenderer(settings) as r: await r.render(url, screenshot=path)``."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pw = None
        self._browser = None

    async def __aenter__(self) -> Self:
        if not Path(self.settings.chromium_path).exists():
            raise BrowserUnavailable(f"找不到 Chromium：{self.settings.chromium_path}")
        try:
            from playwright.async_api import async_playwright
        except ImportError as exc:
            raise BrowserUnavailable("未安装 playwright（pip install govinspect[browser]）") from exc
        # launch() gives every browser a fresh temporary user-data-dir (Playwright refuses --user-data-dir).
        args = list(LAUNCH_ARGS)
        rules = resolver_rules(self.settings)
        if rules:
            args.append(f"--host-resolver-rules={rules}")
        self._pw = await async_playwright().start()
        try:
            self._browser = await self._pw.chromium.launch(executable_path=self.settings.chromium_path,
                                                           headless=True, args=args)
        except Exception as exc:
            await self._pw.stop()
            raise BrowserUnavailable(f"Chromium 启动失败：{exc}"[:300]) from exc
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._pw is not None:
            await self._pw.stop()

    async def render(self, url: str, screenshot: Path | None = None,
                     evaluate: tuple[str, Any] | None = None) -> RenderedPage:
        """The rendered DOM (and a screenshot); ``evaluate`` = (JS function, its argument) run in the
        loaded page, its value in ``RenderedPage.evaluated``."""
        assert self._browser is not None, "PageRenderer used outside 'async with'"
        context = await self._browser.new_context(user_agent=self.settings.user_agent, locale="zh-CN",
                                                  viewport={"width": 1366, "height": 900})
        try:
            page = await context.new_page()
            try:
                resp = await page.goto(url, wait_until="load", timeout=RENDER_TIMEOUT_MS)
                await page.wait_for_timeout(SETTLE_MS)
                html = await page.content()
                evaluated = await page.evaluate(*evaluate) if evaluate is not None else None
                if screenshot is not None:
                    screenshot.parent.mkdir(parents=True, exist_ok=True)
                    await page.screenshot(path=str(screenshot), full_page=False)
                return RenderedPage(url, page.url, resp.status if resp else None, html,
                                    screenshot if screenshot is not None else None, evaluated=evaluated)
            except Exception as exc:  # noqa: BLE001 - a page that will not render is recorded, not raised
                return RenderedPage(url, url, None, None, None, f"{type(exc).__name__}: {exc}"[:300])
        finally:
            await context.close()


async def render_page(url: str, settings: Settings, screenshot: Path | None = None) -> RenderedPage:
    """Render one page (one browser launch); prefer ``PageRenderer`` for many pages."""
    async with PageRenderer(settings) as renderer:
        return await renderer.render(url, screenshot)
