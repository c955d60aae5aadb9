"""Dashboard access data: server-side sessions, failed-login counters, the audit log, user changes.

Functions over a Store (they share its engine and, on SQLite, its single-writer lock).
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from govinspect.store import tables as t
from govinspect.store.workspace_store import Store

# ---- users ---------------------------------------------------------------------------------
USER_FIELDS = ("password_hash", "role", "organizer", "disabled")


async def list_users(store: Store) -> list[dict[str, Any]]:
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.users).order_by(t.users.c.username))).mappings()
        return [dict(r) for r in rows]


async def update_user(store: Store, username: str, *, end_sessions: bool = True, **values: Any) -> bool:
    """Change a user's fields; by default also ends every session of that user in the same transaction."""
    unknown = set(values) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"unknown user fields {sorted(unknown)}")
    async with store._write_lock, store.engine.begin() as conn:
        res = await conn.execute(update(t.users).where(t.users.c.username == username).values(**values))
        if end_sessions:
            await conn.execute(delete(t.sessions).where(t.sessions.c.username == username))
        return bool(res.rowcount)


# ---- sessions ------------------------------------------------------------------------------
async def create_session(store: Store, sid: str, username: str, csrf: str, client: str, now: datetime) -> None:
    async with store._write_lock, store.engine.begin() as conn:
        await conn.execute(insert(t.sessions).values(id=sid, username=username, csrf=csrf, client=client[:100],
                                                     created_at=now, last_seen=now))


async def get_session(store: Store, sid: str) -> dict[str, Any] | None:
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(t.sessions).where(t.sessions.c.id == sid))).mappings().first()
    return None if row is None else dict(row)


async def touch_session(store: Store, sid: str, now: datetime) -> None:
    async with store._write_lock, store.engine.begin() as conn:
        await conn.execute(update(t.sessions).where(t.sessions.c.id == sid).values(last_seen=now))


async def delete_session(store: Store, sid: str) -> None:
    async with store._write_lock, store.engine.begin() as conn:
        await conn.execute(delete(t.sessions).where(t.sessions.c.id == sid))


async def end_user_sessions(store: Store, username: str) -> int:
    async with store._write_lock, store.engine.begin() as conn:
        res = await conn.execute(delete(t.sessions).where(t.sessions.c.username == username))
        return int(res.rowcount or 0)


async def purge_sessions(store: Store, seen_before: datetime, created_before: datetime) -> int:
    async with store._write_lock, store.engine.begin() as conn:
        res = await conn.execute(delete(t.sessions).where((t.sessions.c.last_seen < seen_before)
                                                          | (t.sessions.c.created_at < created_before)))
        return int(res.rowcount or 0)


async def count_sessions(store: Store) -> dict[str, int]:
    async with store.engine.connect() as conn:
        rows = await conn.execute(select(t.sessions.c.username, func.count()).group_by(t.sessions.c.username))
        return {name: int(n) for name, n in rows}


# ---- failed logins -------------------------------------------------------------------------
async def get_throttles(store: Store, keys: list[str]) -> dict[str, dict[str, Any]]:
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.login_throttle).where(t.login_throttle.c.key.in_(keys)))).mappings()
        return {r["key"]: dict(r) for r in rows}


async def bump_throttle(store: Store, key: str, now: datetime,
                        next_state: Callable[[dict[str, Any] | None, datetime], dict[str, Any]]) -> dict[str, Any]:
    """Read-modify-write of one counter in one transaction; ``next_state`` computes the new row. The row is
    locked (PostgreSQL); if another process inserted the same new key meanwhile, the write is redone on it."""
    for attempt in (1, 2):
        try:
            async with store._write_lock, store.engine.begin() as conn:
                row = (await conn.execute(select(t.login_throttle).where(t.login_throttle.c.key == key)
                                          .with_for_update())).mappings().first()
                new = next_state(None if row is None else dict(row), now)
                if row is None:
                    await conn.execute(insert(t.login_throttle).values(key=key, **new))
                else:
                    await conn.execute(update(t.login_throttle).where(t.login_throttle.c.key == key).values(**new))
                return {"key": key, **new}
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def clear_throttles(store: Store, keys: list[str]) -> int:
    async with store._write_lock, store.engine.begin() as conn:
        res = await conn.execute(delete(t.login_throttle).where(t.login_throttle.c.key.in_(keys)))
        return int(res.rowcount or 0)


async def purge_throttles(store: Store, failed_before: datetime, now: datetime) -> int:
    """Forget counters whose last failure is older than ``failed_before`` and that lock nothing now."""
    c = t.login_throttle.c
    async with store._write_lock, store.engine.begin() as conn:
        res = await conn.execute(delete(t.login_throttle).where(
            (c.last_failure < failed_before) & (c.locked_until.is_(None) | (c.locked_until < now))))
        return int(res.rowcount or 0)


async def list_throttles(store: Store) -> list[dict[str, Any]]:
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.login_throttle).order_by(t.login_throttle.c.last_failure.desc()))
                ).mappings()
        return [dict(r) for r in rows]


# ---- audit log -----------------------------------------------------------------------------
async def add_audit(store: Store, *, at: datetime, who: str, client: str, action: str, target: str = "",
                    outcome: str = "", detail: str = "") -> None:
    async with store._write_lock, store.engine.begin() as conn:
        await conn.execute(insert(t.audit_log).values(at=at, who=who[:100], client=client[:100], action=action[:40],
                                                      target=target[:500], outcome=outcome[:20], detail=detail))


def _audit_query(who: str = "", action: str = "") -> Select:
    q = select(t.audit_log)
    if who:
        q = q.where(t.audit_log.c.who == who)
    if action:
        q = q.where(t.audit_log.c.action == action)
    return q


async def list_audit(store: Store, *, who: str = "", action: str = "", limit: int = 200, offset: int = 0
                     ) -> list[dict[str, Any]]:
    q = _audit_query(who, action).order_by(t.audit_log.c.id.desc()).limit(limit).offset(offset)
    async with store.engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(q)).mappings()]


async def iter_audit(store: Store, *, who: str = "", action: str = "", batch: int = 1000
                     ) -> AsyncIterator[dict[str, Any]]:
    """Every matching row, oldest first, fetched in batches (an export never holds the whole log)."""
    last = 0
    while True:
        q = _audit_query(who, action).where(t.audit_log.c.id > last).order_by(t.audit_log.c.id).limit(batch)
        async with store.engine.connect() as conn:
            rows = [dict(r) for r in (await conn.execute(q)).mappings()]
        for row in rows:
            yield row
        if len(rows) < batch:
            return
        last = rows[-1]["id"]


async def audit_actions(store: Store) -> list[str]:
    async with store.engine.connect() as conn:
        return sorted((await conn.execute(select(t.audit_log.c.action).distinct())).scalars())
