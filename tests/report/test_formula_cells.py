"""Issue 17: text from crawled sites or the registry never becomes a live formula in the xlsx notice.
Each OWASP prefix goes through site names, organizers, titles (evidence), locations and messages of a
result JSON; the workbook read back has no formula or error cell, every payload is kept verbatim as text
with Excel's quotePrefix, and the scores we compute are still numbers."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from openpyxl import load_workbook

from govinspect.report.render_report import render_report
from govinspect.report.safe_cells import RISKY_PREFIXES, csv_safe, is_risky

FIXTURE = Path(__file__).parent / "fixtures" / "result_2020q3.json"
PAYLOADS = ['=HYPERLINK("http://evil.example/","点击")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1+1", "#N/A"]
assert {p[0] for p in PAYLOADS} >= set(RISKY_PREFIXES)


def _poisoned() -> tuple[dict, set[str]]:
    """The fixture result with a payload in every external text field; returns the payloads used."""
    result = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    used: set[str] = set()
    k = 0

    def payload(tag: str) -> str:
        nonlocal k
        k += 1
        text = PAYLOADS[k % len(PAYLOADS)] + tag
        used.add(text)
        return text

    for i, site in enumerate(result["sites"]):
        site["name"] = payload(f"网站{i}")
        site["organizer"] = payload(f"主办{i}")
        if site["result"] == "未能检测":
            site["not_assessed_reason"] = payload(f"原因{i}")
        for j, f in enumerate(site["findings"]):
            f["subject"] = f["location"] = payload(f"位置{i}-{j}")
            f["message"] = payload(f"说明{i}-{j}")
            f["evidence"] = {**f["evidence"], "title": payload(f"标题{i}-{j}")}
    for i, account in enumerate(result["accounts"]):
        account["name"] = payload(f"账号{i}")
        account["organizer"] = payload(f"账号主办{i}")
        for j, f in enumerate(account["findings"]):
            f["subject"] = f["location"] = payload(f"账号位置{i}-{j}")
    return result, used


def test_no_cell_of_the_xlsx_is_a_formula_and_every_payload_is_kept_as_text(tmp_path: Path) -> None:
    result, used = _poisoned()
    (path,) = render_report(result, ["xlsx"], tmp_path, {"annexes": (
        "scores", "register", "serious", "account_stats", "account_list", "account_exceptions", "not_assessed")})
    wb = load_workbook(path)
    seen: set[str] = set()
    numbers = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (ws.title, cell.coordinate, cell.value)
                if is_risky(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen |= {p for p in used if p in cell.value}
                if ws.title != "汇总" and cell.data_type == "n" and isinstance(cell.value, (int, float)):
                    numbers += 1
    # site names (得分表, 统计表), organizers, locations, accounts all reach the workbook verbatim
    assert any("网站" in p for p in seen) and any("位置" in p for p in seen) and any("账号" in p for p in seen)
    assert len(seen) >= 40, sorted(seen)
    # the numbers we compute (序号, 得分, counts) stay numbers
    assert numbers >= 50
    scores = wb.worksheets[1]
    assert any(isinstance(c.value, float | int) and c.data_type == "n" for c in scores["A"][2:])


def test_the_reported_probe_is_text_in_both_site_tables(tmp_path: Path) -> None:
    """The exact probe of the issue: a site named =HYPERLINK(…) in 网站得分表 and 网站统计表."""
    result = json.loads(FIXTURE.read_text(encoding="utf-8"))
    probe = '=HYPERLINK("http://evil.example/","点击")'
    result["sites"][0]["name"] = probe
    result["sites"][1]["name"] = "#N/A"          # openpyxl would store this as an error cell
    (path,) = render_report(result, ["xlsx"], tmp_path, {})
    wb = load_workbook(path)
    for name in (probe, "#N/A"):
        hits = [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == name]
        assert len({title for title, _ in hits}) >= 2, (name, [t for t, _ in hits])
        assert all(c.data_type == "s" and c.quotePrefix for _, c in hits)


def test_csv_fields_get_the_owasp_apostrophe_and_numbers_pass() -> None:
    for p in PAYLOADS[:-1]:
        assert csv_safe(p) == "'" + p
    assert csv_safe("咸宁市人民政府") == "咸宁市人民政府"
    assert csv_safe(-3) == -3 and csv_safe(96.5) == 96.5
