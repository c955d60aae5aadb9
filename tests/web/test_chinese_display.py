"""What the dashboard shows is Chinese: evidence labels and values, run titles, dates as YYYY-MM-DD."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from govinspect.checks.accounts.account_feed_unavailable import REASONS
from govinspect.checks.kit.content_pages import HINT_WORDS
from govinspect.extract.security.spam_lexicon import load_terms
from govinspect.model.artifacts import COLUMN_TYPES, PAGE_KINDS
from govinspect.model.check_ids import FOOTER_ITEM_NAMES
from govinspect.web.evidence_display import LABELS, VALUES, iso_dates, label, subject_text
from govinspect.web.run_titles import period_label, rulebook_name, scope_label
from govinspect.web.unit_panel import finding_views

from .live_dashboard import LiveDashboard, add_run

DEMO = json.loads((Path(__file__).resolve().parent / "fixtures" / "result_demo.json").read_text(encoding="utf-8"))
RUN = DEMO["run_id"]
# an enum-like value: a short lower-case token (not a URL, host, date, number or crawled phrase)
TOKEN = re.compile(r"^(?=.*[a-z])[a-z0-9_:\-]+$")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# what the site itself printed (shown as seen), or an identifier
AS_SEEN = {"terms", "anchor", "text", "context", "title", "keywords", "name", "leader", "correct", "host", "code",
           "registered", "post_title", "gazetteer_version"}
ALLOWED_LATIN = {"HTTP", "HTTPS", "IPv", "ICP", "IP", "URL", "robots", "hidden", "marquee", "meta"}


def _units() -> list[dict]:
    return DEMO["sites"] + DEMO["accounts"]


def test_the_table_covers_every_value_the_code_can_write() -> None:
    assert set(COLUMN_TYPES) <= set(VALUES["column_type"])
    assert set(PAGE_KINDS) <= set(VALUES["page_kind"])
    assert set(HINT_WORDS) <= set(VALUES["hiding"])
    assert set(REASONS) <= set(VALUES["health"])
    assert {t.category for t in load_terms()} <= set(VALUES["categories"])
    assert VALUES["item"] == FOOTER_ITEM_NAMES
    for key, table in VALUES.items():
        for raw, shown in table.items():
            assert not TOKEN.match(shown), (key, raw, shown)


def test_every_evidence_key_and_enum_value_of_the_demo_is_shown_in_chinese() -> None:
    for unit in _units():
        for f in unit["findings"]:
            for key, value in (f.get("evidence") or {}).items():
                assert label(key, f["check"]) != key, f"evidence key {key!r} of {f['check']} has no Chinese label"
                values = value if isinstance(value, list) else [value]
                for v in values:
                    if isinstance(v, str) and TOKEN.match(v) and key not in AS_SEEN:
                        assert v in VALUES.get(key, {}), f"{f['check']}: {key}={v!r} has no Chinese wording"
            view = finding_views({"findings": [f]})[0]
            for shown_label, shown in view["ev"]["rows"]:
                words = set(LATIN_WORD.findall(shown_label))
                assert words <= ALLOWED_LATIN, (f["check"], shown_label)
    assert all(not TOKEN.match(v) for v in LABELS.values())


def test_the_site_page_carries_no_raw_values(dashboard: LiveDashboard) -> None:
    add_run(dashboard.store_url, RUN, DEMO)
    c, _ = dashboard.login("shenhe")
    for site in DEMO["sites"]:
        page = html.unescape(c.get(f"/runs/{RUN}/sites/{site['site_code']}").text)
        text = re.sub(r"<[^>]+>", " ", page.split('id="unit-head"', 1)[1])
        for raw in ("special", "interview", "gambling", "spam_host_pattern", "static", "breadcrumb",
                    "js_written", "to_policy", "from_policy", "hijacked_title", "leader_name", "（columns",
                    "（articles", "（footers"):
            assert not re.search(rf"(?<![\w/.]){re.escape(raw)}(?![\w.])", text), (site["name"], raw)
        # 问题对象 is not repeated as 位置: a stale column's subject is its location
        for card in page.split('<article class="card finding')[1:]:
            card = card.split("</article>", 1)[0]
            subject = re.search(r'<dd class="subject">([^<]*)</dd>', card).group(1)
            assert f"<dt>位置</dt><dd>{subject}</dd>" not in card


def test_runs_are_titled_by_period_and_scope_with_the_rulebook_name(dashboard: LiveDashboard) -> None:
    add_run(dashboard.store_url, RUN, DEMO)
    c, _ = dashboard.login("shenhe")
    runs = c.get("/runs").text
    rows = runs.split("<tbody>", 1)[1]
    assert rows.count("2020年第三季度 全市抽查") == 2                      # the fixture run and the demo run
    assert "政府网站与政务新媒体检查指标(国办秘函〔2019〕19号)" in rows
    assert not re.search(r"<td[^>]*>\s*national-2019", rows)
    assert re.findall(r'<a class="run-title" href="/runs/([^"]+)">2020年第三季度 全市抽查</a>', rows)
    page = c.get(f"/runs/{RUN}").text
    assert '<h1 id="run-title">2020年第三季度 全市抽查</h1>' in page and "<title>2020年第三季度 全市抽查" in page
    assert "指标体系：政府网站与政务新媒体检查指标(国办秘函〔2019〕19号)" in page
    unit_page = c.get(f"/runs/{RUN}/sites/{DEMO['sites'][0]['site_code']}").text
    assert "← 返回 2020年第三季度 全市抽查" in unit_page
    # a result that names its scope and period is titled by them
    named = {**DEMO, "scope": "市直部门专项检查", "period": "2020年7月"}
    add_run(dashboard.store_url, "20200717-named", named)
    assert "2020年7月 市直部门专项检查" in c.get("/runs").text


def test_title_parts() -> None:
    assert period_label("2020-07-17") == "2020年第三季度" and period_label("2021-01-05") == "2021年第一季度"
    assert period_label("2020-12-31", "2020年下半年") == "2020年下半年"
    assert scope_label({"市直", "咸安区"}) == "全市抽查" and scope_label({"咸安区"}) == "咸安区抽查"
    assert scope_label({"市直"}) == "市直部门抽查" and scope_label(set(), " 全省抽查 ") == "全省抽查"
    assert rulebook_name("xianning-2020").startswith("咸宁市政府网站抽查")
    assert rulebook_name("national-2019", "某标题") == "某标题"


def test_dates_are_yyyy_mm_dd_everywhere(dashboard: LiveDashboard) -> None:
    assert iso_dates("2020.6.18-2020.7.17") == "2020-06-18 至 2020-07-17"
    assert iso_dates("于 2026-12-07T12:20:29.871+08:00 探测") == "于 2026-12-07 12:20:29 探测"
    assert iso_dates("07/17/2020") == "2020-07-17"
    assert subject_text({"check": "account_not_updated", "subject": "2020.6.18-2020.7.17"}) == "2020-06-18 至 2020-07-17"
    add_run(dashboard.store_url, RUN, DEMO)
    c, token = dashboard.login("shenhe")
    forestry = next(a for a in DEMO["accounts"] if a["name"] == "咸宁林业")
    page = c.get(f"/runs/{RUN}/accounts/{forestry['platform']}:{forestry['name']}:{forestry['organizer']}").text
    assert re.search(r"\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}", page)
    assert c.post(f"/runs/{RUN}/rectification/all", data={"deadline": "2020-08-15", "csrf_token": token}
                  ).status_code == 303
    for path in ("/runs", f"/runs/{RUN}", f"/runs/{RUN}/rectification",
                 f"/runs/{RUN}/sites/{DEMO['sites'][1]['site_code']}"):
        text = c.get(path).text
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}\.\d{1,2}\.\d{1,2}\b|\d{4}-\d{2}-\d{2}T\d", text), path
        assert 'type="date"' not in text, path        # the browser would print the date in its locale (mm/dd/yyyy)
    rect = c.get(f"/runs/{RUN}/rectification").text
    assert rect.count('<td class="nowrap">2020-08-15</td>') >= 5
    assert '<input name="deadline" class="date" value="2020-08-15"' in rect
