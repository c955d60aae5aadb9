"""A distributed run's jobs in the shared store: who is working on which unit, what each ended with,
and each site's crawl journal (so another machine can resume it).

Every state change is one conditional UPDATE, so a duplicate delivery, a job redelivered after its
worker died and the job that finishes the run each see one consistent answer.
"""
from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from govinspect.store import tables as t
from govinspect.store.workspace_store import Store

ENDED = ("done", "failed")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Claim:
    outcome: str            # claimed | ended | busy | gave_up | missing
    starts: int = 0
    kind: str = ""
    payload: Any = None


@dataclass
class RunProgress:
    total: int
    by_state: dict[str, int]
    pages: int
    started_at: datetime | None
    running: list[tuple[str, int]]          # (unit, pages so far)
    failed: list[tuple[str, str]]           # (unit, reason)

    @property
    def ended(self) -> int:
        return sum(self.by_state.get(s, 0) for s in ENDED)


class RunJobs:
    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine

    def _upsert(self, table: t.Table) -> Any:
        return (sqlite.insert if self.store.is_sqlite else postgresql.insert)(table)

    # ---- the coordinator -------------------------------------------------------------------
    async def add(self, run_id: str, jobs: list[tuple[str, str, Any]]) -> None:
        """(unit, kind, payload) per job, queued; units already present are kept as they are."""
        rows = [{"run_id": run_id, "unit": unit, "kind": kind, "state": "queued",
                 "payload": json.dumps(payload, ensure_ascii=False, default=str)} for unit, kind, payload in jobs]
        async with self.store._write_lock, self.engine.begin() as conn:
            for i in range(0, len(rows), 500):
                await conn.execute(self._upsert(t.run_jobs).on_conflict_do_nothing(), rows[i:i + 500])

    async def units(self, run_id: str, states: tuple[str, ...]) -> list[tuple[str, str, Any]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(t.run_jobs.c.unit, t.run_jobs.c.kind, t.run_jobs.c.payload)
                                      .where(t.run_jobs.c.run_id == run_id, t.run_jobs.c.state.in_(states))
                                      .order_by(t.run_jobs.c.unit))
            return [(u, k, json.loads(p)) for u, k, p in rows]

    async def stale(self, run_id: str) -> list[tuple[str, str, Any]]:
        """Running units whose lease ran out: their worker died and the broker has not redelivered yet."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(t.run_jobs.c.unit, t.run_jobs.c.kind, t.run_jobs.c.payload).where(
                t.run_jobs.c.run_id == run_id, t.run_jobs.c.state == "running", t.run_jobs.c.lease_until < _now()))
            return [(u, k, json.loads(p)) for u, k, p in rows]

    async def progress(self, run_id: str) -> RunProgress:
        c = t.run_jobs.c
        async with self.engine.connect() as conn:
            by_state = {s: n for s, n in await conn.execute(
                select(c.state, func.count()).where(c.run_id == run_id).group_by(c.state))}
            pages, started = (await conn.execute(select(func.coalesce(func.sum(c.pages), 0), func.min(c.started_at))
                                                 .where(c.run_id == run_id))).one()
            running = list(await conn.execute(select(c.unit, c.pages).where(c.run_id == run_id, c.state == "running")
                                              .order_by(c.unit)))
            failed = list(await conn.execute(select(c.unit, c.reason).where(c.run_id == run_id, c.state == "failed")
                                             .order_by(c.unit)))
        return RunProgress(total=sum(by_state.values()), by_state=by_state, pages=int(pages or 0),
                           started_at=started, running=[(u, int(p)) for u, p in running],
                           failed=[(u, r) for u, r in failed])

    async def entries(self, run_id: str, kind: str) -> AsyncIterator[tuple[str, Any, Any]]:
        """(unit, entry, counts) of ended units of ``kind`` in unit order, read in pages of 200 rows so the
        finishing job never holds the table at once."""
        c = t.run_jobs.c
        last = ""
        while True:
            async with self.engine.connect() as conn:
                rows = list(await conn.execute(select(c.unit, c.entry, c.counts).where(
                    c.run_id == run_id, c.kind == kind, c.unit > last, c.state.in_(ENDED)).order_by(c.unit).limit(200)))
            if not rows:
                return
            for unit, entry, counts in rows:
                yield unit, json.loads(entry) if entry else None, json.loads(counts) if counts else {}
            last = rows[-1][0]

    # ---- a worker ----------------------------------------------------------------------------
    async def claim(self, run_id: str, unit: str, worker: str, lease_s: float, max_starts: int) -> Claim:
        c = t.run_jobs.c
        now = _now()
        async with self.store._write_lock, self.engine.begin() as conn:
            row = (await conn.execute(select(c.state, c.starts, c.worker, c.lease_until, c.kind, c.payload).where(
                c.run_id == run_id, c.unit == unit).with_for_update())).first()
            if row is None:
                return Claim("missing")
            state, starts, holder, lease, kind, payload = row
            if state in ENDED:
                return Claim("ended", starts, kind)
            if state == "running" and holder != worker and lease is not None and _aware(lease) > now:
                return Claim("busy", starts, kind)            # a duplicate delivery while its twin is alive
            if starts >= max_starts:     # the caller records the unit as 未能检测
                return Claim("gave_up", starts, kind, json.loads(payload))
            await conn.execute(update(t.run_jobs).where(c.run_id == run_id, c.unit == unit).values(
                state="running", starts=starts + 1, worker=worker, lease_until=now + timedelta(seconds=lease_s),
                started_at=func.coalesce(c.started_at, now)))
            return Claim("claimed", starts + 1, kind, json.loads(payload))

    async def renew(self, run_id: str, unit: str, worker: str, lease_s: float, pages: int) -> None:
        c = t.run_jobs.c
        async with self.store._write_lock, self.engine.begin() as conn:
            await conn.execute(update(t.run_jobs).where(c.run_id == run_id, c.unit == unit, c.worker == worker,
                                                        c.state == "running")
                               .values(lease_until=_now() + timedelta(seconds=lease_s), pages=pages))

    async def end(self, run_id: str, unit: str, entry: Any, counts: dict[str, int], state: str = "done",
                  reason: str = "") -> bool:
        """Record the unit's entry once; False when it had ended already (a duplicate's late answer)."""
        c = t.run_jobs.c
        async with self.store._write_lock, self.engine.begin() as conn:
            done = await conn.execute(update(t.run_jobs).where(
                c.run_id == run_id, c.unit == unit, c.state.not_in(ENDED)).values(
                state=state, reason=reason, ended_at=_now(), lease_until=None, pages=int(counts.get("pages", 0)),
                entry=json.dumps(entry, ensure_ascii=False, default=str),
                counts=json.dumps(counts)))
            return done.rowcount == 1

    async def failed_attempt(self, run_id: str, unit: str, reason: str, max_failures: int) -> bool:
        """An attempt raised: count it and give the unit back to the queue. True when that was the last
        attempt (the caller then records the unit as 未能检测)."""
        c = t.run_jobs.c
        async with self.store._write_lock, self.engine.begin() as conn:
            row = (await conn.execute(select(c.failures).where(c.run_id == run_id, c.unit == unit)
                                      .with_for_update())).first()
            failures = (row[0] if row else 0) + 1
            await conn.execute(update(t.run_jobs).where(c.run_id == run_id, c.unit == unit, c.state.not_in(ENDED))
                               .values(failures=failures, reason=reason[:2000], state="queued", lease_until=None))
            return failures >= max_failures

    async def claim_finish(self, run_id: str) -> bool:
        """The run moves running → finishing once every unit has ended; exactly one caller gets True."""
        c = t.run_jobs.c
        open_units = exists().where(c.run_id == run_id, c.state.not_in(ENDED))
        async with self.store._write_lock, self.engine.begin() as conn:
            done = await conn.execute(update(t.runs).where(t.runs.c.id == run_id, t.runs.c.status == "running",
                                                           ~open_units).values(status="finishing"))
            return done.rowcount == 1

    # ---- the shared crawl journal ------------------------------------------------------------
    async def push_journal(self, run_id: str, site_code: str, pages: list[tuple[int, str, bytes, bytes | None]],
                           facts: dict[str, bytes]) -> None:
        if not pages and not facts:
            return
        async with self.store._write_lock, self.engine.begin() as conn:
            if pages:
                stmt = self._upsert(t.journal_pages)
                await conn.execute(stmt.on_conflict_do_update(
                    index_elements=["run_id", "site_code", "url"],
                    set_={"data": stmt.excluded.data, "digest": stmt.excluded.digest}),
                    [{"run_id": run_id, "site_code": site_code, "seq": s, "url": u, "data": d, "digest": g}
                     for s, u, d, g in pages])
            if facts:
                stmt = self._upsert(t.journal_facts)
                await conn.execute(stmt.on_conflict_do_update(
                    index_elements=["run_id", "site_code", "kind"], set_={"data": stmt.excluded.data}),
                    [{"run_id": run_id, "site_code": site_code, "kind": k, "data": v} for k, v in facts.items()])

    async def pull_journal(self, run_id: str, site_code: str
                           ) -> tuple[list[tuple[int, str, bytes, bytes | None]], dict[str, bytes]]:
        jp, jf = t.journal_pages.c, t.journal_facts.c
        async with self.engine.connect() as conn:
            pages = [(int(s), u, bytes(d), bytes(g) if g is not None else None) for s, u, d, g in await conn.execute(
                select(jp.seq, jp.url, jp.data, jp.digest).where(jp.run_id == run_id, jp.site_code == site_code)
                .order_by(jp.seq))]
            facts = {k: bytes(v) for k, v in await conn.execute(
                select(jf.kind, jf.data).where(jf.run_id == run_id, jf.site_code == site_code))}
        return pages, facts

    async def drop_journal(self, run_id: str, site_code: str | None = None) -> None:
        """A finished site's journal is no longer needed (its artifacts are stored)."""
        conds = [t.journal_pages.c.run_id == run_id]
        fconds = [t.journal_facts.c.run_id == run_id]
        if site_code is not None:
            conds.append(t.journal_pages.c.site_code == site_code)
            fconds.append(t.journal_facts.c.site_code == site_code)
        await self.store._write([delete(t.journal_pages).where(and_(*conds)),
                                 delete(t.journal_facts).where(and_(*fconds))])


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)



