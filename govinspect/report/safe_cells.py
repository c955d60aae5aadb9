"""Cells from external text stay text (OWASP "CSV injection"): a site name, page title, location or
message that begins with = + - @ tab or CR must never become a live formula in the 通报's workbook.

Why this way, not a leading apostrophe in the value: in an .xlsx the cell type is stored, so a text cell
(``t="s"``) is never evaluated. openpyxl, however, turns any string starting with ``=`` into a formula
cell (and ``#N/A``-like strings into error cells), so we force such cells back to text. The value is kept
exactly as the site published it (the notice quotes it; an added apostrophe would be a misquote), and the
cell gets Excel's ``quotePrefix`` — the hidden apostrophe Excel itself sets for typed-in text — so a
reviewer who edits the cell and presses Enter still gets text, not a formula.

A CSV has no cell types, so there the OWASP rule applies as written: prefix the risky value with ``'``.
Numbers we compute are never touched (only ``str`` values are inspected).
"""
from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import TYPE_ERROR, TYPE_FORMULA, TYPE_STRING

RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(RISKY_PREFIXES)


def make_cells_inert(ws: Any) -> int:
    """Turns every text-derived formula/error cell of the worksheet back into text and marks every risky
    text cell quotePrefix. Returns how many cells it touched. The renderer writes no formulas of its own,
    so any formula cell here came from text."""
    touched = 0
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if not isinstance(value, str):
                continue
            if cell.data_type in (TYPE_FORMULA, TYPE_ERROR):
                cell.data_type = TYPE_STRING
            elif not value.startswith(RISKY_PREFIXES):
                continue
            cell.quotePrefix = True
            touched += 1
    return touched


def csv_safe(value: Any) -> Any:
    """One CSV field: a risky string gets a leading apostrophe (OWASP); anything else is returned as is."""
    return "'" + value if is_risky(value) else value
