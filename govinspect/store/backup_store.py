"""Back up and restore the workspace database — the state of record: registry, runs with their artifacts,
probes, review decisions, users, 整改. (Crawl journals and generated 通报 files are reproducible from it.)

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot while the
dashboard or a scan keeps writing; the copy is checked (``PRAGMA integrity_check``) before it replaces the
target file. Restore copies back with the same API in one step, so readers see the old or the new
workspace, never a mix; the replaced workspace is kept beside it first (``….before-restore-<time>.db``).

PostgreSQL: ``pg_dump --format=custom``; restore drops and recreates the ``public`` schema and replays the
dump in ONE transaction (``psql --single-transaction``), so a failed restore leaves the database as it was.
The password goes through ``PGPASSWORD``, never the command line.

Every failure is a ``BackupError`` whose message is for the user (Chinese).
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError

from govinspect.die_with_parent import die_with_parent
from govinspect.store.migrate_store import alembic_config
from govinspect.store.workspace_store import normalise_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
PG_TIMEOUT_S = 3600


class BackupError(ValueError):
    """Backup or restore cannot proceed; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class BackupSummary:
    kind: str                 # "SQLite" | "PostgreSQL"
    path: Path
    bytes: int
    decisions: int | None     # review decisions in the copy (SQLite: counted in the copy itself)
    revision: str | None      # schema migration of the copy


def _url(database_url: str) -> URL:
    try:
        return make_url(normalise_url(database_url))
    except ArgumentError:
        raise BackupError(f"数据库地址无效：{database_url}") from None


def shown_url(database_url: str) -> str:
    """The workspace address as printed to the user: without its password."""
    try:
        url = _url(database_url)
    except BackupError:
        return database_url
    return str(url.database) if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def backup_workspace(database_url: str, target: Path) -> BackupSummary:
    url = _url(database_url)
    if url.get_backend_name() == "sqlite":
        return _backup_sqlite(_sqlite_path(url), target)
    if url.get_backend_name() == "postgresql":
        return _backup_pg(url, target)
    raise BackupError(f"不支持备份此类数据库：{url.get_backend_name()}")


def restore_workspace(database_url: str, source: Path) -> BackupSummary:
    url = _url(database_url)
    kind = backup_kind(source)
    backend = url.get_backend_name()
    if kind == "SQLite" and backend == "sqlite":
        return _restore_sqlite(source, _sqlite_path(url))
    if kind == "PostgreSQL" and backend == "postgresql":
        return _restore_pg(source, url)
    raise BackupError(f"{source} 是 {kind} 备份，不能恢复到 {'SQLite' if backend == 'sqlite' else 'PostgreSQL'} "
                      "工作区；请用 --db 指定同类数据库")


def backup_kind(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise BackupError(f"备份文件不存在：{path}") from None
    except IsADirectoryError:
        raise BackupError(f"{path} 是目录，请指定备份文件") from None
    if head == SQLITE_MAGIC:
        return "SQLite"
    if head.startswith(PGDUMP_MAGIC):
        return "PostgreSQL"
    raise BackupError(f"{path} 不是 govinspect 备份文件（既不是 SQLite 数据库，也不是 pg_dump 自定义格式）")


# ---- SQLite ------------------------------------------------------------------------------------
def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("内存数据库无法备份或恢复")
    return Path(url.database)


def _backup_sqlite(db: Path, target: Path) -> BackupSummary:
    if not db.is_file():
        raise BackupError(f"工作区数据库不存在：{db}")
    _parent_dir(target)
    part = target.with_name(f".{target.name}.part")
    try:
        with closing(_sqlite_ro(db)) as src, closing(sqlite3.connect(part)) as dst:
            src.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")    # the copy stands alone: no WAL file beside it
        summary = _check_sqlite_copy(part, target)
    except sqlite3.Error as exc:
        part.unlink(missing_ok=True)
        raise BackupError(f"备份失败（{db}）：{exc}") from None
    except BackupError:
        part.unlink(missing_ok=True)
        raise
    os.chmod(part, 0o600)        # it holds password hashes and sessions: owner only
    os.replace(part, target)
    return summary


def _restore_sqlite(source: Path, db: Path) -> BackupSummary:
    summary = _check_sqlite_copy(source, source)
    _parent_dir(db)
    if db.exists():
        keep = db.with_name(f"{db.stem}.before-restore-{time.strftime('%Y%m%d-%H%M%S')}{db.suffix}")
        _backup_sqlite(db, keep)
    try:
        with closing(_sqlite_ro(source)) as src, closing(sqlite3.connect(db)) as dst:
            dst.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)                             # one step: the whole copy is one transaction
    except sqlite3.Error as exc:
        raise BackupError(f"恢复失败（{db}）：{exc}；原工作区未改动") from None
    return summary


def _sqlite_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _check_sqlite_copy(path: Path, shown: Path) -> BackupSummary:
    """The file is a whole SQLite database holding a govinspect workspace of a schema we know."""
    if backup_kind(path) != "SQLite":
        raise BackupError(f"{shown} 不是 SQLite 数据库")
    try:
        with closing(_sqlite_ro(path)) as conn:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise BackupError(f"{shown} 已损坏（完整性检查：{status}）")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "decisions", "sites"} <= tables:
                raise BackupError(f"{shown} 不是 govinspect 工作区数据库")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            decisions = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{shown} 无法读取：{exc}") from None
    revision = revision[0] if revision else None
    _known_revision(revision, shown)
    return BackupSummary("SQLite", shown, path.stat().st_size, decisions, revision)


def _known_revision(revision: str | None, shown: Path) -> None:
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise BackupError(f"{shown} 来自更新版本的 govinspect（数据库版本 {revision}），请先升级 govinspect 再恢复")


def _parent_dir(path: Path) -> None:
    if path.is_dir():
        raise BackupError(f"{path} 是目录，请指定文件名，如 {path / 'govinspect-备份.db'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法创建目录 {path.parent}：{exc.strerror or exc}") from None


# ---- PostgreSQL --------------------------------------------------------------------------------
def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection URL without the password, and the environment carrying it."""
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"未找到 {name}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client，"
                          "或运行 scripts/install_system_deps.sh）")
    return found


def _run(cmd: list[str], env: dict[str, str], what: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(cmd, check=False, env=env, input=stdin, capture_output=True, timeout=PG_TIMEOUT_S,
                              preexec_fn=die_with_parent)    # pg_dump/psql end with us (issue 17)
    except subprocess.TimeoutExpired:
        raise BackupError(f"{what}超时（{PG_TIMEOUT_S} 秒）") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BackupError(f"{what}失败：{why[-1] if why else f'退出码 {done.returncode}'}")
    return done.stdout


def _backup_pg(url: URL, target: Path) -> BackupSummary:
    conninfo, env = _libpq(url)
    _parent_dir(target)
    part = target.with_name(f".{target.name}.part")
    try:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--schema=public",
              f"--file={part}", f"--dbname={conninfo}"], env, "pg_dump 备份")
        listing = _run([_tool("pg_restore"), "--list", str(part)], env, "检查备份")
    except BackupError:
        part.unlink(missing_ok=True)
        raise
    if b"TABLE DATA public decisions" not in listing:
        part.unlink(missing_ok=True)
        raise BackupError(f"{url.database} 不是 govinspect 工作区数据库（没有复核决定表）")
    os.chmod(part, 0o600)
    os.replace(part, target)
    return BackupSummary("PostgreSQL", target, target.stat().st_size, None, None)


def _restore_pg(source: Path, url: URL) -> BackupSummary:
    conninfo, env = _libpq(url)
    script = _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(source)], env,
                  "读取备份")
    if b"CREATE TABLE public.decisions" not in script:
        raise BackupError(f"{source} 不是 govinspect 工作区的备份（没有复核决定表）")
    found = re.search(rb"COPY public\.alembic_version \(version_num\) FROM stdin;\n([^\n\\]+)\n", script)
    revision = found.group(1).decode() if found else None
    _known_revision(revision, source)
    # One transaction: the old schema is dropped only if the whole dump replays.
    prologue = b"DROP SCHEMA IF EXISTS public CASCADE;\n"
    if not re.search(rb"(?m)^CREATE SCHEMA public;", script):   # pg_dump --schema=public writes it itself
        prologue += b"CREATE SCHEMA public;\n"
    _run([_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
          f"--dbname={conninfo}", "--file=-"], env, "恢复到 PostgreSQL（原数据库未改动）", stdin=prologue + script)
    return BackupSummary("PostgreSQL", source, source.stat().st_size, None, revision)
