"""The same store behaviour on SQLite and on a real PostgreSQL."""
from __future__ import annotations

import csv
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.registry.import_registry import import_registry
from govinspect.registry.registry_errors import RegistryFileError
from govinspect.store import Store
from govinspect.store.tables import metadata


async def test_registry_upsert_never_duplicates(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        assert await store.upsert_sites([SiteRecord("4212000001", "咸宁市人民政府", "http://a.gov.cn/")]) == (1, 0)
        assert await store.upsert_sites([SiteRecord("4212000001", "咸宁市政府", "http://a.gov.cn/", region="市直")]) == (0, 1)
        sites = await store.list_sites()
        assert len(sites) == 1 and sites[0].name == "咸宁市政府" and sites[0].region == "市直"
        acct = AccountRecord("咸宁林业", "微信", "咸宁市林业局", "市直", last_post=date(2020, 7, 3))
        assert await store.upsert_accounts([acct]) == (1, 0)
        assert await store.upsert_accounts([acct]) == (0, 1)
        assert (await store.list_accounts())[0].last_post == date(2020, 7, 3)
        twin = AccountRecord("咸宁林业", "微信", "咸宁市林业局", "市直", account_id="xnly2", never_posted=True)
        assert await store.upsert_accounts([twin]) == (1, 0)
        listed = {a.key: a for a in await store.list_accounts()}
        assert listed[twin.key].never_posted is True and len(listed) == 2
    finally:
        await store.close()


async def test_failed_write_leaves_store_as_it_was(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        await store.upsert_sites([SiteRecord("4212000001", "甲", "http://a.gov.cn/")])
        broken = SiteRecord("4212000002", None, "http://b.gov.cn/")  # type: ignore[arg-type]  # NOT NULL violation
        with pytest.raises(Exception):
            await store.upsert_sites([SiteRecord("4212000003", "丙", "http://c.gov.cn/"), broken])
        assert [s.site_code for s in await store.list_sites()] == ["4212000001"]
    finally:
        await store.close()


async def test_runs_artifacts_decisions_users_rectifications(store_url: str) -> None:
    store = await Store.open(store_url)
    try:
        await store.create_run("run1", date(2020, 7, 17), "national-2019", {"source": ["x.csv"]})
        await store.save_site_artifacts("run1", "4212000001", {"columns": [{"name": "要闻"}]})
        await store.save_site_artifacts("run1", "4212000001", {"columns": []})
        assert await store.load_site_artifacts("run1", "4212000001") == {"columns": []}
        assert await store.sites_with_artifacts("run1") == {"4212000001"}
        await store.finish_run("run1", {"schema_version": 1, "sites": []})
        run = await store.get_run("run1")
        assert run["status"] == "done" and run["result"]["schema_version"] == 1
        assert [r["id"] for r in await store.list_runs()] == ["run1"]
        first = await store.append_decision(unit_key="4212000001", fingerprint="abc", action="dismiss",
                                            who="张三", reason="误报", payload={"k": "中文"})
        second = await store.append_decision(unit_key="4212000001", fingerprint="abc", action="confirm", who="李四")
        assert second > first
        rows = await store.list_decisions("4212000001")
        assert [r["action"] for r in rows] == ["dismiss", "confirm"] and rows[0]["payload"] == {"k": "中文"}
        await store.add_user("reviewer1", "hash", "reviewer")
        assert (await store.get_user("reviewer1"))["role"] == "reviewer"
        await store.set_rectification("4212000001", "run1", date(2020, 8, 15), "待整改")
        await store.set_rectification("4212000001", "run1", date(2020, 8, 15), "已整改")
        recs = await store.list_rectifications("run1")
        assert len(recs) == 1 and recs[0]["state"] == "已整改"
        await store.add_probes("4212000001", [{"url": "http://a/", "at": "2020-07-17T10:00:00+08:00", "ok": True,
                                               "status": 200, "ttfb_ms": 12.0, "total_ms": 20.0, "error_class": None}])
        assert len(await store.probes_for("4212000001")) == 1
    finally:
        await store.close()


async def test_import_registry_file_5000_rows_under_two_seconds(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["网站标识码", "网站名称", "首页地址", "主办单位", "是否门户", "所属地区"])
        w.writerows([f"421200{i:04d}", f"单位{i}", f"http://s{i}.xianning.gov.cn/", "单位", "否", "市直"]
                    for i in range(5000))
    store = await Store.open(store_url)
    try:
        started = time.perf_counter()
        parsed, inserted, updated = await import_registry(store, path)
        elapsed = time.perf_counter() - started
        assert (inserted, updated, len(parsed.errors)) == (5000, 0, 0)
        print(f"import 5000 rows: {elapsed:.2f}s")
        assert elapsed < 2.0
        _, inserted, updated = await import_registry(store, path)
        assert (inserted, updated) == (0, 5000) and len(await store.list_sites()) == 5000
        bad = tmp_path / "bad.csv"
        bad.write_text("备注\nx\n", encoding="utf-8")
        with pytest.raises(RegistryFileError):
            await import_registry(store, bad)
        assert len(await store.list_sites()) == 5000
    finally:
        await store.close()


async def test_artifacts_compressed_by_a_worker_are_stored_compressed(store_url: str) -> None:
    """An assessment process sends a site's artifacts zlib-compressed; the store keeps them so (the scanning
    process never holds the text) and gives back the same JSON as if the text had been stored."""
    import json
    import zlib

    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from govinspect.store.workspace_store import normalise_url

    data = {"site_code": "4212000001", "pages": [{"url": f"http://a.gov.cn/{i}", "title": f"咸宁第{i}页"}
                                                 for i in range(3000)]}
    plain = json.dumps(data, ensure_ascii=False)
    store = await Store.open(store_url)
    try:
        await store.create_run("run1", date(2020, 7, 17), "national-2019", {})
        await store.save_site_artifacts("run1", "4212000001", zlib.compress(plain.encode("utf-8"), 1))
        await store.save_site_artifacts("run1", "4212000002", plain)
        assert await store.load_site_artifacts("run1", "4212000001") == data
        assert await store.load_site_artifacts("run1", "4212000002") == data
    finally:
        await store.close()
    engine = create_async_engine(normalise_url(store_url))
    async with engine.connect() as conn:
        sizes = dict((await conn.execute(text("SELECT site_code, length(data) FROM site_artifacts"))).all())
    await engine.dispose()
    assert sizes["4212000001"] * 5 < sizes["4212000002"]


def test_migrations_match_the_table_definitions(tmp_path: Path) -> None:
    import asyncio

    asyncio.run(_open_close(f"sqlite:///{tmp_path / 'm.db'}"))
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


async def _open_close(url: str) -> None:
    store = await Store.open(url)
    await store.close()


def test_revisions_read_from_the_files_are_alembics() -> None:
    from alembic.script import ScriptDirectory

    from govinspect.store.migrate_store import alembic_config, script_revisions

    script = ScriptDirectory.from_config(alembic_config())
    known, head = script_revisions()
    assert known == {r.revision for r in script.walk_revisions()} and len(known) >= 5
    assert head == script.get_current_head()


def _opened_in_a_fresh_process(store_url: str, migrate_apart: bool) -> tuple[int, list[str]]:
    """Open the store in a new Python process (migrating apart first, as ``govinspect scan`` does, or not),
    write a site: (sites listed, alembic modules that process imported)."""
    import subprocess
    import sys

    probe = ("import asyncio, sys\n"
             "from govinspect.model.records import SiteRecord\n"
             "from govinspect.store import Store\n"
             "async def main():\n"
             + (f"    await Store.migrate_apart({store_url!r})\n" if migrate_apart else "")
             + f"    store = await Store.open({store_url!r})\n"
             "    await store.upsert_sites([SiteRecord('4212000001', '甲', 'http://a.gov.cn/')])\n"
             "    print(len(await store.list_sites()))\n"
             "    await store.close()\n"
             "asyncio.run(main())\n"
             "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic')))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    listed, modules = out.stdout.split("\n")[:2]
    return int(listed), modules.split()


def test_an_up_to_date_store_opens_without_importing_alembic(store_url: str) -> None:
    """alembic weighs ~11 MB in every process that opens a store; it is needed only to migrate."""
    import asyncio

    asyncio.run(_open_close(store_url))          # created and migrated (alembic runs here)
    assert _opened_in_a_fresh_process(store_url, migrate_apart=False) == (1, [])


def test_a_new_store_migrated_apart_opens_without_importing_alembic(store_url: str) -> None:
    """``govinspect scan`` on a new workspace: the migration runs in a child process, the scan's own process
    opens the migrated store without alembic."""
    assert _opened_in_a_fresh_process(store_url, migrate_apart=True) == (1, [])


async def test_unopenable_database_says_why_in_chinese(tmp_path: Path) -> None:
    from govinspect.store import StoreOpenError

    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("这不是数据库\n" * 200, encoding="utf-8")
    with pytest.raises(StoreOpenError, match="无法打开工作区数据库.*not a database"):
        await Store.open(str(not_a_db))
    with pytest.raises(StoreOpenError, match="无法打开工作区数据库"):
        await Store.open(str(tmp_path / "no" / "such" / "folder" / "x.db"))
    with pytest.raises(StoreOpenError, match="不支持的数据库地址"):
        await Store.open("mysql://u@127.0.0.1/x")
    with pytest.raises(StoreOpenError, match=r"u:\*\*\*@127\.0\.0\.1:1/") as caught:
        await Store.open("postgresql://u:secret@127.0.0.1:1/x")     # nothing listens on port 1
    assert "secret" not in str(caught.value)


async def test_database_of_a_newer_version_is_refused_untouched(store_url: str) -> None:
    """A database migrated by a newer govinspect (a revision this one does not know) is named, not upgraded
    or downgraded, and left as it was."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from govinspect.store import StoreOpenError
    from govinspect.store.workspace_store import normalise_url

    store = await Store.open(store_url)
    await store.upsert_sites([SiteRecord("4212000001", "甲", "http://a.gov.cn/")])
    await store.close()
    engine = create_async_engine(normalise_url(store_url))
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(StoreOpenError, match="更新版本的 govinspect.*9999_from_the_future.*未作任何改动"):
        await Store.open(store_url)
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar() == "9999_from_the_future"
        assert (await conn.execute(text("SELECT count(*) FROM sites"))).scalar() == 1
    await engine.dispose()
