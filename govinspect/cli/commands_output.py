"""`govinspect report | serve | user`."""
from __future__ import annotations

import asyncio
from pathlib import Path

import click
from rich.console import Console

from govinspect.cli.cli_errors import UserError
from govinspect.settings import Settings

console = Console()
FORMATS = ("docx", "xlsx", "html", "pdf")


@click.command("report")
@click.argument("result_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "formats", default="docx,xlsx,html,pdf", show_default=True,
              help="输出格式，逗号分隔：docx,xlsx,html,pdf")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="输出目录")
@click.option("--title", default=None, help="通报标题（默认按监测时间点生成）")
@click.option("--previous", "previous", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="上一期结果 JSON，用于季度对比（再次点名、已整改）")
@click.option("--issuer", "office", default=None, help="发文机关署名，如 咸宁市人民政府办公室（默认 市人民政府办公室）")
@click.option("--office", "office", default=None, hidden=True, help="同 --issuer（旧名）")
@click.option("--date", "issue_date", default=None,
              help="成文日期，如 2020-07-29 或 2020年7月29日；today 表示今天。默认留空，签发时填写")
@click.option("--deadline", default=None, help="整改期限，如 2020年8月15日")
@click.option("--contacts", default=None, help="联系人与电话，如 市政府办公室信息与法规科，联系电话：8126116")
@click.option("--requirements", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="“工作要求”文本文件（每行一段），替换模板默认文字")
@click.option("--template", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="自行在 Word/WPS 中修改过的通报模板（.docx）")
@click.option("--options", "options_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="通报选项 YAML 文件（标题、主送机关、抽查比例、附件等，见 docs/report.md）")
@click.pass_obj
def report_cmd(settings: Settings, result_file: Path, formats: str, out_dir: Path, title: str | None,
               previous: Path | None, office: str | None, issue_date: str | None, deadline: str | None,
               contacts: str | None, requirements: Path | None, template: Path | None,
               options_file: Path | None) -> None:
    """由结果 JSON 生成通报及附件（docx 公文格式、xlsx、html、pdf）。"""
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise UserError(f"不支持的格式：{'、'.join(bad) or '（空）'}；可选 {','.join(FORMATS)}")
    for p in (result_file, previous):
        if p is not None and not p.exists():
            raise UserError(f"结果文件不存在：{p}")
    from govinspect.model.result import ResultError, load_result
    from govinspect.report.render_report import render_report
    from govinspect.scoring.rulebook import rulebook_facts  # completes an older result's rulebook block

    try:
        result = load_result(result_file, rulebook_facts)
    except ResultError as exc:
        raise UserError(f"{result_file}：{exc}") from exc
    options: dict = {}
    if options_file is not None:
        import yaml

        try:
            loaded = yaml.safe_load(_utf8_text(options_file, "通报选项文件")) or {}
        except yaml.YAMLError as exc:
            raise UserError(f"{options_file}：不是有效的 YAML（{str(exc).splitlines()[0]}）") from None
        if not isinstance(loaded, dict):
            raise UserError(f"{options_file}：应为“选项: 值”形式的 YAML")
        options.update(loaded)
    options.update({k: v for k, v in {
        "title": title, "office": office, "date": issue_date, "deadline": deadline, "contacts": contacts,
        "requirements": _utf8_text(requirements, "工作要求文件") if requirements else None,
        "template": template}.items() if v})
    if previous is not None:
        try:
            options["previous"] = load_result(previous, rulebook_facts)
        except ResultError as exc:
            raise UserError(f"上一期结果 {previous}：{exc}") from exc
    paths = render_report(result, wanted, out_dir, options)
    for p in paths:
        console.print(f"已生成 {p}", markup=False)
    if not options.get("date"):
        click.echo("提示：未指定成文日期，通报落款日期留空（“    年  月  日”）；可用 --date 2020-07-29 或选项文件 "
                   "date: 指定。", err=True)
    from govinspect.report.pending_review import cli_warning, pending_summary

    warning = cli_warning(pending_summary(result))
    if warning:          # a draft: undecided needs_review findings; the exit code stays 0
        click.echo(warning, err=True)


def _utf8_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{what} {path} 不是 UTF-8 编码，请另存为 UTF-8 后重试") from None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8765, show_default=True, help="端口")
@click.pass_obj
def serve_cmd(settings: Settings, host: str, port: int) -> None:
    """启动人工复核平台（确认/驳回/新增问题、加分、整改跟踪、下载通报）。"""
    from govinspect.web.serve_dashboard import serve

    console.print(f"人工复核平台：http://{host}:{port}/")
    serve(host, port, settings)


@click.command("user")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "reviewer", "unit"]), default="reviewer", show_default=True,
              help="角色：admin 管理员、reviewer 复核员、unit 单位用户（仅见本单位网站，用于自查）")
@click.option("--organizer", default="", help="单位用户所属主办单位（与名录中“主办单位”一致）")
@click.password_option("--password", help="密码（不提供则交互输入）")
@click.pass_obj
def user_cmd(settings: Settings, username: str, role: str, organizer: str, password: str) -> None:
    """创建复核平台用户。"""
    from govinspect.pipeline.open_store import open_store
    from govinspect.web.manage_users import create_user, organizer_warning

    if role == "unit" and not organizer:
        raise UserError("单位用户必须指定 --organizer（所属主办单位）")

    async def run() -> str:
        store = await open_store(settings)
        try:
            await create_user(store, username, password, role, organizer)
            return await organizer_warning(store, organizer) if role == "unit" else ""
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        finally:
            await store.close()

    warning = asyncio.run(run())
    console.print(f"已创建用户 {username}（{role}）")
    if warning:
        console.print(f"[yellow]{warning}[/yellow]")
