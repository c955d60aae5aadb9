"""Fuzz: registry CSV/XLSX import — any file ends in parsed rows (with row errors) or RegistryFileError."""
from __future__ import annotations

import io
import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from govinspect.registry.parse_registry import ParsedRegistry, parse_registry_file
from govinspect.registry.registry_errors import RegistryFileError
from govinspect.registry.registry_headers import ACCOUNT_HEADERS, SITE_HEADERS

from .fuzz_bounds import CHINESE, FUZZ, bounded, process_high_water_ok
from .strategies import TEXT, truncated

HEADERS = [names[0] for names in SITE_HEADERS.values()] + [names[0] for names in ACCOUNT_HEADERS.values()]
CELL = TEXT | st.sampled_from(["4212000001", "http://www.xianning.gov.cn/", "是", "否", "微信", "2020-07-17",
                               "=HYPERLINK(\"x\")", "", "４２１２０００００１", "www.a.gov.cn"])
_counter = itertools.count()


@st.composite
def table(draw: st.DrawFn) -> list[list[object]]:
    header = draw(st.lists(st.sampled_from(HEADERS) | TEXT, min_size=0, max_size=10))
    rows = draw(st.lists(st.lists(CELL | st.integers() | st.floats(allow_nan=False) | st.none(), max_size=12),
                         max_size=15))
    return [header, *rows]


def _csv_bytes(rows: list[list[object]], encoding: str, sep: str) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    return buf.getvalue().encode(encoding, errors="replace")


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    for row in rows:     # what Excel can hold: no control characters, no lone surrogates
        wb.active.append([ILLEGAL_CHARACTERS_RE.sub("", c).encode("utf-8", "ignore").decode()
                          if isinstance(c, str) else c for c in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _parse(tmp: Path, data: bytes, suffix: str) -> None:
    path = tmp / f"名录{next(_counter)}{suffix}"
    path.write_bytes(data)
    value, error = bounded(parse_registry_file, path, known=(RegistryFileError,))
    assert isinstance(value, ParsedRegistry) or isinstance(error, RegistryFileError)
    if value is not None:                      # a row that was not taken says why, in Chinese
        assert all(CHINESE.search(e.reason) for e in value.errors)


@FUZZ
@given(rows=table(), encoding=st.sampled_from(["utf-8-sig", "utf-8", "gb18030", "utf-16", "latin-1"]),
       sep=st.sampled_from([",", "\t", ";"]), suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx"]))
def test_any_csv_table_is_read_or_refused_in_chinese(tmp_path_factory, rows, encoding, sep, suffix) -> None:
    _parse(tmp_path_factory.mktemp("csv"), _csv_bytes(rows, encoding, sep), suffix)


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".csv", ".xlsx", ".tsv"]))
def test_random_bytes_as_a_registry(tmp_path_factory, data, suffix) -> None:
    _parse(tmp_path_factory.mktemp("bin"), data, suffix)


@FUZZ
@given(rows=table(), cut=st.data())
def test_any_xlsx_table_whole_or_truncated(tmp_path_factory, rows, cut) -> None:
    data = _xlsx_bytes(rows)
    if cut.draw(st.booleans()):
        data = cut.draw(truncated(data))
    _parse(tmp_path_factory.mktemp("xlsx"), data, ".xlsx")
    process_high_water_ok()


def test_found_by_fuzzing_bare_cr_and_a_huge_cell(tmp_path: Path) -> None:
    """Were `_csv.Error` tracebacks (内部错误): a bare CR in a CSV, a cell over the csv field limit."""
    (tmp_path / "cr.csv").write_bytes("网站标识码,网站名称,首页地址\r4212000001,咸宁,http://a.gov.cn/\r\x01".encode())
    parsed = parse_registry_file(tmp_path / "cr.csv")
    assert [s.site_code for s in parsed.sites] == ["4212000001"]
    (tmp_path / "big.csv").write_text("网站标识码,网站名称,首页地址\n4212000001,\"" + "长" * 200_000 + "\",x\n",
                                      encoding="utf-8")
    value, error = bounded(parse_registry_file, tmp_path / "big.csv", known=(RegistryFileError,))
    assert value is not None or "第2行" in str(error)
