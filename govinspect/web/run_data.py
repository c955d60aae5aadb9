"""Load a run's reviewed result and the units a user may see (404 for the rest: no existence leak)."""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from fastapi import HTTPException, Request

from govinspect.store import Store
from govinspect.store.review_queries import decisions_stamp, run_stamp
from govinspect.web.review_overlay import account_unit_key, site_unit_key
from govinspect.web.reviewed_result import reviewed_result
from govinspect.web.security import can_see

NOT_FOUND = "未找到该记录，或您无权查看"


class ReviewedCache:
    """The reviewed result of recent runs, rebuilt only when the run or the decisions change.

    Keyed by database state (run finished_at/status, highest decision id and count), so it stays right
    with several dashboard processes on one database. Callers must treat the documents as read-only.
    """

    def __init__(self, size: int = 4):
        self.size = size
        self._docs: OrderedDict[str, tuple[tuple[Any, ...], dict[str, Any]]] = OrderedDict()
        self._rebuilding: dict[str, asyncio.Lock] = {}

    async def _cached(self, store: Store, run_id: str) -> tuple[dict[str, Any], tuple[Any, ...], dict[str, Any] | None]:
        meta = await run_stamp(store, run_id)
        if meta is None or not meta["has_result"]:
            raise HTTPException(404, NOT_FOUND)
        stamp = (meta["finished_at"], meta["status"], *(await decisions_stamp(store)))
        cached = self._docs.get(run_id)
        if cached is not None and cached[0] == stamp:
            self._docs.move_to_end(run_id)
            return meta, stamp, cached[1]
        return meta, stamp, None

    async def get(self, store: Store, run_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        meta, stamp, doc = await self._cached(store, run_id)
        if doc is not None:
            return meta, doc
        # one rebuild per run at a time: requests arriving meanwhile wait for it and reuse it (under load
        # every decision would otherwise make each concurrent request re-score the whole run)
        async with self._rebuilding.setdefault(run_id, asyncio.Lock()):
            meta, stamp, doc = await self._cached(store, run_id)
            if doc is not None:
                return meta, doc
            return meta, await self._rebuild(store, run_id, stamp)

    async def _rebuild(self, store: Store, run_id: str, stamp: tuple[Any, ...]) -> dict[str, Any]:
        run = await store.get_run(run_id)
        if run is None or not run.get("result"):
            raise HTTPException(404, NOT_FOUND)
        # a pure function of fresh data: in a thread, so pages already cached keep being served meanwhile
        doc = await asyncio.to_thread(reviewed_result, run["result"], await store.list_decisions(), run_id)
        await _fill_organizers(store, doc)
        self._docs[run_id] = (stamp, doc)
        while len(self._docs) > self.size:
            self._docs.popitem(last=False)
        return doc


async def load_reviewed(request: Request, run_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(run metadata, reviewed result); 404 when the run is unknown or unfinished."""
    state = request.app.state
    return await state.reviewed_cache.get(state.store, run_id)


async def _fill_organizers(store: Store, doc: dict[str, Any]) -> None:
    """Older results carry no organizer on sites: take it from the registry (主办单位)."""
    missing = [s for s in doc.get("sites") or [] if not s.get("organizer")]
    if missing:
        registry = {s.site_code: s.organizer for s in await store.list_sites()}
        for s in missing:
            s["organizer"] = registry.get(str(s.get("site_code")), "")


def visible(user: dict[str, Any], doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sites = [s for s in doc.get("sites") or [] if can_see(user, s)]
    accounts = [a for a in doc.get("accounts") or [] if can_see(user, a)]
    return sites, accounts


def find_unit(user: dict[str, Any], doc: dict[str, Any], kind: str, key: str) -> dict[str, Any]:
    units = doc.get("sites") if kind == "site" else doc.get("accounts") if kind == "account" else None
    keyer = site_unit_key if kind == "site" else account_unit_key
    for unit in units or []:
        if keyer(unit) == key:
            if not can_see(user, unit):
                break
            return unit
    raise HTTPException(404, NOT_FOUND)


def unit_key(kind: str, unit: dict[str, Any]) -> str:
    return site_unit_key(unit) if kind == "site" else account_unit_key(unit)
