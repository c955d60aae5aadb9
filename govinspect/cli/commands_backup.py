"""`govinspect backup | restore`: a consistent copy of the workspace database, and back."""
from __future__ import annotations

import asyncio
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from govinspect.cli.cli_errors import UserError
from govinspect.settings import Settings

console = Console()


def _shown(settings: Settings) -> str:
    from govinspect.store.backup_store import shown_url

    return shown_url(settings.database_url)


@click.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
@click.pass_obj
def backup_cmd(settings: Settings, target: Path) -> None:
    """备份工作区数据库（名录、检查结果、复核决定、用户、整改）到 TARGET 文件。

    SQLite 工作区用在线备份（检查、复核进行中也可备份）；PostgreSQL 用 pg_dump。
    """
    from govinspect.store.backup_store import BackupError, backup_workspace

    try:
        summary = backup_workspace(settings.database_url, target)
    except BackupError as exc:
        raise UserError(str(exc)) from None
    extra = f"，复核决定 {summary.decisions} 条" if summary.decisions is not None else ""
    console.print(f"已备份 {escape(_shown(settings))} → {escape(str(target))}"
                  f"（{summary.kind}，{summary.bytes / 1024:.0f} KB{extra}）")


@click.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-y", "--yes", is_flag=True, help="不再询问，直接覆盖当前工作区")
@click.pass_obj
def restore_cmd(settings: Settings, source: Path, yes: bool) -> None:
    """用 SOURCE 备份文件恢复工作区（覆盖当前工作区数据库）。

    SQLite 工作区恢复前，原数据库另存为 *.before-restore-时间.db；PostgreSQL 在一个事务内恢复，失败则原库不变。
    """
    from govinspect.store.backup_store import BackupError, backup_kind, restore_workspace

    try:
        kind = backup_kind(source)
    except BackupError as exc:
        raise UserError(str(exc)) from None
    if not yes:
        click.confirm(f"将用 {source}（{kind} 备份）覆盖工作区 {_shown(settings)}，确定吗？", abort=True)
    try:
        restore_workspace(settings.database_url, source)
    except BackupError as exc:
        raise UserError(str(exc)) from None
    decisions = asyncio.run(_migrate_and_count(settings))
    console.print(f"已从 {escape(str(source))} 恢复工作区 {escape(_shown(settings))}（复核决定 {decisions} 条）")


async def _migrate_and_count(settings: Settings) -> int:
    """An older backup is brought to the current schema at once; the count confirms it reads."""
    from govinspect.pipeline.open_store import open_store

    store = await open_store(settings)
    try:
        return len(await store.list_decisions())
    finally:
        await store.close()
