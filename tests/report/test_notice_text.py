"""Every sentence of the notice is Chinese an inspector would sign, in all four formats.

The text of the docx (paragraphs and table cells), the xlsx (every cell and sheet name), the html (the
page text) and the pdf (pdftotext) of two notices — the demo city's, scanned for real on loopback exactly
as `govinspect demo` does, and a generated 500-site / 5,000-account result — is scanned for:

- Latin words outside URLs and domain names (internal ids, enum values, artifact names such as columns or
  service_guides, exception names). Allowed: the terms the real notices print (seeds 000/004: ICP, ipv6,
  H5) and the national rule texts (IPv6, HTTPS);
- a word repeated back to back ("门户网站网站");
- "未能检测：" prefixes (the reason is worded once, by report/not_assessed_reasons.py) and instructions
  to staff ("需人工", "请人工").
"""
from __future__ import annotations

import asyncio
import importlib.util
import re
import subprocess
from pathlib import Path

import lxml.html
import pytest
from docx import Document
from openpyxl import load_workbook

from govinspect.report.render_report import render_report

from .test_pdf_render import assert_cjk_fonts_only

ALLOWED_LATIN = {"ICP", "IPv6", "ipv6", "HTTPS", "H5"}
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
                 r"|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:gov\.cn|com\.cn|org\.cn|cn|com|net|org)"
                 r"(?::\d+)?(?:/[A-Za-z0-9\-._~/?#=&%]*)?")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# a CJK word of 2–6 characters twice in a row; 人人/常常-style reduplication of one character is not checked
REPEATED = re.compile(r"([\u4e00-\u9fff]{2,6})\1")
FORBIDDEN = ("未能检测：", "未能检测:", "需人工", "请人工", "内部错误", "Traceback")


def latin_words(text: str) -> list[str]:
    return [w for w in LATIN_WORD.findall(URL.sub(" ", text)) if w not in ALLOWED_LATIN]


def text_problems(fmt: str, units: list[str]) -> list[str]:
    """Problems in a format's text units (a paragraph, a cell, a pdf line)."""
    problems = []
    joined = "".join(units) if fmt == "pdf" else "\n".join(units)   # pdf: URLs wrap across lines
    words = sorted(set(latin_words(joined)))
    if words:
        problems.append(f"{fmt}: Latin words {words[:20]}")
    for unit in units:
        for found in REPEATED.finditer(unit):
            problems.append(f"{fmt}: repeated “{found.group(1)}” in “{unit[max(0, found.start() - 15):found.end() + 15]}”")
        for bad in FORBIDDEN:
            if bad in unit:
                problems.append(f"{fmt}: “{bad}” in “{unit[:80]}”")
    return problems


def docx_units(path: Path) -> list[str]:
    doc = Document(str(path))
    units = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            units += [cell.text for cell in row.cells]
    return [u for u in units if u.strip()]


def xlsx_units(path: Path) -> list[str]:
    book = load_workbook(path, read_only=True)
    units = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            units += [str(v) for v in row if isinstance(v, str) and v.strip()]
    return units


def html_units(path: Path) -> list[str]:
    root = lxml.html.fromstring(path.read_bytes())
    for junk in root.xpath("//style|//script|//title"):
        junk.drop_tree()
    return [t.strip() for t in root.xpath("//body//text()") if t.strip()]


def pdf_units(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


EXTRACT = {"docx": docx_units, "xlsx": xlsx_units, "html": html_units, "pdf": pdf_units}


def notice_problems(paths: list[Path]) -> list[str]:
    problems = []
    for path in paths:
        fmt = path.suffix.lstrip(".")
        units = EXTRACT[fmt](path)
        assert len("".join(units)) > 500, f"{path.name}: too little text extracted"
        problems += text_problems(fmt, units)
    return problems


# --- the checker can fail -------------------------------------------------------------------------

@pytest.mark.parametrize(("unit", "expected"), [
    ("咸宁市人民政府门户网站网站存在空白栏目", "repeated “网站”"),
    ("未能检测：未能检测：缺少采集数据（columns）", "Latin words ['columns']"),
    ("订阅源 XML 格式错误（SAXParseException），需人工查看账号", "Latin words ['SAXParseException', 'XML']"),
    ("缺少采集数据（homepage_items, service_guides）", "Latin words ['homepage_items', 'service_guides']"),
    ("未能检测：订阅源访问超时", "“未能检测：”"),
])
def test_the_checker_catches_what_the_issue_found(unit: str, expected: str) -> None:
    assert any(expected in p for p in text_problems("docx", [unit])), text_problems("docx", [unit])


def test_urls_and_the_seeds_terms_are_allowed() -> None:
    units = ["办事指南要素不全：http://www.xianning.gov.cn:41677/bsfw/bszn/202005/t20200518_2300002.html；共扣1分。",
             "未在全站页面底部功能区清晰列明ICP备案编号", "网站未支持IPv6访问", "网站未启用HTTPS安全访问",
             "zwfw.yichang.gov.cn", "合格", "合格"]
    assert text_problems("docx", units) == []
    # a pdf line break inside a URL does not leave its tail as Latin words
    assert text_problems("pdf", ["要素不全：http://www.xianning.gov.cn:41677/bsfw/", "202005/t20200518_2300002.html；共扣1分。"]) == []


# --- the real notices ------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_demo_notice_is_signable_in_every_format(tmp_path: Path) -> None:
    """The demo city scanned as `govinspect demo` scans it, then its 通报 in all four formats."""
    from govinspect.demo.run_demo import run_demo
    from govinspect.settings import Settings

    outcome = asyncio.run(run_demo(Settings(workspace=tmp_path, quiet=True), tmp_path / "demo", sites=6,
                                   pages_per_site=60, accounts=20, seed=7))
    paths = [Path(p) for p in outcome["files"] if Path(p).suffix in (".docx", ".xlsx", ".html", ".pdf")]
    assert sorted(p.suffix for p in paths) == [".docx", ".html", ".pdf", ".xlsx"], outcome["notes"]
    result = outcome["result"]
    assert any(s["result"] == "未能检测" for s in result["sites"]), "the demo has a blocked site"
    assert any(a["result"] == "未能检测" for a in result["accounts"]), "the demo has unreadable feeds"
    assert notice_problems(paths) == []
    assert_cjk_fonts_only(next(p for p in paths if p.suffix == ".pdf"))     # pdffonts: embedded CJK fonts only


def _large_result() -> dict:
    path = Path(__file__).parents[2] / "bench" / "report" / "make_large_result.py"
    spec = importlib.util.spec_from_file_location("make_large_result", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.large_result(500, 5000)


@pytest.mark.slow
def test_a_500_site_notice_is_signable_in_every_format(tmp_path: Path) -> None:
    paths = render_report(_large_result(), "docx,xlsx,html,pdf", tmp_path, {"date": "2020-07-29"})
    assert notice_problems(paths) == []
