"""The annexes as an .xlsx workbook: a 汇总 sheet with the counts and rates, then one sheet per
annex in the same row shapes as the docx (always the full lists)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from govinspect.report.annex_tables import AnnexTable

NUMERIC_COLUMNS = {"序号", "得分", "抽查数量", "不合格数量", "未能检测"}
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E7E6E6")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = Font(name="仿宋_GB2312", size=11)
BOLD = Font(name="黑体", size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _value(column: str, text: str) -> Any:
    if column in NUMERIC_COLUMNS:
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return text


def _summary_sheet(wb: Workbook, facts: dict[str, Any]) -> None:
    ws = wb.active
    ws.title = "汇总"
    ws.append([facts["title"]])
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    rows: list[tuple[str, Any]] = [("监测时间点", facts["as_of"])]
    if facts["has_sites"]:
        s = facts["sites"]
        rows += [("抽查网站数", s["total"]), ("其中门户网站", s["portals"]), ("参与评分网站数", s["assessed"]),
                 ("合格网站数", s["qualified"]), ("不合格网站数", s["failed"]), ("未能检测网站数", s["not_assessed"]),
                 ("网站合格率", s["pass_rate"]), ("90分以上网站数", s["above"]), ("90分以上占比", s["above_share"])]
    if facts["has_accounts"]:
        a = facts["accounts"]
        rows += [("检查政务新媒体数", a["total"]), ("参与检查账号数", a["assessed"]), ("合格账号数", a["qualified"]),
                 ("不合格账号数", a["failed"]), ("未能检测账号数", a["not_assessed"]),
                 ("政务新媒体合格率", a["pass_rate"]), ("未备案账号数", a["unfiled"])]
    comparison = facts.get("comparison")
    if comparison:
        rows += [(f"{comparison['label']}网站合格率", comparison["site_rate_before"]),
                 ("网站合格率变化", comparison["site_change"]),
                 ("再次点名网站", "、".join(comparison["sites_again"]) or "无"),
                 ("已整改网站", "、".join(comparison["sites_fixed"]) or "无"),
                 ("再次点名政务新媒体", "、".join(comparison["accounts_again"]) or "无"),
                 ("已整改政务新媒体", "、".join(comparison["accounts_fixed"]) or "无")]
    for label, value in rows:
        ws.append([label, value])
    for row in ws.iter_rows(min_row=2):
        row[0].font, row[1].font = BOLD, FONT
        row[1].alignment = Alignment(horizontal="left")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60


def _annex_sheet(wb: Workbook, table: AnnexTable) -> None:
    ws = wb.create_sheet(table.sheet[:31])
    ncol = len(table.columns)
    ws.append([table.title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    ws.append(table.columns)
    for cell in ws[2]:
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEAD_FILL, BORDER, CENTER
    total = sum(table.widths)
    for i, w in enumerate(table.widths):
        ws.column_dimensions[ws.cell(row=2, column=i + 1).column_letter].width = max(6, 130 * w / total)
    for row in table.rows:
        if row.group:
            ws.append([row.group])
            r = ws.max_row
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
            cell = ws.cell(row=r, column=1)
            cell.font, cell.fill, cell.alignment = BOLD, GROUP_FILL, WRAP
            for c in range(1, ncol + 1):
                ws.cell(row=r, column=c).border = BORDER
            continue
        ws.append([_value(col, text) for col, text in zip(table.columns, row.cells)])
        for cell in ws[ws.max_row]:
            cell.font = BOLD if row.total else FONT
            cell.border, cell.alignment = BORDER, WRAP
    if table.note:
        ws.append([])
        ws.append([table.note])
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"


def render_xlsx(facts: dict[str, Any], annexes: list[AnnexTable], out: Path) -> Path:
    wb = Workbook()
    _summary_sheet(wb, facts)
    for table in annexes:
        _annex_sheet(wb, table)
    wb.properties.title = facts["title"]
    wb.properties.creator = "govinspect"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
