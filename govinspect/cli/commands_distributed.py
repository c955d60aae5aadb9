"""`govinspect worker | runs | attach`, and the progress of a distributed run (`scan --queue`)."""
from __future__ import annotations

import asyncio
import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import click
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from govinspect.cli.cli_errors import UserError
from govinspect.cli.print_summary import print_result_summary
from govinspect.model.result import Verdict
from govinspect.settings import Settings

console = Console()
REDIS_OPTION = click.option("--redis", "redis_url", envvar="GOVINSPECT_REDIS", default="redis://127.0.0.1:6379/0",
                            show_default=True, help="Redis 地址（dramatiq 消息队列；也可设环境变量 GOVINSPECT_REDIS）")
STATE_NAMES = {"queued": "排队", "running": "检测中", "done": "完成", "failed": Verdict.NOT_ASSESSED.value, "finishing": "汇总中"}


def _dist_modules() -> Any:
    try:
        from govinspect.workers import run_worker, submit_scan
    except ImportError as exc:
        raise UserError("分布式模式需要安装 [dist] 扩展：pip install 'govinspect[dist]'") from exc
    return run_worker, submit_scan


@click.command("worker")
@REDIS_OPTION
@click.option("--processes", default=1, show_default=True, help="工作进程数（建议每个 CPU 核一个）")
@click.option("--threads", default=8, show_default=True, help="每个进程同时检测的单元数（礼貌采集多在等待）")
@click.pass_obj
def worker_cmd(settings: Settings, redis_url: str, processes: int, threads: int) -> None:
    """分布式检测工作进程：从 Redis 领取检测单元（每个网站一个，新媒体账号按主办单位分批），
    采集、分析、检查、评分后把结果写入共享数据库（PostgreSQL）。"""
    run_worker, _ = _dist_modules()
    if processes < 1 or threads < 1:
        raise UserError("--processes 与 --threads 至少为 1")
    others = [multiprocessing.get_context("spawn").Process(target=_child, args=(settings, redis_url, threads),
                                                           daemon=True) for _ in range(processes - 1)]
    for proc in others:
        proc.start()
    console.print(f"工作进程已启动：{processes} 个进程 × {threads} 个线程，队列 {escape(_shown(redis_url))}（Ctrl-C 退出）")
    try:
        run_worker.run_worker(settings, redis_url, threads=threads)
    finally:
        for proc in others:
            proc.terminate()
            proc.join(timeout=30)


def _child(settings: Settings, redis_url: str, threads: int) -> None:
    from govinspect.die_with_parent import die_with_parent
    from govinspect.workers.run_worker import run_worker

    die_with_parent()
    run_worker(settings, redis_url, threads=threads)


def _shown(url: str) -> str:
    from sqlalchemy import make_url

    try:
        return make_url(url.replace("redis://", "postgresql://", 1)).render_as_string(hide_password=True) \
            .replace("postgresql://", "redis://", 1)
    except Exception:  # noqa: BLE001 - only for display
        return url


@click.command("runs")
@click.option("--limit", default=20, show_default=True, help="显示最近多少次运行")
@click.pass_obj
def runs_cmd(settings: Settings, limit: int) -> None:
    """列出检查运行及其状态（分布式运行显示各单元进度）。"""
    rows = asyncio.run(_list_runs(settings, limit))
    if not rows:
        console.print("工作区中还没有检查运行")
        return
    table = Table(title="检查运行")
    table.add_column("运行编号", no_wrap=True)     # copied into `govinspect attach`: never wrapped
    for column in ("监测时间点", "开始", "状态", "进度", Verdict.NOT_ASSESSED.value):
        table.add_column(column)
    for run, progress in rows:
        done = f"{progress.ended}/{progress.total}" if progress and progress.total else "—"
        failed = str(progress.by_state.get("failed", 0)) if progress and progress.total else "—"
        started = run["created_at"].astimezone().strftime("%Y-%m-%d %H:%M") if run.get("created_at") else ""
        table.add_row(run["id"], str(run["as_of"]), started, STATE_NAMES.get(run["status"], run["status"]), done,
                      failed)
    console.print(table)


async def _list_runs(settings: Settings, limit: int) -> list[tuple[dict[str, Any], Any]]:
    from govinspect.pipeline.open_store import open_store
    from govinspect.store.run_jobs_store import RunJobs

    store = await open_store(settings)
    try:
        runs = (await store.list_runs())[:limit]
        jobs = RunJobs(store)
        return [(run, await jobs.progress(run["id"])) for run in runs]
    finally:
        await store.close()


@click.command("attach")
@click.argument("run_id")
@REDIS_OPTION
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="运行完成后把结果 JSON 写入此文件")
@click.pass_obj
def attach_cmd(settings: Settings, run_id: str, redis_url: str, json_out: Path | None) -> None:
    """查看（接续）一次分布式运行的进度，直到完成；可在另一个终端随时接入或退出（Ctrl-C 不影响运行）。"""
    follow_run(settings, run_id, redis_url, json_out)


def follow_run(settings: Settings, run_id: str, redis_url: str, json_out: Path | None) -> None:
    _, submit_scan = _dist_modules()
    board = RunBoard(run_id, quiet=settings.quiet)
    try:
        with board:
            watched = asyncio.run(submit_scan.watch_run(settings, run_id, redis_url, on_progress=board.update))
    except KeyboardInterrupt:
        console.print(f"已退出查看；运行 {run_id} 仍在工作进程中继续。再次查看：govinspect attach {run_id}")
        raise SystemExit(0) from None
    except ValueError as exc:
        raise UserError(str(exc)) from None
    result = watched.result or {}
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print_result_summary(console, result)
    console.print(f"运行编号：{run_id}" + (f"；结果已写入 {json_out}" if json_out else ""))


class RunBoard:
    """Bars from the store: units ended of all, pages gathered, ETA from the rate units end at."""

    def __init__(self, run_id: str, quiet: bool = False):
        self.run_id = run_id
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[detail]}"), console=Console(stderr=True))
        self.task = self.progress.add_task(f"运行 {run_id}", total=None, detail="")
        self.live = Live(self.progress, console=Console(stderr=True), refresh_per_second=2, transient=False)
        self.quiet = quiet

    def __enter__(self) -> Self:
        if not self.quiet:
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.quiet:
            self.live.__exit__(*exc)

    def update(self, watched: Any) -> None:
        p = watched.progress
        states = p.by_state
        parts = [f"完成 {states.get('done', 0)}", f"检测中 {states.get('running', 0)}",
                 f"排队 {states.get('queued', 0)}", f"{Verdict.NOT_ASSESSED} {states.get('failed', 0)}", f"已采集 {p.pages} 页"]
        eta = _eta(p)
        if eta:
            parts.append(f"预计还需 {eta}")
        if watched.status == "finishing":
            parts.append("正在汇总结果")
        self.progress.update(self.task, total=p.total or None, completed=p.ended, detail=" · ".join(parts))


def _eta(p: Any) -> str:
    if not p.started_at or not p.ended or p.ended >= p.total:
        return ""
    started = p.started_at if p.started_at.tzinfo else p.started_at.replace(tzinfo=UTC)
    elapsed = (datetime.now(UTC) - started).total_seconds()
    left = elapsed / p.ended * (p.total - p.ended)
    hours, rest = divmod(int(left), 3600)
    return f"{hours} 小时 {rest // 60} 分" if hours else f"{rest // 60} 分 {rest % 60} 秒"
