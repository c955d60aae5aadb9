"""Server-side sessions: logout, password reset, role change, disabling and 强制下线 end a user's sessions at
once; idle and absolute timeouts; the cookie carries no readable data — on SQLite and real PostgreSQL."""
from __future__ import annotations

import asyncio
import base64
import re
import time
from pathlib import Path

import httpx2

from govinspect.store import Store
from govinspect.store import tables as t

from .auth_server import csrf, serving, try_login
from .live_dashboard import LiveDashboard

RUNS = "/runs"


def _cookie(c: httpx2.Client) -> str:
    return c.cookies.get("govinspect_session")


def _reuse(dashboard_or_base: LiveDashboard | str, cookie: str) -> httpx2.Client:
    base = dashboard_or_base if isinstance(dashboard_or_base, str) else dashboard_or_base.base_url
    c = httpx2.Client(base_url=base, follow_redirects=False, timeout=30)
    c.cookies.set("govinspect_session", cookie)
    return c


def _session_rows(store_url: str) -> list[dict]:
    async def go() -> list[dict]:
        store = await Store.open(store_url)
        try:
            async with store.engine.connect() as conn:
                return [dict(r) for r in (await conn.execute(t.sessions.select())).mappings()]
        finally:
            await store.close()
    return asyncio.run(go())


def test_cookie_saved_before_logout_is_rejected_after_it(dashboard: LiveDashboard) -> None:
    """The issue's probe: a cookie copied before logout gave 200 after it. Now it gets the login page."""
    c, token = dashboard.login("shenhe")
    saved = _cookie(c)
    assert c.get(RUNS).status_code == 200
    assert c.post("/logout", data={"csrf_token": token}).status_code == 303
    replay = _reuse(dashboard, saved)
    assert replay.get(RUNS).status_code == 303 and replay.get(RUNS).headers["location"] == "/login"
    page = replay.get(f"/runs/{dashboard.run_id}")
    assert page.status_code == 303
    # nor can it post with the old CSRF token: no session, no decision
    r = replay.post(f"/runs/{dashboard.run_id}/review/site", data={"key": "4212000001", "action": "add",
                                                                   "subject": "s", "message": "m", "csrf_token": token})
    assert r.status_code == 403 and dashboard.decisions() == []
    assert _session_rows(dashboard.store_url) == []


def test_cookie_is_an_opaque_token_and_the_store_keeps_only_its_hash(dashboard: LiveDashboard) -> None:
    c, token = dashboard.login("shenhe")
    cookie = _cookie(c)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie)
    raw = base64.urlsafe_b64decode(cookie + "=")
    assert b"shenhe" not in raw and b"user" not in raw and token.encode() not in raw
    rows = _session_rows(dashboard.store_url)
    assert len(rows) == 1 and rows[0]["username"] == "shenhe" and rows[0]["client"] == "127.0.0.1"
    assert cookie not in str(rows[0]) and len(rows[0]["id"]) == 64
    # a forged cookie of the right shape is just an anonymous visitor
    assert _reuse(dashboard, "A" * 43).get(RUNS).status_code == 303


def test_admin_changes_end_the_users_sessions_at_once(dashboard: LiveDashboard) -> None:
    admin, admin_token = dashboard.login("admin")
    changes = [("/admin/users/password", {"password": "Brand-new-pass-1"}),
               ("/admin/users/role", {"role": "admin"}),
               ("/admin/users/sessions", {}),
               ("/admin/users/disable", {"disabled": "1"})]
    for path, form in changes:
        victim, _ = _login_any(dashboard, "shenhe")
        other, _ = _login_any(dashboard, "shenhe")          # a second browser of the same user
        assert victim.get(RUNS).status_code == 200 and other.get(RUNS).status_code == 200
        r = admin.post(path, data={"username": "shenhe", "csrf_token": admin_token, **form})
        assert r.status_code == 303, (path, r.text)
        assert victim.get(RUNS).status_code == 303, path
        assert other.get(RUNS).status_code == 303, path
    assert admin.get(RUNS).status_code == 200                 # nobody else was logged out
    # disabled: the right password no longer opens a session (and says nothing about why)
    _c, r = try_login(dashboard.base_url, "shenhe", "Brand-new-pass-1")
    assert r.status_code == 401 and "用户名或密码不正确" in r.text


def _login_any(dashboard: LiveDashboard, username: str) -> tuple[httpx2.Client, str]:
    """Log in with whichever password the test has set so far."""
    for pw in ("Review-pass-2020", "Brand-new-pass-1"):
        c, r = try_login(dashboard.base_url, username, pw)
        if r.status_code == 303:
            return c, csrf(c)
    raise AssertionError(f"{username} could not log in: {r.status_code}")


def test_idle_timeout_ends_a_session(seeded_store_url: str, tmp_path: Path) -> None:
    with serving(seeded_store_url, tmp_path / "ws", session_idle_minutes=2 / 60) as base:
        c, r = try_login(base, "shenhe")
        assert r.status_code == 303
        for _ in range(3):                                    # used every second: stays alive past 2 s
            time.sleep(1.0)
            assert c.get(RUNS).status_code == 200
        time.sleep(2.6)                                       # then idle longer than 2 s
        assert c.get(RUNS).status_code == 303
        assert _session_rows(seeded_store_url) == []         # the dead row is deleted, not kept


def test_absolute_timeout_ends_a_busy_session(seeded_store_url: str, tmp_path: Path) -> None:
    with serving(seeded_store_url, tmp_path / "ws", session_max_hours=3 / 3600) as base:
        c, r = try_login(base, "shenhe")
        assert r.status_code == 303 and "max-age=3" in r.headers["set-cookie"].lower()
        saved = _cookie(c)
        statuses = []
        for _ in range(9):          # busy every half second (never idle); a replayed cookie, so the
            statuses.append(_reuse(base, saved).get(RUNS).status_code)    # browser's Max-Age plays no part
            time.sleep(0.5)
        assert statuses[0] == 200 and statuses[-1] == 303
        first_refused = statuses.index(303)
        assert 4 <= first_refused <= 8 and all(s == 303 for s in statuses[first_refused:])


def test_own_password_change_ends_every_session_of_the_user(dashboard: LiveDashboard) -> None:
    here, token = dashboard.login("shenhe")
    elsewhere, _ = dashboard.login("shenhe")
    saved = _cookie(here)
    assert 'href="/account/password"' in here.get(RUNS).text
    form = {"current": "Review-pass-2020", "new": "Changed-pass-77", "again": "Changed-pass-77", "csrf_token": token}
    for bad, why in (({"current": "not-it"}, "当前密码不正确"), ({"again": "Changed-pass-78"}, "两次输入的新密码不一致"),
                     ({"new": "short", "again": "short"}, "8 位")):
        r = here.post("/account/password", data={**form, **bad})
        assert r.status_code == 400 and why in r.text
    assert here.post("/account/password", data={k: v for k, v in form.items() if k != "csrf_token"}).status_code == 403
    r = here.post("/account/password", data=form)
    assert r.status_code == 303 and r.headers["location"] == "/login?changed=1"
    assert "密码已修改" in here.get("/login?changed=1").text
    for c in (here, elsewhere, _reuse(dashboard, saved)):
        assert c.get(RUNS).status_code == 303
    assert try_login(dashboard.base_url, "shenhe")[1].status_code == 401
    assert try_login(dashboard.base_url, "shenhe", "Changed-pass-77")[1].status_code == 303
