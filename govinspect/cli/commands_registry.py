"""`govinspect import` and `govinspect sites`."""
from __future__ import annotations

import asyncio
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from govinspect.cli.cli_errors import UserError
from govinspect.pipeline.open_store import open_store
from govinspect.registry.import_registry import import_registry
from govinspect.registry.registry_errors import RegistryFileError
from govinspect.settings import Settings

console = Console()


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_cmd(settings: Settings, file: Path) -> None:
    """导入网站或政务新媒体名录（CSV/XLSX，中英文表头均可；GBK 编码的 CSV 亦可）。

    错误行会逐行列出行号与原因，正确的行照常导入；重复导入只更新，不重复。
    """
    if not file.exists():
        raise UserError(f"文件不存在：{file}")

    async def run():
        store = await open_store(settings)
        try:
            return await import_registry(store, file)
        finally:
            await store.close()

    try:
        parsed, inserted, updated = asyncio.run(run())
    except RegistryFileError as exc:
        raise UserError(f"{file}：{exc}") from exc
    kind = "网站" if parsed.kind == "sites" else "政务新媒体账号"
    console.print(f"已导入{kind} {parsed.good} 条（新增 {inserted}，更新 {updated}）。")
    if parsed.ignored_columns:
        console.print(f"[dim]未识别的列已忽略：{'、'.join(parsed.ignored_columns)}[/]")
    if parsed.errors:
        console.print(f"[bold red]{len(parsed.errors)} 行有错误，未导入：[/]")
        for err in parsed.errors:
            console.print(f"  {err}")
        raise SystemExit(1)


@click.command("sites")
@click.option("--accounts", is_flag=True, help="列出政务新媒体账号而非网站")
@click.pass_obj
def sites_cmd(settings: Settings, accounts: bool) -> None:
    """列出工作区中的网站（或政务新媒体账号）名录。"""

    async def run():
        store = await open_store(settings)
        try:
            return await (store.list_accounts() if accounts else store.list_sites())
        finally:
            await store.close()

    rows = asyncio.run(run())
    if accounts:
        table = Table("账号名称", "平台", "主办单位", "所属地区", "是否备案", "订阅地址", title=f"政务新媒体 {len(rows)} 个")
        for a in rows:
            table.add_row(a.name, a.platform, a.organizer, a.region, "是" if a.filed else "否", a.feed_url or "")
    else:
        table = Table("网站标识码", "网站名称", "首页地址", "所属地区", "是否门户", title=f"网站 {len(rows)} 个")
        for s in rows:
            table.add_row(s.site_code, s.name, s.url, s.region, "是" if s.is_portal else "否")
    console.print(table)
