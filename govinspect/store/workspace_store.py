"""The workspace store: SQLite (WAL, one writer) by default, PostgreSQL by URL (asyncpg).

Async SQLAlchemy Core. Every multi-row write is one transaction, so a failed import or save
leaves the store as it was.
"""
from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
import zlib
from dataclasses import asdict
from datetime import date, datetime, timezone
from typing import Any, Iterable

from sqlalchemy import delete, event, insert, make_url, select, update
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.store import tables as t
from govinspect.store.migrate_store import SchemaFromNewerVersion, at_head, upgrade_to_head

PACKED = "zlib:"   # stored artifacts that follow are their JSON text zlib-compressed, then base64


_MIGRATE_IN_CHILD = """
import asyncio, sys
from govinspect.store import Store
async def migrate():
    await (await Store.open(sys.argv[1])).close()
asyncio.run(migrate())
"""


def _artifacts_text(data: dict[str, Any] | str | bytes) -> str:
    """The stored form: JSON text, or (``bytes``: that text zlib-compressed by an assessment process) the
    compressed text kept compressed, so the scanning process never holds a site's artifacts text (~28 MB
    as a str for a 4,000-page site; compressed it is ~17× smaller, and so is the workspace)."""
    if isinstance(data, bytes):
        return PACKED + base64.b64encode(data).decode("ascii")
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)


def _artifacts_json(blob: str) -> dict[str, Any]:
    if blob.startswith(PACKED):        # JSON text starts with "{", never with the marker
        return json.loads(zlib.decompress(base64.b64decode(blob[len(PACKED):])))
    return json.loads(blob)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def normalise_url(url: str) -> str:
    """Accept plain paths and sqlite:/postgresql: URLs; pick the async drivers."""
    if "://" not in url:
        return f"sqlite+aiosqlite:///{url}"
    if url.startswith("sqlite:"):
        return "sqlite+aiosqlite:" + url[len("sqlite:"):]
    if url.startswith(("postgresql:", "postgres:")):
        return "postgresql+asyncpg:" + url.split(":", 1)[1]
    return url


class StoreOpenError(ValueError):
    """The workspace database cannot be opened; the message is for the user (Chinese)."""


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


class Store:
    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        # SQLite has one writer: serialise our writes instead of hitting "database is locked".
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, url: str) -> "Store":
        url = normalise_url(url)
        if not url.startswith(("sqlite+aiosqlite:", "postgresql+asyncpg:")):
            raise StoreOpenError(f"不支持的数据库地址：{_shown(url)}（请使用 SQLite 文件路径或 postgresql://… 地址）")
        engine = create_async_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        if engine.dialect.name == "sqlite":
            @event.listens_for(engine.sync_engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA busy_timeout=10000")
                cur.close()
        try:
            async with engine.begin() as conn:
                await conn.run_sync(upgrade_to_head)
        except SchemaFromNewerVersion as exc:
            await engine.dispose()
            raise StoreOpenError(f"工作区数据库 {_shown(url)} 由更新版本的 govinspect 建立（数据库版本 {exc.revision}），"
                                 "本程序无法识别；请升级 govinspect 后再打开，数据库未作任何改动") from exc
        except (OSError, SQLAlchemyError) as exc:   # refused, bad password, missing folder, not a database
            await engine.dispose()
            why = getattr(exc, "orig", None) or exc
            raise StoreOpenError(f"无法打开工作区数据库 {_shown(url)}：{str(why).splitlines()[0] if str(why) else type(why).__name__}"
                                 ) from exc
        return cls(engine)

    @staticmethod
    async def migrate_apart(url: str) -> None:
        """Bring a store that needs migrating to the head in a child process, so that this (long-lived)
        process opens it without importing alembic (~11 MB, kept for the whole run: a scan of a new
        workspace). Whatever the child managed, ``open`` decides afterwards, migrating itself or saying why
        the store cannot be opened."""
        url = normalise_url(url)
        if not url.startswith(("sqlite+aiosqlite:", "postgresql+asyncpg:")):
            return
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                if await conn.run_sync(at_head):
                    return
        except (OSError, SQLAlchemyError):
            return
        finally:
            await engine.dispose()
        child = await asyncio.create_subprocess_exec(sys.executable, "-c", _MIGRATE_IN_CHILD, url,
                                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await child.wait()

    async def close(self) -> None:
        await self.engine.dispose()

    async def _write(self, statements: Iterable[Any]) -> None:
        async with self._write_lock, self.engine.begin() as conn:
            for stmt in statements:
                await conn.execute(stmt)

    # ---- registry -------------------------------------------------------------------------
    async def upsert_sites(self, records: list[SiteRecord]) -> tuple[int, int]:
        """Insert new sites and update existing ones (by site_code), atomically."""
        async with self._write_lock, self.engine.begin() as conn:
            existing = set((await conn.execute(select(t.sites.c.site_code))).scalars())
            new = [r for r in records if r.site_code not in existing]
            old = [r for r in records if r.site_code in existing]
            now = _now()
            if new:
                await conn.execute(insert(t.sites), [{**asdict(r), "updated_at": now} for r in new])
            for r in old:
                await conn.execute(update(t.sites).where(t.sites.c.site_code == r.site_code)
                                   .values(**asdict(r), updated_at=now))
        return len(new), len(old)

    async def upsert_accounts(self, records: list[AccountRecord]) -> tuple[int, int]:
        async with self._write_lock, self.engine.begin() as conn:
            existing = set((await conn.execute(select(t.accounts.c.key))).scalars())
            now = _now()
            new = [r for r in records if r.key not in existing]
            old = [r for r in records if r.key in existing]
            if new:
                await conn.execute(insert(t.accounts),
                                   [{**asdict(r), "key": r.key, "updated_at": now} for r in new])
            for r in old:
                await conn.execute(update(t.accounts).where(t.accounts.c.key == r.key)
                                   .values(**asdict(r), updated_at=now))
        return len(new), len(old)

    async def list_sites(self) -> list[SiteRecord]:
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(t.sites).order_by(t.sites.c.region, t.sites.c.site_code))).mappings()
            return [SiteRecord(**{k: r[k] for k in SiteRecord.__slots__ if k in r}) for r in rows]

    async def list_accounts(self) -> list[AccountRecord]:
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(t.accounts).order_by(t.accounts.c.region, t.accounts.c.key))).mappings()
            return [AccountRecord(**{k: r[k] for k in AccountRecord.__slots__ if k in r}) for r in rows]

    # ---- runs and artifacts ---------------------------------------------------------------
    async def create_run(self, run_id: str, as_of: date, rulebook: str, source: dict[str, Any]) -> None:
        await self._write([insert(t.runs).values(
            id=run_id, created_at=_now(), as_of=as_of, rulebook=rulebook, status="running",
            source=json.dumps(source, ensure_ascii=False, default=str))])

    async def finish_run(self, run_id: str, result: dict[str, Any] | None, status: str = "done") -> None:
        await self._write([update(t.runs).where(t.runs.c.id == run_id).values(
            status=status, finished_at=_now(),
            result=None if result is None else json.dumps(result, ensure_ascii=False))])

    async def save_site_artifacts(self, run_id: str, site_code: str, data: dict[str, Any] | str | bytes) -> None:
        """``data``: the artifacts' JSON form, or that already written as text (by an assessment process), or
        that text zlib-compressed (``bytes``, stored compressed)."""
        blob = _artifacts_text(data)
        async with self._write_lock, self.engine.begin() as conn:
            await conn.execute(delete(t.site_artifacts).where((t.site_artifacts.c.run_id == run_id)
                                                              & (t.site_artifacts.c.site_code == site_code)))
            # the text as an execute-time parameter: bound into the statement (``.values``) it stays
            # referenced from SQLAlchemy's compiled-statement cache, tens of MB for a large site, all run long
            await conn.execute(insert(t.site_artifacts),
                               {"run_id": run_id, "site_code": site_code, "data": blob, "saved_at": _now()})

    async def load_site_artifacts(self, run_id: str, site_code: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            blob = (await conn.execute(select(t.site_artifacts.c.data).where(
                (t.site_artifacts.c.run_id == run_id) & (t.site_artifacts.c.site_code == site_code)))).scalar()
        return None if blob is None else _artifacts_json(blob)

    async def sites_with_artifacts(self, run_id: str) -> set[str]:
        async with self.engine.connect() as conn:
            return set((await conn.execute(select(t.site_artifacts.c.site_code)
                                           .where(t.site_artifacts.c.run_id == run_id))).scalars())

    async def get_run(self, run_id: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(t.runs).where(t.runs.c.id == run_id))).mappings().first()
        return None if row is None else _run_dict(row)

    async def list_runs(self) -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(t.runs.c.id, t.runs.c.created_at, t.runs.c.finished_at,
                                              t.runs.c.as_of, t.runs.c.rulebook, t.runs.c.status)
                                       .order_by(t.runs.c.created_at.desc()))).mappings()
            return [dict(r) for r in rows]

    # ---- probes ---------------------------------------------------------------------------
    async def add_probes(self, site_code: str, probes: list[dict[str, Any]]) -> None:
        if probes:
            await self._write([insert(t.probes).values([{**p, "site_code": site_code} for p in probes])])

    async def probes_for(self, site_code: str, since_iso: str = "") -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(t.probes).where(
                (t.probes.c.site_code == site_code) & (t.probes.c.at >= since_iso)).order_by(t.probes.c.at))).mappings()
            return [dict(r) for r in rows]

    # ---- review decisions (append-only) ----------------------------------------------------
    async def append_decision(self, *, unit_key: str, action: str, who: str, reason: str = "",
                              fingerprint: str | None = None, payload: dict[str, Any] | None = None) -> int:
        async with self._write_lock, self.engine.begin() as conn:
            res = await conn.execute(insert(t.decisions).values(
                unit_key=unit_key, fingerprint=fingerprint, action=action, who=who, reason=reason,
                payload=json.dumps(payload or {}, ensure_ascii=False), at=_now()))
            return int(res.inserted_primary_key[0])

    async def list_decisions(self, unit_key: str | None = None) -> list[dict[str, Any]]:
        q = select(t.decisions).order_by(t.decisions.c.id)
        if unit_key is not None:
            q = q.where(t.decisions.c.unit_key == unit_key)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(q)).mappings()
            return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]

    # ---- users ----------------------------------------------------------------------------
    async def add_user(self, username: str, password_hash: str, role: str, organizer: str = "") -> None:
        await self._write([insert(t.users).values(username=username, password_hash=password_hash,
                                                  role=role, organizer=organizer, created_at=_now())])

    async def get_user(self, username: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(t.users).where(t.users.c.username == username))).mappings().first()
        return None if row is None else dict(row)

    # ---- 整改 (rectification) ---------------------------------------------------------------
    async def set_rectification(self, unit_key: str, run_id: str, deadline: date, state: str,
                                note: str = "") -> None:
        async with self._write_lock, self.engine.begin() as conn:
            where = (t.rectifications.c.unit_key == unit_key) & (t.rectifications.c.run_id == run_id)
            found = (await conn.execute(select(t.rectifications.c.id).where(where))).scalar()
            values = dict(deadline=deadline, state=state, note=note, updated_at=_now())
            if found is None:
                await conn.execute(insert(t.rectifications).values(unit_key=unit_key, run_id=run_id, **values))
            else:
                await conn.execute(update(t.rectifications).where(where).values(**values))

    async def list_rectifications(self, run_id: str | None = None) -> list[dict[str, Any]]:
        q = select(t.rectifications).order_by(t.rectifications.c.unit_key)
        if run_id is not None:
            q = q.where(t.rectifications.c.run_id == run_id)
        async with self.engine.connect() as conn:
            return [dict(r) for r in (await conn.execute(q)).mappings()]


def _run_dict(row: Any) -> dict[str, Any]:
    d = dict(row)
    d["source"] = json.loads(d["source"] or "{}")
    d["result"] = json.loads(d["result"]) if d["result"] else None
    return d
