"""The annexes as an .xlsx workbook: a 汇总 sheet with the counts and rates, then one sheet per
annex in the same row shapes as the docx (always the full lists)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from govinspect.model.result import Verdict
from govinspect.report.annex_tables import AnnexTable
from govinspect.report.safe_cells import make_cells_inert

NUMERIC_COLUMNS = {"序号", "得分", "抽查数量", "不合格数量", Verdict.NOT_ASSESSED.value}
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E7E6E6")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = Font(name="仿宋_GB2312", size=11)
BOLD = Font(name="黑体", size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


XLSX_CELL_MAX = 32767   # Excel refuses longer cells


def _value(column: str, text: str) -> Any:
    if len(text) > XLSX_CELL_MAX:
        return text[:XLSX_CELL_MAX - 1] + "…"
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
    rows: list[tuple[str, Any]] = [("草稿", facts["draft"])] if facts.get("draft") else []
    rows.append(("监测时间点", facts["as_of"]))
    if facts["has_sites"]:
        s = facts["sites"]
        rows += [("抽查网站数", s["total"]), ("其中门户网站", s["portals"]), ("参与评分网站数", s["assessed"]),
                 ("合格网站数", s["qualified"]), ("不合格网站数", s["failed"]), (f"{Verdict.NOT_ASSESSED}网站数", s["not_assessed"]),
                 ("网站合格率", s["pass_rate"]), ("90分以上网站数", s["above"]), ("90分以上占比", s["above_share"])]
    if facts["has_accounts"]:
        a = facts["accounts"]
        rows += [("检查政务新媒体数", a["total"]), ("参与检查账号数", a["assessed"]), ("合格账号数", a["qualified"]),
                 ("不合格账号数", a["failed"]), (f"{Verdict.NOT_ASSESSED}账号数", a["not_assessed"]),
                 ("政务新媒体合格率", a["pass_rate"]), ("未备案账号数", a["unfiled"])]
    pending = facts.get("pending") or {}
    if facts.get("draft"):
        rows += [("待人工判定网站数", pending.get("sites", 0)), ("待人工判定政务新媒体数", pending.get("accounts", 0))]
    comparison = facts.get("comparison")
    if comparison:
        rows += [(f"{comparison['label']}网站合格率", comparison["site_rate_before"]),
                 ("网站合格率变化", comparison["site_change"]),
                 (f"{comparison['label']}政务新媒体合格率", comparison["account_rate_before"]),
                 ("政务新媒体合格率变化", comparison["account_change"]),
                 ("再次点名网站", "、".join(comparison["sites_again"]) or "无"),
                 ("已整改网站", "、".join(comparison["sites_fixed"]) or "无"),
                 ("再次点名政务新媒体", "、".join(comparison["accounts_again"]) or "无"),
                 ("已整改政务新媒体", "、".join(comparison["accounts_fixed"]) or "无")]
    for label, value in rows:
        ws.append([label, value])
    for row in ws.iter_rows(min_row=2):
        row[0].font, row[1].font = BOLD, FONT
        row[1].alignment = Alignment(horizontal="left")
    if facts.get("draft"):                   # the draft notice, first under the title
        ws["B2"].font = Font(name="黑体", size=11, bold=True, color="C00000")
        ws["B2"].alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60


# Named styles: one assignment per cell instead of four (2–3× faster for 40,000 cells).
STYLES = {
    "gi_body": {"font": FONT, "border": BORDER, "alignment": WRAP},
    "gi_total": {"font": BOLD, "border": BORDER, "alignment": WRAP},
    "gi_head": {"font": BOLD, "border": BORDER, "alignment": CENTER, "fill": HEAD_FILL},
    "gi_group": {"font": BOLD, "border": BORDER, "alignment": WRAP, "fill": GROUP_FILL},
}


def _add_styles(wb: Workbook) -> None:
    for name, attrs in STYLES.items():
        wb.add_named_style(NamedStyle(name=name, **attrs))


def _styled_row(ws, row: int, values: list[Any], style: str) -> None:
    for col, value in enumerate(values, 1):
        ws.cell(row=row, column=col, value=value).style = style


def _annex_sheet(wb: Workbook, table: AnnexTable) -> None:
    """Rows are addressed by a counter: openpyxl's ``max_row`` scans every cell (quadratic)."""
    ws = wb.create_sheet(table.sheet[:31])
    ncol = len(table.columns)
    ws.cell(row=1, column=1, value=table.title).font = Font(name="黑体", size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    _styled_row(ws, 2, table.columns, "gi_head")
    total = sum(table.widths)
    for i, w in enumerate(table.widths):
        ws.column_dimensions[ws.cell(row=2, column=i + 1).column_letter].width = max(6, 130 * w / total)
    r = 2
    for row in table.rows:
        r += 1
        if row.group:
            _styled_row(ws, r, [row.group] + [None] * (ncol - 1), "gi_group")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
            continue
        _styled_row(ws, r, [_value(col, text) for col, text in zip(table.columns, row.cells)],
                    "gi_total" if row.total else "gi_body")
    if table.note:
        ws.cell(row=r + 2, column=1, value=table.note)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"


def render_xlsx(facts: dict[str, Any], annexes: list[AnnexTable], out: Path) -> Path:
    wb = Workbook()
    _add_styles(wb)
    _summary_sheet(wb, facts)
    for table in annexes:
        _annex_sheet(wb, table)
    for ws in wb.worksheets:     # external text never becomes a formula (issue 17)
        make_cells_inert(ws)
    wb.properties.title = facts["title"]
    wb.properties.creator = "govinspect"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
