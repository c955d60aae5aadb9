"""`govinspect demo`: the only production module that imports the demo (lazily, inside the command; the
import-linter contract "Production code never imports the demo" lists exactly this import as allowed)."""
from __future__ import annotations

import asyncio
from pathlib import Path

import click
from rich.console import Console

from govinspect.cli.cli_errors import UserError
from govinspect.cli.print_summary import print_demo_summary
from govinspect.settings import Settings

console = Console()


@click.command("demo")
@click.option("--sites", "n_sites", default=6, show_default=True, help="演示城市的网站数量")
@click.option("--pages", "pages_per_site", default=60, show_default=True, help="每个网站的页面数（约）")
@click.option("--accounts", "n_accounts", default=20, show_default=True, help="政务新媒体账号数量")
@click.option("--seed", default=7, show_default=True, help="随机种子（相同种子生成完全相同的城市）")
@click.option("--skin-seed", type=int, default=None,
              help="随机皮肤种子：各网站改用随机生成的页面标记（内容与标准答案不变）")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="输出目录（默认 工作区/demo）")
@click.option("--serve", is_flag=True, help="完成后打开人工复核平台")
@click.option("--queue", "queue_url", default=None, metavar="redis://…",
              help="分布式演示：演示城市在本机运行，由 govinspect worker 工作进程经此 Redis 队列完成检查（需同一 --db）")
@click.pass_obj
def demo_cmd(settings: Settings, n_sites: int, pages_per_site: int, n_accounts: int, seed: int,
             skin_seed: int | None, out_dir: Path | None, serve: bool, queue_url: str | None) -> None:
    """在本机回环地址上启动演示城市，完整跑一遍：采集 → 检查 → 评分 → 通报。"""
    from govinspect.demo.run_demo import run_demo

    out = out_dir or settings.workspace / "demo"
    outcome = asyncio.run(run_demo(settings, out, sites=n_sites, pages_per_site=pages_per_site,
                                   accounts=n_accounts, seed=seed, skin_seed=skin_seed, queue_url=queue_url))
    print_demo_summary(console, outcome)
    refused = [n for n in outcome.get("notes", []) if n.startswith("未生成 PDF")]
    if refused:          # the main artefact is missing: say so last and exit non-zero
        raise UserError(refused[0])
    if serve:
        import secrets

        from govinspect.web.serve_dashboard import serve as serve_dashboard

        password = secrets.token_urlsafe(9)
        if asyncio.run(_ensure_demo_admin(settings, password)):
            console.print(f"复核平台管理员：用户名 admin，密码 {password}")
        console.print("人工复核平台：http://127.0.0.1:8765/  （Ctrl-C 退出）")
        serve_dashboard("127.0.0.1", 8765, settings)


async def _ensure_demo_admin(settings: Settings, password: str) -> bool:
    """Creates the demo's admin account once; False when it already exists."""
    from govinspect.pipeline.open_store import open_store
    from govinspect.web.manage_users import create_user

    store = await open_store(settings)
    try:
        if await store.get_user("admin") is not None:
            return False
        await create_user(store, "admin", password, "admin")
        return True
    finally:
        await store.close()
