"""Login throttling per account and per client address, lockout with a Chinese message, admin unlock,
unknown names treated like known ones — on SQLite and real PostgreSQL, over real HTTP."""
from __future__ import annotations

import asyncio
import statistics
import time
from datetime import timedelta

from govinspect.store import Store, access_store
from govinspect.web import login_throttle
from govinspect.web.server_sessions import now_utc

from .auth_server import csrf, try_login
from .live_dashboard import LiveDashboard


def test_thirty_wrong_passwords_are_throttled_and_the_right_one_waits(dashboard: LiveDashboard) -> None:
    """The issue's probe: 30 wrong passwords in ~2 s were all 401 and the right password worked at once."""
    c, first = try_login(dashboard.base_url, "shenhe", "wrong-0")
    statuses = [first.status_code]
    token = csrf(c, "/login")
    for i in range(1, 30):
        r = c.post("/login", data={"username": "shenhe", "password": f"wrong-{i}", "csrf_token": token})
        statuses.append(r.status_code)
    assert statuses[:3] == [401, 401, 401]
    assert statuses.count(429) >= 25
    assert "登录尝试过于频繁" in r.text and "秒后再试" in r.text and int(r.headers["Retry-After"]) >= 1
    right = c.post("/login", data={"username": "shenhe", "password": "Review-pass-2020", "csrf_token": token})
    assert right.status_code == 429 and "govinspect_session" not in right.headers.get("set-cookie", "")


def test_unknown_names_are_throttled_and_timed_like_real_ones(dashboard: LiveDashboard) -> None:
    """Same statuses, same messages, about the same time: the login form does not tell which names exist."""
    def run(name: str) -> tuple[list[int], list[float]]:
        c, _ = try_login(dashboard.base_url, "admin", "warm-up")   # a fresh client; counts one failure on admin
        token = csrf(c, "/login")
        statuses, times = [], []
        for _ in range(4):
            t0 = time.perf_counter()
            statuses.append(c.post("/login", data={"username": name, "password": "nope-nope",
                                                   "csrf_token": token}).status_code)
            times.append(time.perf_counter() - t0)
        return statuses, times

    known, t_known = run("shenhe")
    unknown, t_unknown = run("no-such-user")
    assert known == unknown == [401, 401, 401, 429]
    # the three verified failures both cost one scrypt; refused ones cost none for either
    assert statistics.median(t_unknown[:3]) > 0.4 * statistics.median(t_known[:3])


def test_many_names_from_one_address_are_throttled(dashboard: LiveDashboard) -> None:
    c, _ = try_login(dashboard.base_url, "admin", "warm-up")
    token = csrf(c, "/login")
    statuses = [c.post("/login", data={"username": f"guess{i}", "password": "x" * 8, "csrf_token": token}
                       ).status_code for i in range(12)]
    # 1 (admin) + 9 guesses are free for the address; then every name waits, even one never tried before
    assert statuses[:9] == [401] * 9 and statuses[9:] == [429, 429, 429]
    r = c.post("/login", data={"username": "jiaoyu", "password": "Unit-pass-jyj-1", "csrf_token": token})
    assert r.status_code == 429 and "秒后再试" in r.text


def test_lockout_message_and_admin_unlock(dashboard: LiveDashboard) -> None:
    # ten failures spread over time (as a patient guesser would) lock the account for 15 minutes
    async def fail_ten() -> None:
        store = await Store.open(dashboard.store_url)
        try:
            start = now_utc() - timedelta(minutes=10)
            for i in range(10):
                await login_throttle.record_failure(store, "shenhe", f"10.0.0.{i}", start + timedelta(seconds=40 * i))
        finally:
            await store.close()
    asyncio.run(fail_ten())
    _c, r = try_login(dashboard.base_url, "shenhe")
    assert r.status_code == 429
    assert "该账号登录失败次数过多，已临时锁定" in r.text and "联系管理员解锁" in r.text
    assert int(r.headers["Retry-After"]) > 60
    admin, token = dashboard.login("admin")
    page = admin.get("/admin/users").text
    assert "账号 shenhe" in page and "解锁" in page
    assert admin.post("/admin/unlock", data={"key": "account:shenhe", "csrf_token": token}).status_code == 303
    _c, r = try_login(dashboard.base_url, "shenhe")
    assert r.status_code == 303
    # unlocking is the admins': a reviewer is refused
    reviewer, rtoken = dashboard.login("shenhe")
    assert reviewer.post("/admin/unlock", data={"key": "account:admin", "csrf_token": rtoken}).status_code == 403


def test_back_off_grows_and_a_quiet_spell_forgets() -> None:
    """The policy itself, on the exact times: 3 free failures, then 1 s, 2 s, 4 s … until the 10th locks."""
    now = now_utc()
    row = None
    waits = []
    for _ in range(10):
        row = login_throttle._next(login_throttle.ACCOUNT)(row, now)
        refusal = login_throttle._refusal(row, login_throttle.ACCOUNT, now, "该账号")
        waits.append(0 if refusal is None else refusal.retry_after)
    assert waits[:2] == [0, 0] and waits[2:9] == [2, 3, 5, 9, 17, 33, 65] and waits[9] > 15 * 60 - 2
    later = now + login_throttle.LOCK + timedelta(seconds=1)
    assert login_throttle._refusal(row, login_throttle.ACCOUNT, later, "该账号") is None
    assert login_throttle._next(login_throttle.ACCOUNT)(row, later)["failures"] == 1


async def test_stale_counters_are_forgotten_not_kept(store_url: str) -> None:
    """Guessed names must not pile up: counters past the quiet spell are dropped at the next failure."""
    store = await Store.open(store_url)
    try:
        long_ago = now_utc() - login_throttle.LOCK - timedelta(minutes=1)
        for i in range(5):
            await login_throttle.record_failure(store, f"guess{i}", "10.9.9.9", long_ago)
        await login_throttle.record_failure(store, "shenhe", "10.9.9.8", now_utc())
        keys = {r["key"] for r in await access_store.list_throttles(store)}
        assert keys == {"account:shenhe", "client:10.9.9.8"}
    finally:
        await store.close()


def test_failures_from_two_processes_are_all_counted(new_pg_database) -> None:
    """Two dashboards on one PostgreSQL (two stores, two write locks) counting the same new name at once:
    every failure is counted, none is lost to a race or ends in an error."""
    url = new_pg_database()

    async def race() -> int:
        a, b = await Store.open(url), await Store.open(url)
        try:
            now = now_utc()
            for i in range(30):           # a new name each time, failed at the same moment on both
                await asyncio.gather(*(login_throttle.record_failure(s, f"racer{i}", "10.1.0.1", now) for s in (a, b)))
            rows = await access_store.list_throttles(a)
            return sorted(r["failures"] for r in rows)
        finally:
            await a.close()
            await b.close()
    assert asyncio.run(race()) == [2] * 30 + [60]
