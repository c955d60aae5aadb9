"""Monitor state and hijack alerts (functions taking a Store): persisted so a restarted `monitor` keeps its
baselines and never repeats an alert that is still open."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from govinspect.store import tables as t
from govinspect.store.workspace_store import Store


def _now() -> datetime:
    return datetime.now(UTC)


async def load_state(store: Store, site_code: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(baseline, last) fingerprints of a site, or None before its first round."""
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(t.monitor_state.c.baseline, t.monitor_state.c.last)
                                  .where(t.monitor_state.c.site_code == site_code))).first()
    return None if row is None else (json.loads(row[0]), json.loads(row[1]))


async def save_state(store: Store, site_code: str, baseline: dict[str, Any], last: dict[str, Any]) -> None:
    values = {"baseline": json.dumps(baseline, ensure_ascii=False), "last": json.dumps(last, ensure_ascii=False),
              "updated_at": _now()}
    async with store._write_lock, store.engine.begin() as conn:
        where = t.monitor_state.c.site_code == site_code
        if (await conn.execute(select(t.monitor_state.c.site_code).where(where))).first() is None:
            await conn.execute(insert(t.monitor_state).values(site_code=site_code, **values))
        else:
            await conn.execute(update(t.monitor_state).where(where).values(**values))


async def open_alerts(store: Store, site_code: str) -> list[dict[str, Any]]:
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.monitor_alerts).where(
            (t.monitor_alerts.c.site_code == site_code) & t.monitor_alerts.c.cleared_at.is_(None)))).mappings()
        return [dict(r) for r in rows]


async def add_alert(store: Store, site_code: str, *, cause: str, cause_key: str, message: str, before: str,
                    after: str, url: str) -> int:
    now = _now()
    async with store._write_lock, store.engine.begin() as conn:
        res = await conn.execute(insert(t.monitor_alerts).values(
            site_code=site_code, cause=cause, cause_key=cause_key, message=message, before=before, after=after,
            url=url, opened_at=now, last_seen=now))
        return int(res.inserted_primary_key[0])


async def touch_alerts(store: Store, ids: list[int]) -> None:
    if ids:
        await store._write([update(t.monitor_alerts).where(t.monitor_alerts.c.id.in_(ids)).values(last_seen=_now())])


async def clear_alerts(store: Store, ids: list[int]) -> None:
    """The cause is gone (site repaired): a later recurrence is a new alert."""
    if ids:
        await store._write([update(t.monitor_alerts).where(t.monitor_alerts.c.id.in_(ids)).values(cleared_at=_now())])


async def mark_delivery(store: Store, alert_id: int, error: str = "") -> None:
    values: dict[str, Any] = {"delivery_error": error[:500]}
    if not error:
        values["delivered_at"] = _now()
    await store._write([update(t.monitor_alerts).where(t.monitor_alerts.c.id == alert_id).values(**values)])


async def undelivered_alerts(store: Store) -> list[dict[str, Any]]:
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.monitor_alerts).where(t.monitor_alerts.c.delivered_at.is_(None))
                                   .order_by(t.monitor_alerts.c.id))).mappings()
        return [dict(r) for r in rows]


async def list_alerts(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """Newest first, with the site's name (the dashboard's alert list)."""
    q = (select(t.monitor_alerts, t.sites.c.name.label("site_name"), t.sites.c.organizer.label("organizer"))
         .join(t.sites, t.sites.c.site_code == t.monitor_alerts.c.site_code, isouter=True)
         .order_by(t.monitor_alerts.c.opened_at.desc(), t.monitor_alerts.c.id.desc()).limit(limit))
    async with store.engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(q)).mappings()]
