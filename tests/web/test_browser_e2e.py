"""End to end in headless Debian Chromium (Playwright with executable_path; no browser download):
log in, open a site, dismiss one finding, confirm one, add one, see the score change, see crawled
<script>/spam inert, generate and download the 通报, then dismiss a group of 14 findings of the demo's
result with one reason and find 14 decisions stored. Screenshots go to $GOVINSPECT_TEST_ARTIFACTS
(default /tmp/govinspect-web-artifacts/<backend>/)."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import playwright.sync_api as playwright_sync  # [browser] extra: CI installs it, a missing one fails
import pytest

from .live_dashboard import USERS, LiveDashboard, add_run

DEMO = json.loads((Path(__file__).resolve().parent / "fixtures" / "result_demo.json").read_text(encoding="utf-8"))

CHROMIUM = os.environ.get("GOVINSPECT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.browser


def _artifacts(backend: str) -> Path:
    root = Path(os.environ.get("GOVINSPECT_TEST_ARTIFACTS", "/tmp/govinspect-web-artifacts"))
    path = root / backend
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_review_flow_in_chromium(dashboard: LiveDashboard, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)")
    expect = playwright_sync.expect
    shots = _artifacts(dashboard.backend)
    add_run(dashboard.store_url, DEMO["run_id"], DEMO)
    site = next(s for s in DEMO["sites"] if s["name"] == "咸安区人民政府")
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            # log in
            page.goto(dashboard.base_url + "/runs")
            expect(page).to_have_url(dashboard.base_url + "/login")
            page.fill("input[name=username]", "shenhe")
            page.fill("input[name=password]", USERS["shenhe"][0])
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_have_text("检查批次")
            page.screenshot(path=shots / "01-runs.png", full_page=True)
            fixture_run = page.locator(f"a.run-title[href='/runs/{dashboard.run_id}']")
            expect(fixture_run).to_have_text("2020年第三季度 全市抽查")
            fixture_run.click()
            expect(page.locator("#sites")).to_contain_text("咸宁市教育局")
            page.screenshot(path=shots / "02-run.png", full_page=True)

            # open a site, dismiss one finding, confirm one, add one: the score follows each decision
            page.click("#sites a:text-is('咸宁市人民政府')")
            score = page.locator("#unit-score")
            expect(score).to_have_text("97.6")
            expect(page.locator("article.finding", has_text="HTTP 404")).to_be_hidden()      # groups start collapsed
            page.click("button[data-groups=open]")
            card = page.locator("article.finding", has_text="HTTP 404")
            card.locator("input[name=reason]").fill("复核时链接已可访问，属误报")
            card.locator("button.dismiss").click()
            expect(score).to_have_text("97.8")
            expect(page.locator("article.finding.dismissed", has_text="HTTP 404")).to_be_visible()
            page.locator("article.finding", has_text="通知公告").locator("button.confirm").click()
            expect(page.locator("article.finding", has_text="通知公告").locator(".review-confirm")).to_be_visible()
            expect(score).to_have_text("97.8")
            form = page.locator("form.add")
            form.locator("select[name=check]").select_option("inaccurate_profile")
            form.locator("input[name=subject]").fill("市情概况")
            form.locator("input[name=location]").fill("首页>走进咸宁>市情概况")
            form.locator("input[name=message]").fill("概况信息不准确：人口数据仍为2015年")
            form.locator("input[name=reason]").fill("人工核查")
            page.click("#add-finding")
            expect(score).to_have_text("96.8")
            expect(page.locator("article.finding.manual")).to_contain_text("人口数据仍为2015年")
            expect(page.locator("section.card", has_text="复核记录")).to_contain_text("shenhe")
            page.screenshot(path=shots / "03-site-reviewed.png", full_page=True)

            # a hijacked page's <script> and spam markup are shown, inert
            page.goto(f"{dashboard.base_url}/runs/{dashboard.run_id}/sites/4212000002")
            expect(page.locator("pre.snapshot-source").first).to_contain_text("<script>window.__pwned")
            page.wait_for_timeout(300)
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.title() != "PWNED" and dialogs == []
            assert page.locator("a[href*='spam-casino']").count() == 0
            assert page.locator("a[href^='javascript:']").count() == 0
            preview = next(f for f in page.frames if f != page.main_frame)
            assert preview.locator("a[href*='spam-casino']").count() == 2     # markup present, but…
            assert preview.evaluate("typeof window.__pwned") == "undefined"   # …its script never ran
            page.screenshot(path=shots / "04-spam-site-inert.png", full_page=True)

            # generate the 通报 and download it: all formats on SQLite; the store plays no part in the PDF
            # layout, so on PostgreSQL the slow PDF is left out to keep the suite fast
            page.goto(f"{dashboard.base_url}/runs/{dashboard.run_id}")
            expect(page.locator("#sites")).to_contain_text("96.8")
            wanted = {".docx", ".xlsx", ".html", ".pdf", ".json"}
            if dashboard.backend == "pg":
                page.locator("#reports input[value=pdf]").uncheck()
                wanted.discard(".pdf")
            page.click("#generate-report")
            links = page.locator("#reports a.download")
            expect(links.first).to_be_visible(timeout=90_000)
            names = links.all_inner_texts()
            assert {Path(n).suffix for n in names} == wanted, names
            with page.expect_download() as info:
                page.locator("#reports a.download", has_text=".docx").first.click()
            docx = tmp_path / info.value.suggested_filename
            info.value.save_as(docx)
            with zipfile.ZipFile(docx) as z:
                body = z.read("word/document.xml").decode("utf-8")
            assert "咸宁市人民政府" in body
            with page.expect_download() as info:
                page.locator("#reports a.download", has_text="result-reviewed.json").click()
            reviewed = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
            assert reviewed["sites"][0]["score"] == 96.8
            page.screenshot(path=shots / "05-reports.png", full_page=True)
            page.goto(f"{dashboard.base_url}/runs/{dashboard.run_id}/rectification")
            page.screenshot(path=shots / "06-rectification.png", full_page=True)

            # bulk: the demo's 咸安区 site, 14 hidden gambling links in one group, dismissed with one reason
            page.goto(f"{dashboard.base_url}/runs/{DEMO['run_id']}/sites/{site['site_code']}")
            group = page.locator("details.group", has=page.locator(".g-cause", has_text="隐藏的赌博类链接"))
            expect(group.locator(".g-count")).to_have_text("14 项")
            group.locator("> summary").click()
            expect(group.locator("article.finding").first).to_be_visible()
            group.locator("form.bulk input[name=reason]").fill("同一批友情链接，已核实为误报")
            group.scroll_into_view_if_needed()
            top = group.bounding_box()["y"]
            group.locator("button.bulk-dismiss").click()
            note = group.locator(".decision-note")
            expect(note).to_have_text("已忽略 14 项问题，不计入得分和通报")
            expect(group.locator("article.finding.dismissed")).to_have_count(14)
            expect(group.locator(".tag.review-dismiss").first).to_have_text("已忽略 14")
            assert abs(group.bounding_box()["y"] - top) < 2            # the group stayed where it was clicked
            assert page.evaluate("document.activeElement.classList.contains('decision-note')")
            expect(page.locator("#unit-counts")).to_contain_text("已忽略 14")
            page.screenshot(path=shots / "07-bulk-dismissed.png")
        finally:
            context.close()
            browser.close()
    # each finding of the group got its own decision, with the one reason
    stored = [d for d in dashboard.decisions() if d["unit_key"] == site["site_code"]]
    fingerprints = {f["fingerprint"] for f in site["findings"] if f["check"] == "hidden_spam_links"
                    and f["evidence"].get("categories") == ["gambling"]}
    assert len(stored) == 14 and {d["fingerprint"] for d in stored} == fingerprints
    assert {(d["action"], d["reason"], d["who"], d["payload"]["run_id"]) for d in stored} == {
        ("dismiss", "同一批友情链接，已核实为误报", "shenhe", DEMO["run_id"])}
