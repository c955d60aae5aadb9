"""`govinspect scan | probe | monitor | rescore` (`demo` is in commands_demo.py)."""
from __future__ import annotations

import asyncio
import gc
import json
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from govinspect.cli.cli_errors import UserError
from govinspect.cli.print_summary import print_result_summary
from govinspect.settings import Settings

console = Console()


def _parse_day(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UserError(f"--as-of “{value}”不是有效日期，应为 YYYY-MM-DD（如 2020-07-17）") from exc


def _resolve_map(pairs: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for pair in pairs:
        host, sep, ip = pair.partition("=")
        if not sep or not host.strip() or not ip.strip():
            raise UserError(f"--resolve “{pair}”格式应为 主机=地址，如 www.example.gov.cn=127.0.0.1")
        out.setdefault(host.strip().lower(), []).append(ip.strip())
    return {h: tuple(ips) for h, ips in out.items()}


@click.command("scan")
@click.argument("sources", nargs=-1, required=True)
@click.option("--as-of", "as_of", default=None, help="监测时间点 YYYY-MM-DD（默认今天）")
@click.option("--rulebook", default="national-2019", show_default=True, help="评分规则 ID 或 YAML 文件路径")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="结果 JSON 写入此文件")
@click.option("--resume", "resume_run", default=None, help="继续一次中断的检查（运行编号）")
@click.option("--pages", "page_budget", type=int, default=None, help="每个网站最多采集的页面数")
@click.option("--render-js", is_flag=True, help="用无头 Chromium 渲染由脚本生成内容的页面")
@click.option("--resolve", "resolve", multiple=True, metavar="HOST=IP",
              help="指定主机解析到的地址（同 curl --resolve），可多次使用")
@click.option("--only-mapped", is_flag=True, help="只访问 --resolve 指定的主机（内网/离线环境）")
@click.option("--queue", "queue_url", default=None, metavar="redis://…",
              help="分布式检查：把每个网站作为任务提交到此 Redis 队列，由 govinspect worker 执行（需 --db postgresql://…）")
@click.option("--detach", is_flag=True, help="与 --queue 同用：提交后立即返回，之后用 govinspect attach 运行编号 查看")
@click.pass_obj
def scan_cmd(settings: Settings, sources: tuple[str, ...], as_of: str | None, rulebook: str,
             json_out: Path | None, resume_run: str | None, page_budget: int | None, render_js: bool,
             resolve: tuple[str, ...], only_mapped: bool, queue_url: str | None, detach: bool) -> None:
    """一次性检查。SOURCE 为名录文件（CSV/XLSX）或一个或多个首页网址（网站自查）。

    无论检查结论如何，运行完成即返回 0；输入有误时给出明确提示并返回非 0。
    """
    if detach and not queue_url:
        raise UserError("--detach 只能与 --queue 同用")
    if queue_url and resume_run:
        raise UserError("分布式运行无需 --resume：工作进程会自动接续；查看进度请用 govinspect attach 运行编号")
    from govinspect.pipeline.load_sources import load_sources

    day = _parse_day(as_of)
    sites, accounts = load_sources(list(sources))
    if page_budget:
        settings = settings.with_(page_budget=page_budget)
    if render_js:
        settings = settings.with_(render_js=True)
    if resolve or only_mapped:
        settings = settings.with_(resolve={**settings.resolve, **_resolve_map(resolve)}, only_mapped_hosts=only_mapped)
    if queue_url:
        _submit_distributed(settings, sites, accounts, day, rulebook, queue_url, json_out, detach)
        return
    result, run_id = asyncio.run(_scan_local(settings, sites, accounts, day, rulebook, resume_run))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print_result_summary(console, result)
    console.print(f"运行编号：{run_id}" + (f"；结果已写入 {json_out}" if json_out else ""))


async def _scan_local(settings: Settings, sites: list, accounts: list, day: date, rulebook: str,
                      resume_run: str | None) -> tuple[dict, str]:
    from govinspect.pipeline.open_store import open_store
    from govinspect.pipeline.scan_run import scan_sources

    # a new workspace's migration runs in a child process: the scanning process never holds alembic
    store = await open_store(settings, migrate_apart=True)
    # what is alive now (modules, settings, the store) lives as long as the process: out of the cyclic
    # collector's way, so the full collection after each site (release_heap) walks only the scan's objects
    if not gc.get_freeze_count():         # once per process (a test process runs many scans)
        gc.collect()
        gc.freeze()
    try:
        return await scan_sources(settings, sites, accounts, day, rulebook, resume_run=resume_run, store=store)
    finally:
        await store.close()


def _submit_distributed(settings: Settings, sites: list, accounts: list, day: date, rulebook: str, queue_url: str,
                        json_out: Path | None, detach: bool) -> None:
    from govinspect.cli.commands_distributed import _dist_modules, follow_run

    _, submit_scan = _dist_modules()
    if settings.db_url is None or not settings.db_url.startswith(("postgresql", "postgres")):
        console.print("[yellow]注意：分布式检查的工作进程与本命令须使用同一个数据库；多台机器时请用 --db postgresql://…[/]")
    run_id = asyncio.run(submit_scan.submit_run(settings, sites, accounts, day, rulebook, queue_url))
    console.print(f"已提交运行 {run_id}：{len(sites)} 个网站、{len(accounts)} 个新媒体账号")
    if detach:
        console.print(f"查看进度：govinspect attach {run_id}    列出运行：govinspect runs")
        return
    follow_run(settings, run_id, queue_url, json_out)


@click.command("probe")
@click.option("--count", default=3, show_default=True, help="每个网站的探测次数")
@click.pass_obj
def probe_cmd(settings: Settings, count: int) -> None:
    """对名录中每个网站的首页做一轮可用性探测（超过(含)15秒未打开记为失败）。"""
    from govinspect.pipeline.probe_sites import probe_round

    summary = asyncio.run(probe_round(settings.with_(probe_count=count)))
    for line in summary:
        console.print(line)


@click.command("monitor")
@click.option("--per-day", default=24.0, show_default=True, type=float,
              help="每个网站每天的探测次数（国家要求 ≥20；低于20需加 --test）")
@click.option("--rounds", default=0, help="运行多少轮后退出（0 = 一直运行）")
@click.option("--alert-webhook", "alert_webhook", default=None, metavar="URL",
              help="首页疑似被劫持/篡改时向此地址 POST 告警（JSON）")
@click.option("--alert-format", "alert_format", type=click.Choice(["json", "wecom", "dingtalk"]), default="json",
              show_default=True, help="告警消息格式：通用 JSON、企业微信群机器人、钉钉群机器人")
@click.option("--test", "test", is_flag=True, help="测试运行：允许每天少于20次，探测记为测试窗口（不作为监测周）")
@click.option("--screenshot", "screenshot", is_flag=True,
              help="告警时用 Chromium 截取首页作为证据（需 govinspect[browser] 与 Debian chromium）")
@click.pass_obj
def monitor_cmd(settings: Settings, per_day: float, rounds: int, alert_webhook: str | None, alert_format: str,
                test: bool, screenshot: bool) -> None:
    """长期监测：按间隔持续探测首页可用性（每天 ≥20 次），比对首页指纹发出劫持/篡改告警，并保存每日首页快照。"""
    from govinspect.pipeline.monitor_alerts import AlertWebhook
    from govinspect.pipeline.probe_sites import MonitorRateError, check_rate, monitor

    try:
        check_rate(per_day, test)
    except MonitorRateError as exc:
        raise UserError(str(exc)) from exc
    if alert_webhook is not None and not alert_webhook.startswith(("http://", "https://")):
        raise UserError(f"--alert-webhook “{alert_webhook}”不是 http(s) 地址")
    webhook = AlertWebhook(alert_webhook, alert_format) if alert_webhook else None
    asyncio.run(monitor(settings, per_day=per_day, rounds=rounds, console=console, webhook=webhook, test=test,
                        screenshots=screenshot))


@click.command("rescore")
@click.argument("result_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rulebook", default=None, help="评分规则 ID 或 YAML 文件（默认沿用结果中的规则）")
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="人工复核决定文件（YAML/JSON）：按指纹驳回、确认、新增问题、加分")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="重新评分后的结果 JSON")
@click.pass_obj
def rescore_cmd(settings: Settings, result_file: Path, rulebook: str | None, decisions_file: Path | None,
                json_out: Path) -> None:
    """不联网，对已保存的结果按复核决定或其他评分规则重新评分。"""
    if not result_file.exists():
        raise UserError(f"结果文件不存在：{result_file}")
    from govinspect.pipeline.rescore_file import rescore_file

    result = rescore_file(result_file, rulebook, decisions_file)
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print_result_summary(console, result)
    console.print(f"已写入 {json_out}")
    if decisions_file is not None:
        _warn_unmatched(result_file, decisions_file)


def _warn_unmatched(result_file: Path, decisions_file: Path) -> None:
    from rich.markup import escape

    from govinspect.cli.cli_errors import err_console
    from govinspect.model.result import load_result
    from govinspect.review.decisions import load_decisions
    from govinspect.review.rescore_result import unmatched_decisions

    unmatched = unmatched_decisions(load_result(result_file), load_decisions(decisions_file))
    for line in unmatched:
        err_console.print(f"[yellow]注意：[/]{escape(line)}")
    if unmatched:
        err_console.print(f"[yellow]{len(unmatched)} 条复核决定未应用，请核对单位编号与问题指纹[/]")
