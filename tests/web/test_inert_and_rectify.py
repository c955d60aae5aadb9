"""Crawled markup is shown as text (HTTP level); 整改 deadlines, states and 逾期."""
from __future__ import annotations

import re

from .live_dashboard import LiveDashboard

EDU = "4212000002"


def test_crawled_script_and_spam_markup_are_escaped(dashboard: LiveDashboard) -> None:
    c, _ = dashboard.login("shenhe")
    html = c.get(f"/runs/{dashboard.run_id}/sites/{EDU}").text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    assert not re.search(r'<a [^>]*href="http://spam-casino', html)
    assert not re.search(r"<img [^>]*onerror", html, re.IGNORECASE)
    assert 'href="javascript:' not in html.lower()
    assert "&lt;b&gt;bad scheme&lt;/b&gt;" in html                  # other evidence text escaped too
    frames = re.findall(r"<iframe[^>]*>", html)
    assert frames and all('sandbox=""' in f and "<" not in f[1:] for f in frames)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/htmx.min.js" defer>', '<script src="/static/dashboard.js" defer>']


def test_rectification_deadlines_states_and_overdue(dashboard: LiveDashboard) -> None:
    run = f"/runs/{dashboard.run_id}"
    c, token = dashboard.login("shenhe")
    page = c.get(f"{run}/rectification").text
    assert page.count("未下发") >= 4
    r = c.post(f"{run}/rectification", data={"kind": "site", "key": EDU, "deadline": "2020-08-15",
                                             "state": "待整改", "csrf_token": token})
    assert r.status_code == 303
    assert c.post(f"{run}/rectification/all", data={"deadline": "2999-01-01", "csrf_token": token}).status_code == 303
    rows = c.get(f"{run}/rectification").text
    assert "未下发" not in rows.split("<tbody>")[1]
    edu_row = [row for row in rows.split("<tr") if "咸宁市教育局" in row and "sites/" in row][0]
    assert "逾期" in edu_row and "2020-08-15" in edu_row                 # past deadline, not fixed
    assert "2999-01-01" in rows and "待整改" in rows
    unit, utoken = dashboard.login("jiaoyu")
    assert "咸宁市人民政府" not in unit.get(f"{run}/rectification").text
    r = unit.post(f"{run}/rectification", data={"kind": "site", "key": EDU, "deadline": "2999-12-31",
                                                "state": "已整改", "note": "已删除暗链", "csrf_token": utoken})
    assert r.status_code == 303
    edu_row = [row for row in c.get(f"{run}/rectification").text.split("<tr") if "咸宁市教育局" in row][0]
    assert "已整改" in edu_row and "已删除暗链" in edu_row and "2020-08-15" in edu_row   # unit cannot move the deadline
    r = c.post(f"{run}/rectification", data={"kind": "site", "key": EDU, "deadline": "15.8.2020",
                                             "state": "待整改", "csrf_token": token})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text


# a 1×1 PNG
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a5e3b1bb0000000049454e44ae426082")


def test_screenshots_are_served_only_from_the_workspace(dashboard: LiveDashboard) -> None:
    shot = dashboard.workspace / "screenshots" / "4212000003" / "article-1.png"
    shot.parent.mkdir(parents=True)
    shot.write_bytes(PNG)
    (dashboard.workspace.parent / "outside-workspace.png").write_bytes(PNG)
    c, _ = dashboard.login("shenhe")
    page = c.get(f"/runs/{dashboard.run_id}/sites/4212000003").text
    srcs = re.findall(r'<img class="screenshot" alt="截图" src="([^"]+)"', page)
    assert len(srcs) == 2
    served = [c.get(src) for src in srcs]
    assert sorted(r.status_code for r in served) == [200, 404]        # ../outside-workspace.png is refused
    ok = next(r for r in served if r.status_code == 200)
    assert ok.content == PNG and ok.headers["content-type"] == "image/png"
    unit, _ = dashboard.login("jiaoyu")
    assert all(unit.get(src).status_code == 404 for src in srcs)
