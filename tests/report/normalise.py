"""Format-independent text views of rendered reports, for golden comparisons (no timestamps, no bytes)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html
from docx import Document
from openpyxl import load_workbook

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p"))


def docx_view(path: Path) -> str:
    lines = []
    for el in Document(str(path)).element.body:
        if el.tag == f"{W}p":
            text = "".join(t.text or "" for t in el.iter(f"{W}t"))
            if text:
                fonts = {f.get(f"{W}eastAsia") for f in el.iter(f"{W}rFonts")}
                lines.append(f"[{'/'.join(sorted(f for f in fonts if f))}] {text}")
        elif el.tag == f"{W}tbl":
            for tr in el.iter(f"{W}tr"):
                lines.append("| " + " | ".join(_cell_text(tc).replace("\n", "⏎") for tc in tr.iter(f"{W}tc")))
    return "\n".join(lines) + "\n"


def xlsx_view(path: Path) -> str:
    wb = load_workbook(path)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}")
        for row in ws.iter_rows(values_only=True):
            if any(v is not None for v in row):
                lines.append(" | ".join("" if v is None else str(v).replace("\n", "⏎") for v in row))
    return "\n".join(lines) + "\n"


def html_view(path: Path) -> str:
    root = lxml.html.fromstring(path.read_bytes())
    lines = []
    for el in root.iter("p", "h2", "h3", "tr", "title"):
        if el.tag == "tr":
            lines.append("| " + " | ".join(c.text_content().replace("\n", "⏎") for c in el.iter("td", "th")))
        else:
            lines.append(f"<{el.tag} {el.get('class', '')}> {el.text_content()}")
    return "\n".join(lines) + "\n"


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")[:-1]]


def pdf_view(path: Path) -> str:
    """Per page, its first line of text and its characters sorted: text extraction order follows the
    layout (column wraps), the content does not."""
    pages = pdf_pages(path)
    return "".join(f"=== page {i}: {p[:20]}\n{''.join(sorted(p))}\n" for i, p in enumerate(pages, 1))
