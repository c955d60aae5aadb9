"""PDF output: the docx through LibreOffice headless and the WeasyPrint PDF, rendered to PNG with
pdftoppm and checked with pdffonts: every font is an embedded CJK font, none is a Latin-only fallback,
and every character printed is covered by the font chain the stylesheet names."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from . import normalise

CJK_FONT = re.compile(r"Fandol|NotoSerifCJK|NotoSansCJK|Noto-S[ae]\w*-CJK|SourceHan|AR-?PL|WenQuanYi|gkai|gbsn", re.IGNORECASE)
LATIN_ONLY = re.compile(r"DejaVu|Liberation|Arial|Helvetica|Times|Courier|Symbol|OpenSymbol|Carlito|Caladea", re.IGNORECASE)
PNG_DIR = Path("/tmp/govinspect-report-png")    # kept after the run for a human look



@pytest.fixture(autouse=True, scope="module")
def _system_tools() -> None:
    """CI installs LibreOffice and poppler-utils (scripts/test.sh): their absence is a failure, not a skip."""
    missing = [t for t in ("soffice", "pdftoppm", "pdffonts", "fc-match") if not shutil.which(t)]
    if missing:
        pytest.fail(f"missing system tools {missing} (apt-get install libreoffice poppler-utils fontconfig)")


def pdffonts(pdf: Path) -> list[tuple[str, bool]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        emb = parts[-5] if len(parts) >= 6 else "no"
        rows.append((parts[0], emb == "yes"))
    return rows


def assert_cjk_fonts_only(pdf: Path) -> list[str]:
    fonts = pdffonts(pdf)
    assert fonts, f"{pdf.name}: no fonts"
    names = [n for n, _ in fonts]
    assert not [n for n in names if LATIN_ONLY.search(n)], f"Latin-only fallback fonts in {pdf.name}: {names}"
    assert all(CJK_FONT.search(n) for n in names), f"non-CJK fonts in {pdf.name}: {names}"
    assert all(emb for _, emb in fonts), f"fonts not embedded in {pdf.name}: {fonts}"
    return names


def to_png(pdf: Path, name: str) -> list[Path]:
    target = PNG_DIR / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(target / "page")], check=True, timeout=120)
    pngs = sorted(target.glob("page-*.png"))
    for png in pngs:
        with Image.open(png) as im:
            grey = im.convert("L")
            dark = sum(grey.histogram()[:128])
            assert dark > 500, f"{png.name} looks blank"
    return pngs


@pytest.fixture(scope="module")
def libreoffice_pdf(rendered, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("soffice")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(work), str(rendered["docx"])],
                   check=True, capture_output=True, timeout=180)
    pdf = work / (rendered["docx"].stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def test_docx_through_libreoffice_renders_with_cjk_fonts(libreoffice_pdf):
    names = assert_cjk_fonts_only(libreoffice_pdf)
    assert any("FandolFang" in n for n in names), f"仿宋_GB2312 did not resolve to FandolFang: {names}"
    pngs = to_png(libreoffice_pdf, "docx-libreoffice")
    pages = normalise.pdf_pages(libreoffice_pdf)
    assert len(pngs) == len(pages) >= 8
    assert "关于2020年第三季度全市政府网站和政务新媒体抽查情况的通报" in pages[0]
    assert "—1—" in pages[0] and f"—{len(pages)}—" in pages[-1]         # footer page numbers
    annex = next(p for p in pages if p.startswith("附件1"))
    assert "抽查发现的突出问题" in annex and "单项否决" in "".join(pages)


def test_weasyprint_pdf_renders_with_cjk_fonts(rendered):
    names = assert_cjk_fonts_only(rendered["pdf"])
    assert {"FandolFang", "FandolHei", "FandolKai"} <= {re.sub(r"^[A-Z]{6}\+", "", n).split("-")[0] for n in names}
    pngs = to_png(rendered["pdf"], "weasyprint")
    pages = normalise.pdf_pages(rendered["pdf"])
    assert len(pngs) == len(pages) and "—1—" in pages[0]


def _font_file(family: str) -> str:
    return subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout


def test_no_character_lacks_a_glyph_in_the_font_chain(rendered):
    """Body text is 仿宋 (FandolFang, GB2312 only) with Noto Serif CJK as the stylesheet's fallback."""
    cmaps = []
    for family in ("FandolFang", "Noto Serif CJK SC"):
        path = _font_file(family)
        font = TTFont(path, fontNumber=0, lazy=True) if path.endswith(".ttc") else TTFont(path, lazy=True)
        cmaps.append(set(font.getBestCmap()))
    text = normalise.html_view(rendered["html"])
    missing = sorted({ch for ch in text if not ch.isspace() and ch != "⏎" and not any(ord(ch) in c for c in cmaps)})
    assert not missing, f"characters without a glyph: {missing}"
