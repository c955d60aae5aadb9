"""`govinspect` command line: thin — parses arguments, calls the pipeline, prints with rich."""
from __future__ import annotations

import sys

import click

from govinspect import __version__
from govinspect.cli.cli_errors import UserError, run_friendly
from govinspect.cli.commands_backup import backup_cmd, restore_cmd
from govinspect.cli.commands_demo import demo_cmd
from govinspect.cli.commands_distributed import attach_cmd, runs_cmd, worker_cmd
from govinspect.cli.commands_output import report_cmd, serve_cmd, user_cmd
from govinspect.cli.commands_registry import import_cmd, sites_cmd
from govinspect.cli.commands_scan import monitor_cmd, probe_cmd, rescore_cmd, scan_cmd

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="govinspect %(version)s")
@click.option("--db", "db", envvar="GOVINSPECT_DB", default=None,
              help="工作区数据库：SQLite 文件路径或 postgresql://… 地址（默认 ./govinspect-data/govinspect.db）")
@click.option("--workspace", envvar="GOVINSPECT_WORKSPACE", default="govinspect-data", show_default=True,
              help="工作区目录（数据库、采集日志、报告）")
@click.option("--config", type=click.Path(dir_okay=False, exists=True), default=None,
              help="TOML 配置文件（并发、礼貌间隔、超时、页面预算等）")
@click.option("-q", "--quiet", is_flag=True, help="安静模式：不显示进度条，适合脚本")
@click.pass_context
def cli(ctx: click.Context, db: str | None, workspace: str, config: str | None, quiet: bool) -> None:
    """政府网站与政务新媒体检查工具（依据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》）。

    \b
    常用流程：
      govinspect import 网站名录.xlsx        导入网站/新媒体名录
      govinspect scan 网站名录.xlsx --as-of 2020-07-17 --json result.json
      govinspect report result.json --format docx,xlsx,html,pdf --out 通报/
      govinspect serve                        打开人工复核平台
      govinspect demo                         在本机演示城市上跑通全流程
    """
    import tomllib
    from pathlib import Path

    from govinspect.settings import load_settings

    try:
        ctx.obj = load_settings(Path(config) if config else None, db_url=db, workspace=workspace, quiet=quiet)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"配置文件 {config} 不是有效的 TOML：{exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"配置文件 {config} 不是 UTF-8 编码，请另存为 UTF-8 后重试") from None


for command in (demo_cmd, scan_cmd, import_cmd, sites_cmd, probe_cmd, monitor_cmd, rescore_cmd,
                report_cmd, serve_cmd, worker_cmd, runs_cmd, attach_cmd, user_cmd, backup_cmd, restore_cmd):
    cli.add_command(command)


def main() -> None:
    sys.exit(run_friendly(cli))
