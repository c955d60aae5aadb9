"""Issue 17: `govinspect backup` / `restore` round-trip the whole workspace on SQLite and on a real
PostgreSQL, through the command line; bad backups are refused in Chinese and change nothing."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.store import Store
from govinspect.store.tables import metadata

ROOT = Path(__file__).resolve().parents[2]


def cli(db: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govinspect", "--db", db, *args], check=False, cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})


async def _fill(url: str, tag: str) -> None:
    store = await Store.open(url)
    try:
        await store.upsert_sites([SiteRecord(f"42120000{i:02d}", f"{tag}网站{i}", f"http://s{i}.gov.cn/",
                                             region="市直") for i in range(5)])
        await store.upsert_accounts([AccountRecord(f"{tag}发布", "微信", "咸宁市政府办", "市直", last_post=date(2020, 7, 1))])
        await store.create_run(f"run-{tag}", date(2020, 7, 17), "national-2019", {"source": ["名录.csv"]})
        await store.save_site_artifacts(f"run-{tag}", "4212000001", {"pages": [{"title": "首页", "text": "中" * 5000}]})
        await store.finish_run(f"run-{tag}", {"schema_version": 1, "sites": [{"name": f"{tag}网站"}]})
        for i in range(30):
            await store.append_decision(unit_key="4212000001", action="dismiss", who="张三", reason=f"{tag}误报{i}",
                                        fingerprint=f"{i:064x}", payload={"n": i, "tag": tag})
        await store.add_user(f"{tag}user", "hash", "reviewer")
        await store.set_rectification("4212000001", f"run-{tag}", date(2020, 8, 15), "待整改", note=tag)
    finally:
        await store.close()


async def _contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every workspace table, in primary-key order."""
    store = await Store.open(url)
    try:
        async with store.engine.connect() as conn:
            out = {}
            for table in metadata.sorted_tables:
                rows = (await conn.execute(select(table).order_by(*table.primary_key.columns))).all()
                out[table.name] = [tuple(r) for r in rows]
            return out
    finally:
        await store.close()


async def test_backup_then_restore_gives_back_exactly_the_backed_up_workspace(store_url: str,
                                                                              tmp_path: Path) -> None:
    await _fill(store_url, "甲")
    before = await _contents(store_url)
    assert len(before["decisions"]) == 30 and before["site_artifacts"]

    made = cli(store_url, "backup", str(tmp_path / "备份" / "ws.bak"), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "已备份" in made.stdout and (tmp_path / "备份" / "ws.bak").stat().st_size > 0
    assert (tmp_path / "备份" / "ws.bak").stat().st_mode & 0o077 == 0     # password hashes: owner only

    await _fill(store_url, "乙")                  # work after the backup…
    assert await _contents(store_url) != before
    back = cli(store_url, "restore", str(tmp_path / "备份" / "ws.bak"), "--yes", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert "已从" in back.stdout and "复核决定 30 条" in back.stdout
    assert await _contents(store_url) == before   # …is gone; the backup is back, row for row

    store = await Store.open(store_url)           # and the store works on it (writes continue)
    try:
        new_id = await store.append_decision(unit_key="4212000002", action="confirm", who="李四")
        assert new_id > max(r[0] for r in before["decisions"])
    finally:
        await store.close()


async def test_restore_into_a_new_empty_workspace(store_url: str, tmp_path: Path,
                                                   request: pytest.FixtureRequest) -> None:
    await _fill(store_url, "丙")
    before = await _contents(store_url)
    assert cli(store_url, "backup", str(tmp_path / "ws.bak"), cwd=tmp_path).returncode == 0
    if store_url.startswith("sqlite"):
        fresh = f"sqlite:///{tmp_path / 'new' / 'ws.db'}"
    else:
        fresh = await asyncio.to_thread(request.getfixturevalue("new_pg_database"))
    back = cli(fresh, "restore", str(tmp_path / "ws.bak"), "-y", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert await _contents(fresh) == before


async def test_sqlite_restore_keeps_the_replaced_workspace_beside_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ws.db'}"
    await _fill(url, "丁")
    assert cli(url, "backup", str(tmp_path / "b.db"), cwd=tmp_path).returncode == 0
    await _fill(url, "戊")
    current = await _contents(url)
    assert cli(url, "restore", str(tmp_path / "b.db"), "-y", cwd=tmp_path).returncode == 0
    kept = list(tmp_path.glob("ws.before-restore-*.db"))
    assert len(kept) == 1 and await _contents(f"sqlite:///{kept[0]}") == current


@pytest.mark.parametrize("bad", ["text", "truncated", "foreign_sqlite", "cross_kind"])
async def test_a_bad_backup_is_refused_in_chinese_and_changes_nothing(store_url: str, tmp_path: Path,
                                                                     bad: str) -> None:
    await _fill(store_url, "己")
    before = await _contents(store_url)
    path = tmp_path / "bad.bak"
    if bad == "text":
        path.write_text("不是备份", encoding="utf-8")
    elif bad == "truncated":
        assert cli(store_url, "backup", str(tmp_path / "good.bak"), cwd=tmp_path).returncode == 0
        data = (tmp_path / "good.bak").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif bad == "foreign_sqlite":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE t (x)")
        if not store_url.startswith("sqlite"):
            pytest.skip("a foreign SQLite file into PostgreSQL is the cross_kind case")
    else:
        other = f"sqlite:///{tmp_path / 'other.db'}" if not store_url.startswith("sqlite") else None
        if other is None:
            pytest.skip("needs a PostgreSQL dump; covered from the PostgreSQL side")
        await _fill(other, "庚")
        assert cli(other, "backup", str(path), cwd=tmp_path).returncode == 0
    out = cli(store_url, "restore", str(path), "-y", cwd=tmp_path)
    assert out.returncode != 0
    assert "错误" in out.stderr and "Traceback" not in out.stderr + out.stdout, out.stderr
    assert await _contents(store_url) == before


async def test_a_backup_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ws.db'}"
    await _fill(url, "辛")
    assert cli(url, "backup", str(tmp_path / "b.db"), cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    out = cli(url, "restore", str(tmp_path / "b.db"), "-y", cwd=tmp_path)
    assert out.returncode != 0 and "更新版本" in out.stderr and "Traceback" not in out.stderr


def test_backup_of_a_missing_workspace_and_to_a_folder_are_explained(tmp_path: Path) -> None:
    out = cli(f"sqlite:///{tmp_path / 'none.db'}", "backup", str(tmp_path / "b.db"), cwd=tmp_path)
    assert out.returncode != 0 and "不存在" in out.stderr and "Traceback" not in out.stderr
    (tmp_path / "ws.db").touch()
    out = cli(f"sqlite:///{tmp_path / 'ws.db'}", "backup", str(tmp_path), cwd=tmp_path)
    assert out.returncode != 0 and "是目录" in out.stderr and "Traceback" not in out.stderr
