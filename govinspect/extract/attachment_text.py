"""Text of an attachment (docx, xlsx, xls, pdf; wps/et when they are really one of those) as lines — table rows
with tab-joined cells — read within bounds: characters, rows and seconds per file. The format is taken from
the bytes (a .wps that is a zip is read as docx), never from the extension alone.

PDF reader chosen by measurement (docs/checks.md, bench/attachments/measure_pdf_readers.py): pypdf reads the
same characters as pdfminer.six on our CJK and English samples and is 2–17× faster.
"""
from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass, field

MAX_CHARS = 2_000_000          # text kept per file
MAX_ROWS = 50_000              # spreadsheet rows per file
MAX_UNZIPPED = 200 * 1024 * 1024   # zip bomb guard for docx/xlsx
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


@dataclass
class AttachmentText:
    lines: list[str] = field(default_factory=list)
    outcome: str = "read"      # read | truncated | timeout | unsupported | unreadable | no_text
    detail: str = ""
    chars: int = 0


class _Budget:
    def __init__(self, seconds: float):
        self.deadline = time.perf_counter() + seconds
        self.chars = 0

    def over_time(self) -> bool:
        return time.perf_counter() > self.deadline

    def add(self, out: AttachmentText, line: str) -> bool:
        """Keeps the line; False when the character bound is reached."""
        if self.chars + len(line) > MAX_CHARS:
            out.outcome, out.detail = "truncated", f"文本超过 {MAX_CHARS} 字，其后未读"
            return False
        self.chars += len(line)
        out.lines.append(line)
        return True


def sniff(data: bytes) -> str:
    """docx | xlsx | pdf | ole | zip | unknown, from the bytes."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "unknown"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    return "unknown"


def attachment_text(data: bytes, seconds: float = 10.0) -> AttachmentText:
    """The text of ``data``; never raises: an unreadable or unsupported file says so in ``outcome``."""
    out = AttachmentText()
    kind = sniff(data)
    budget = _Budget(seconds)
    readers = {"docx": _docx, "xlsx": _xlsx, "pdf": _pdf, "ole": _xls}
    reader = readers.get(kind)
    if reader is None:
        out.outcome, out.detail = "unsupported", "无法识别的文件格式（仅读取 docx/xlsx/xls/pdf 及同格式的 wps/et）"
        return out
    if kind in ("docx", "xlsx") and _unzipped_size(data) > MAX_UNZIPPED:
        out.outcome, out.detail = "too_large", f"解压后超过 {MAX_UNZIPPED // 1024 // 1024} MB"
        return out
    try:
        reader(data, out, budget)
    except Exception as exc:    # noqa: BLE001 - a broken file is recorded, never raised
        out.outcome, out.detail = "unreadable", f"文件无法解析：{type(exc).__name__}"[:200]
    if out.outcome == "read" and budget.over_time():
        out.outcome, out.detail = "timeout", f"读取超过 {seconds:g} 秒，其后未读"
    out.chars = budget.chars
    if out.outcome == "read" and not any(line.strip() for line in out.lines):
        out.outcome, out.detail = "no_text", "无文本层（可能是扫描件），未能读取"
    return out


def _unzipped_size(data: bytes) -> int:
    try:
        return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        return 0


def _docx(data: bytes, out: AttachmentText, budget: _Budget) -> None:
    from docx import Document

    doc = Document(io.BytesIO(data))
    for p in doc.paragraphs:
        if budget.over_time() or not budget.add(out, p.text):
            return
    for table in doc.tables:
        for row in table.rows:
            if budget.over_time() or not budget.add(out, "\t".join(c.text.strip() for c in row.cells)):
                return


def _xlsx(data: bytes, out: AttachmentText, budget: _Budget) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                rows += 1
                if rows > MAX_ROWS:
                    out.outcome, out.detail = "truncated", f"超过 {MAX_ROWS} 行，其后未读"
                    return
                line = "\t".join("" if v is None else _cell(v) for v in row).rstrip("\t")
                if budget.over_time() or not budget.add(out, line):
                    return
    finally:
        wb.close()


def _cell(value: object) -> str:
    # a number typed into a cell as a number: 4.2120219850314e+17 would hide it; print integers whole
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xls(data: bytes, out: AttachmentText, budget: _Budget) -> None:
    try:
        import xlrd
    except ImportError:
        out.outcome, out.detail = "unsupported", "未安装 xlrd，无法读取 xls/et 文件"
        return
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.XLRDError as exc:    # an OLE file that is no workbook: a .doc or .wps (Word 97)
        out.outcome, out.detail = "unsupported", f"不是 Excel 工作簿（doc/wps 旧格式无可用的读取库）：{exc}"[:200]
        return
    rows = 0
    for sheet in book.sheets():
        for r in range(sheet.nrows):
            rows += 1
            if rows > MAX_ROWS:
                out.outcome, out.detail = "truncated", f"超过 {MAX_ROWS} 行，其后未读"
                return
            line = "\t".join(_cell(v) for v in sheet.row_values(r)).rstrip("\t")
            if budget.over_time() or not budget.add(out, line):
                return


def _pdf(data: bytes, out: AttachmentText, budget: _Budget) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        if budget.over_time():
            return
        for line in (page.extract_text() or "").split("\n"):
            if not budget.add(out, line):
                return
