"""Reads registry spreadsheets: CSV in any encoding Excel writes (UTF-8 with BOM, GBK, UTF-16) and XLSX."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from govinspect.registry.registry_errors import RegistryFileError

_CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"    # the old binary .xls


def _decode_csv(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for enc in _CSV_ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise RegistryFileError("无法识别文件编码（支持 UTF-8、GBK/GB18030、UTF-16）")


def clean_cell(value: object) -> str:
    """Cells as text, with full-width and non-breaking spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "")
    return text.strip()


def read_rows(path: Path) -> list[list[str]]:
    """All rows as lists of cleaned strings; row 1 is the header (numbers match the spreadsheet)."""
    if not path.exists():
        raise RegistryFileError(f"文件不存在：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if zipfile.is_zipfile(path):
            return _read_xlsx(path)
        raw = path.read_bytes()
        if raw.startswith(_OLE_MAGIC):
            raise RegistryFileError("这是旧版 Excel（.xls）文件，只是扩展名为 .xlsx：请在 Excel/WPS 中另存为 .xlsx 或 CSV")
        try:     # a CSV renamed to .xlsx (a common export): read it as what it is
            return _csv_rows(_decode_csv(raw), suffix)
        except RegistryFileError:
            raise RegistryFileError("文件扩展名为 .xlsx，但既不是 Excel 文件也不是文本表格：请在 Excel/WPS 中另存为 .xlsx 或 CSV"
                                    ) from None
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(_decode_csv(path.read_bytes()), suffix)
    raise RegistryFileError(f"不支持的文件类型“{path.suffix}”：请使用 CSV 或 XLSX")


def _csv_rows(text: str, suffix: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    if "\x00" in text:
        raise RegistryFileError("文件含二进制内容，不是文本表格")
    dialect = "excel-tab" if suffix == ".tsv" or ("\t" in first and "," not in first) else "excel"
    # newline="": a bare CR (old Mac / hand-edited files) ends a row instead of breaking the reader
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        return [[clean_cell(c) for c in row] for row in reader]
    except csv.Error as exc:    # e.g. a cell over the csv module's 128 KB field limit
        raise RegistryFileError(f"第{reader.line_num}行无法按表格读取（{exc}）：请在 Excel/WPS 中检查后另存为 CSV 或 XLSX"
                                ) from None


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on corrupt files
        raise RegistryFileError(f"无法读取 Excel 文件：{exc}") from exc
    try:
        ws = wb.worksheets[0]
        return [[clean_cell(c) for c in row] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
