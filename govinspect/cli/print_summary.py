"""Summary tables printed after scan, rescore and demo."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from govinspect.model.result import Verdict
from govinspect.report.problem_wording import veto_names


def _count(entries: list[dict[str, Any]], label: str) -> int:
    return sum(1 for e in entries if e.get("result") == label)


def _understood(u: dict[str, Any] | None) -> str:
    """Share of pages with a confident kind and of columns with a parsed newest date."""
    if not u or not u.get("pages"):
        return "—"
    return (f"页面{u.get('page_share', 0):.0%}·栏目{u.get('columns_dated', 0)}/{u.get('columns', 0)}"
            if u.get("columns") else f"页面{u.get('page_share', 0):.0%}")


def _totals(label: str, unit: str, entries: list[dict[str, Any]]) -> str:
    return f"{label} {len(entries)} {unit}：" + "，".join(f"{v} {_count(entries, v)}" for v in Verdict)


def _rulebook_name(rulebook: dict[str, Any]) -> str:
    """The rulebook as the notice names it (its Chinese title), not its id."""
    return str(rulebook.get("title") or rulebook.get("id") or "")


def print_result_summary(console: Console, result: dict[str, Any], max_rows: int = 60) -> None:
    """One row per site. Unit names and veto lists wrap inside their column (never cut with "…"), so
    every name is whole at 100 columns; the totals are one short line per kind of unit."""
    sites = result.get("sites", [])
    accounts = result.get("accounts", [])
    table = Table(title=f"监测时间点 {result.get('as_of')} · {_rulebook_name(result.get('rulebook', {}))}")
    table.add_column("网站名称", overflow="fold", ratio=3, min_width=10)
    table.add_column("所属地区", overflow="fold", ratio=1, min_width=4)
    table.add_column("结果", no_wrap=True)
    table.add_column("得分", no_wrap=True, justify="right")
    table.add_column("单项否决", overflow="fold", ratio=2, min_width=8)
    table.add_column("问题数", no_wrap=True, justify="right")
    table.add_column("待复核", no_wrap=True, justify="right")
    table.add_column("页面理解", overflow="fold", ratio=1, min_width=8)
    for s in sorted(sites, key=lambda e: (e.get("region", ""), -(e.get("score") or -1)))[:max_rows]:
        findings = s.get("findings", [])
        result_label = s.get("result", "")
        style = {Verdict.QUALIFIED: "green", Verdict.FAILED: "bold red", Verdict.NOT_ASSESSED: "yellow"}.get(result_label, "")
        table.add_row(escape(s.get("name", "")), escape(s.get("region", "")), f"[{style}]{result_label}[/]",
                      "—" if s.get("score") is None else f"{s['score']:g}",
                      "；".join(veto_names(s, result.get("rulebook") or {})) if s.get("vetoes") else "—",
                      str(sum(1 for f in findings if f.get("status") == "fail")),
                      str(sum(1 for f in findings if f.get("status") == "needs_review")),
                      _understood(s.get("understanding")))
    if sites:
        console.print(table)
    if len(sites) > max_rows:
        console.print(f"[dim]… 另有 {len(sites) - max_rows} 个网站，详见结果 JSON 或通报[/]")
    console.print(_totals("网站", "个", sites))
    if accounts:
        console.print(_totals("政务新媒体", "个", accounts))


def print_demo_summary(console: Console, outcome: dict[str, Any]) -> None:
    city = outcome["city"]
    table = Table("项目", "数量", title="演示城市")
    for label, key in (("网站", "sites"), ("栏目", "columns"), ("页面", "pages"),
                       ("政务新媒体账号", "accounts"), ("植入的问题", "planted")):
        table.add_row(label, str(city.get(key, 0)))
    console.print(table)
    gathered = outcome.get("gathered", {})
    console.print(f"已采集：页面 {gathered.get('pages', 0)} 个，检查链接 {gathered.get('links', 0)} 条，"
                  f"首页探测 {gathered.get('probes', 0)} 次，用时 {gathered.get('seconds', 0):.1f} 秒")
    print_result_summary(console, outcome["result"], max_rows=20)
    if "accuracy" in outcome:
        acc = outcome["accuracy"]
        console.print(f"与植入问题对照：查全率 {acc['recall']:.1%}，查准率 {acc['precision']:.1%}"
                      f"（{acc['matched']}/{acc['expected']}）")
    for note in outcome.get("notes", []):
        if not note.startswith("未生成 PDF"):      # said last, as the demo's error (commands_scan.py)
            console.print(f"[yellow]{escape(note)}[/]")
    console.print("输出文件：")
    for path in outcome.get("files", []):
        console.print(f"  {path}", markup=False)
