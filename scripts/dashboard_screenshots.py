"""Regenerate docs/screenshots/: every dashboard page at 1366×900 in Debian Chromium, on the demo result.

    govinspect demo                                # writes govinspect-data/demo/result.json
    python scripts/dashboard_screenshots.py        # [--result r.json] [--out docs/screenshots]

Seeds a throwaway SQLite store with the result, serves the dashboard on 127.0.0.1, logs in as a reviewer,
and saves one PNG per page, including the grouped site page and a bulk decision. Offline; uses
/usr/bin/chromium through Playwright's executable_path (no browser download).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from govinspect.model.records import SiteRecord
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.web.app import create_app
from govinspect.web.loopback_server import start_in_thread
from govinspect.web.manage_users import create_user

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1366, "height": 900}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


async def seed(url: str, result: dict[str, Any], password: str) -> str:
    store = await Store.open(url)
    try:
        await store.upsert_sites([SiteRecord(site_code=s["site_code"], name=s["name"], url=s["url"],
                                             organizer=s.get("organizer", ""), is_portal=bool(s.get("is_portal")),
                                             region=s.get("region", ""), has_services=s.get("has_services", True))
                                  for s in result["sites"]])
        run_id = str(result.get("run_id") or "demo")
        await store.create_run(run_id, date.fromisoformat(result["as_of"]), result["rulebook"]["id"], {})
        await store.finish_run(run_id, result)
        await create_user(store, "shenhe", password, "reviewer")
        return run_id
    finally:
        await store.close()


def busiest_site(result: dict[str, Any]) -> dict[str, Any]:
    """The assessed site with the most findings (the page the grouping is for)."""
    return max(result["sites"], key=lambda s: (s["result"] != "未能检测", len(s.get("findings") or [])))


def shoot(base: str, run_id: str, result: dict[str, Any], password: str, out: Path, chromium: str) -> list[str]:
    from playwright.sync_api import expect, sync_playwright

    site = busiest_site(result)
    account = next((a for a in result["accounts"] if a.get("findings")), result["accounts"][0])
    account_key = f"{account['platform']}:{account['name']}:{account['organizer']}"
    notes: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT, locale="zh-CN").new_page()

        def save(name: str, full_page: bool = False) -> None:
            page.screenshot(path=out / name, full_page=full_page)
            height = page.evaluate("document.documentElement.scrollHeight")
            notes.append(f"{name}: {page.url.removeprefix(base)} (page height {height} px)")

        page.goto(base + "/login")
        save("01-login.png")
        page.fill("input[name=username]", "shenhe")
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("检查批次")
        save("02-runs.png")
        page.goto(f"{base}/runs/{run_id}")
        save("03-run.png")
        page.goto(f"{base}/runs/{run_id}/sites/{site['site_code']}")
        save("04-site-grouped.png")
        save("04-site-grouped-full.png", full_page=True)
        # the group with the most findings a reviewer can decide at once
        gid = page.evaluate("""() => [...document.querySelectorAll('details.group')]
            .filter(d => d.querySelector('form.bulk'))
            .sort((a, b) => b.querySelectorAll('article.finding').length - a.querySelectorAll('article.finding').length)[0].id""")
        group = page.locator(f"#{gid}")
        page.locator(f"#{gid} > summary").click()
        group.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -60)")
        save("05-site-group-open.png")
        bulk = page.locator(f"#{gid} form.bulk")
        bulk.locator("input[name=reason]").fill("同一批友情链接，已核实为误报（示例）")
        bulk.locator("button.bulk-dismiss").click()
        expect(page.locator(f"#{gid} .decision-note")).to_be_visible()
        save("06-bulk-decision.png")
        page.goto(f"{base}/runs/{run_id}/accounts/{account_key}")
        page.click("button[data-groups=open]")
        save("07-account.png")
        page.goto(f"{base}/runs/{run_id}/rectification")
        save("08-rectification.png")
        page.fill("form[action$='/rectification/all'] input[name=deadline]", "2020-08-15")
        page.click("form[action$='/rectification/all'] button")
        save("09-rectification-deadlines.png")
        browser.close()
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="复核平台截图（1366×900）")
    parser.add_argument("--result", type=Path, default=ROOT / "govinspect-data" / "demo" / "result.json")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not args.result.is_file():
        print(f"找不到结果文件 {args.result}；请先运行 govinspect demo", file=sys.stderr)
        return 2
    if not Path(args.chromium).exists():
        print(f"找不到 Chromium：{args.chromium}（apt-get install chromium）", file=sys.stderr)
        return 2
    result = json.loads(args.result.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/screens.db"
        run_id = asyncio.run(seed(url, result, password))
        settings = Settings(workspace=Path(tmp), db_url=url, quiet=True)
        server, thread, base = start_in_thread(create_app(settings), timeout_s=30)
        try:
            for line in shoot(base, run_id, result, password, args.out, args.chromium):
                print(line)
        finally:
            server.should_exit = True
            thread.join(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
