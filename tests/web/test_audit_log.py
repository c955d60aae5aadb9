"""The audit log names who did what, when, from where — logins, failures, decisions, user changes, 通报
generation — on an admin page and in a CSV export whose risky cells stay text (OWASP CSV injection)."""
from __future__ import annotations

import asyncio
import csv
import io
import re
from pathlib import Path

import httpx2

from govinspect.store import Store, access_store
from govinspect.web.server_sessions import now_utc

from .auth_server import serving, try_login
from .live_dashboard import CSRF_RE, USERS, LiveDashboard

RISKY = ["=HYPERLINK(\"http://evil.example/\",\"点击\")", "+1+cmd", "-2+3", "@SUM(A1)", "\tx=1", "\rx=1"]


def _rows(csv_text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"), newline="")))


def test_logins_decisions_reports_and_user_changes_are_audited(dashboard: LiveDashboard) -> None:
    try_login(dashboard.base_url, "shenhe", "wrong-password")
    c, token = dashboard.login("shenhe")
    run = f"/runs/{dashboard.run_id}"
    r = c.post(f"{run}/review/site", data={"key": "4212000001", "action": "add", "subject": "首页",
                                           "message": "人工发现的问题", "csrf_token": token})
    assert r.status_code == 303
    r = c.post(f"{run}/review/site", data={"key": "4212000001", "action": "add", "subject": "",
                                           "message": "", "csrf_token": token}, headers={"HX-Request": "true"})
    assert r.status_code == 200                      # answered with its error: nothing saved
    assert c.post(f"{run}/report", data={"formats": "xlsx", "csrf_token": token}).status_code == 303
    assert c.post("/logout", data={"csrf_token": token}).status_code == 303
    admin, atoken = dashboard.login("admin")
    assert admin.post("/admin/users/password", data={"username": "jiaoyu", "password": "Fresh-pass-2021",
                                                     "csrf_token": atoken}).status_code == 303
    page = admin.get("/admin/audit").text
    for label in ("登录失败", "登录成功", "复核决定", "生成通报", "退出登录", "重置密码"):
        assert label in page, label
    rows = _rows(admin.get("/admin/audit.csv").text)
    assert rows[0][:4] == ["时间（北京时间）", "用户", "来源地址", "操作"]
    by_action = {}
    for row in rows[1:]:
        by_action.setdefault(row[3], []).append(row)
    assert all(row[2] == "127.0.0.1" and row[0][:2] == "20" for row in rows[1:])
    assert by_action["登录失败"][0][1] == "shenhe" and by_action["登录失败"][0][5] == "失败"
    decisions = by_action["复核决定"]
    assert [(d[1], d[4], d[5]) for d in decisions] == [("shenhe", "4212000001", "成功"),
                                                      ("shenhe", f"{run}/review/site", "未保存")]
    assert "第 1 号决定：add" in decisions[0][6] and len(dashboard.decisions()) == 1
    assert by_action["生成通报"][0][1] == "shenhe" and "formats=xlsx" in by_action["生成通报"][0][6]
    assert by_action["重置密码"][0][1:5:3] == ["admin", "jiaoyu"]
    # a filtered view and export
    only = _rows(admin.get("/admin/audit.csv", params={"who": "admin"}).text)
    assert len(only) > 1 and {r[1] for r in only[1:]} == {"admin"}


def test_csv_export_neutralises_formula_cells(dashboard: LiveDashboard) -> None:
    for name in RISKY[:4]:                               # failed logins record the name as typed
        try_login(dashboard.base_url, name, "whatever-pw")
    asyncio.run(_add_risky_rows(dashboard.store_url))    # and every column of a row may be hostile
    admin, _ = dashboard.login("admin")
    body = admin.get("/admin/audit.csv")
    assert body.headers["content-type"].startswith("text/csv")
    assert "attachment" in body.headers["content-disposition"]
    rows = _rows(body.text)
    names = [r[1] for r in rows[1:] if r[3] == "登录失败"]
    assert names == ["'" + n for n in RISKY[:4]]
    hostile = [r for r in rows[1:] if r[3] == "其他操作"]
    assert [r[1:3] + r[4:7] for r in hostile] == [["'" + v] * 3 + ["'" + v[:20], "'" + v] for v in RISKY]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    # the page shows them escaped, as text
    page = admin.get("/admin/audit").text
    assert "=HYPERLINK(&#34;http://evil.example/&#34;" in page or "=HYPERLINK(&quot;" in page


async def _add_risky_rows(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        for v in RISKY:
            await access_store.add_audit(store, at=now_utc(), who=v, client=v, action="request", target=v,
                                         outcome=v, detail=v)
    finally:
        await store.close()


def test_hsts_only_over_https_and_client_from_trusted_proxy_only(seeded_store_url: str, tmp_path: Path) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    with serving(seeded_store_url, tmp_path / "a") as base:                 # no trusted proxy
        _c, r = try_login(base, "shenhe", headers=forwarded)
        assert r.status_code == 303 and "strict-transport-security" not in r.headers
        assert "server" not in r.headers                                       # no "server: uvicorn"
        assert "secure" not in r.headers["set-cookie"].lower()
    with serving(seeded_store_url, tmp_path / "b", trusted_proxies=("127.0.0.1",)) as base:
        r = _login_through_https_proxy(base, forwarded)
        assert r.status_code == 303 and r.headers["strict-transport-security"] == "max-age=31536000"
        assert "; secure" in r.headers["set-cookie"].lower() and "server" not in r.headers
        c2, r2 = try_login(base, "admin")                                   # plain http via the proxy
        assert r2.status_code == 303 and "strict-transport-security" not in r2.headers
        rows = _rows(c2.get("/admin/audit.csv").text)
        clients = {(r[1], r[2]) for r in rows[1:] if r[3] == "登录成功"}
        assert clients == {("shenhe", "127.0.0.1"), ("shenhe", "203.0.113.7"), ("admin", "127.0.0.1")}


def _login_through_https_proxy(base: str, headers: dict[str, str]) -> httpx2.Response:
    """The browser speaks HTTPS to the proxy, so it returns Secure cookies; this client speaks plain HTTP to
    the dashboard, so it hands the cookie back itself."""
    with httpx2.Client(base_url=base, headers=headers, timeout=30) as c:
        page = c.get("/login")
        cookie = re.search(r"govinspect_csrf=([^;]+)", page.headers["set-cookie"]).group(1)
        return c.post("/login", headers={"Cookie": f"govinspect_csrf={cookie}"},
                      data={"username": "shenhe", "password": USERS["shenhe"][0],
                            "csrf_token": CSRF_RE.search(page.text).group(1)})
