"""Cheap reads the review dashboard needs besides workspace_store (functions taking a Store)."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, cast, func, select, text

from govinspect.store import tables as t
from govinspect.store.workspace_store import Store


async def decisions_stamp(store: Store) -> tuple[int, int]:
    """(highest decision id, number of decisions): changes whenever a decision is appended."""
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(func.max(t.decisions.c.id), func.count()).select_from(t.decisions))).first()
    return int(row[0] or 0), int(row[1] or 0)


async def run_stamp(store: Store, run_id: str) -> dict[str, Any] | None:
    """A run's metadata without its (possibly large) result document."""
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(t.runs.c.id, t.runs.c.created_at, t.runs.c.finished_at, t.runs.c.as_of,
                                         t.runs.c.rulebook, t.runs.c.status, t.runs.c.result.is_not(None))
                                  .where(t.runs.c.id == run_id))).first()
    if row is None:
        return None
    return {"id": row[0], "created_at": row[1], "finished_at": row[2], "as_of": row[3], "rulebook": row[4],
            "status": row[5], "has_result": bool(row[6])}


async def run_summaries(store: Store) -> dict[str, dict[str, Any]]:
    """run id → the ``summary`` of its result, read inside the database (results can be megabytes)."""
    if store.is_sqlite:
        summary = func.json_extract(t.runs.c.result, "$.summary")
    else:
        summary = cast(t.runs.c.result, JSON)["summary"]
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(t.runs.c.id, summary).where(t.runs.c.result.is_not(None)))).all()
    out = {}
    for run_id, value in rows:
        if isinstance(value, str):
            value = json.loads(value)
        out[run_id] = value if isinstance(value, dict) else {}
    return out


_REGIONS_SQLITE = text(
    "SELECT r.id, json_extract(u.value, '$.region') FROM runs r, json_each(r.result, '$.sites') u"
    " WHERE r.id = :run_id UNION"
    " SELECT r.id, json_extract(u.value, '$.region') FROM runs r, json_each(r.result, '$.accounts') u"
    " WHERE r.id = :run_id")
_REGIONS_PG = text(
    "SELECT id, u->>'region' FROM runs, json_array_elements(COALESCE(result::json->'sites', '[]'::json)) u"
    " WHERE id = :run_id UNION"
    " SELECT id, u->>'region' FROM runs, json_array_elements(COALESCE(result::json->'accounts', '[]'::json)) u"
    " WHERE id = :run_id")


async def run_heading_parts(store: Store, run_id: str) -> dict[str, Any]:
    """What titles a finished run (``scope``, ``period``, rulebook title, the units' regions), read inside the
    database like :func:`run_summaries`; results never change once written, so callers may cache it."""
    keys = ("scope", "period", "rulebook_title")
    if store.is_sqlite:
        cols = [func.json_extract(t.runs.c.result, p) for p in ("$.scope", "$.period", "$.rulebook.title")]
    else:
        doc = cast(t.runs.c.result, JSON)
        cols = [doc["scope"].as_string(), doc["period"].as_string(), doc["rulebook"]["title"].as_string()]
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(*cols).where(t.runs.c.id == run_id))).first()
        regions = (await conn.execute(_REGIONS_SQLITE if store.is_sqlite else _REGIONS_PG, {"run_id": run_id})).all()
    out: dict[str, Any] = dict(zip(keys, row)) if row is not None else {}
    out["regions"] = {region for _, region in regions if isinstance(region, str) and region}
    return out
