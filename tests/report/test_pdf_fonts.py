"""No tofu: without a CJK font (fontconfig pointed at an empty or Latin-only configuration in a
subprocess) `govinspect report --format pdf` refuses with the Chinese fix and writes no PDF; without
WeasyPrint it names the right extra in one line; with the fonts installed every printed character has a
glyph in a CJK font."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinspect.report.pdf_fonts import (
    PdfSetupError,
    check_glyphs,
    css_font_stacks,
    is_cjk_font,
    print_template,
)

from .conftest import CURRENT

EMPTY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""
LATIN_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def _report(tmp_path: Path, conf: str | None, *preamble: str) -> tuple[subprocess.CompletedProcess, Path]:
    env = dict(os.environ, COLUMNS="200")
    if conf is not None:
        (tmp_path / "fonts.conf").write_text(conf.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(tmp_path / "fonts.conf")
    out = tmp_path / "out"
    argv = ["govinspect", "report", str(CURRENT), "--format", "docx,pdf", "--out", str(out)]
    code = ";".join([*preamble, "import sys", "from govinspect.cli import main", f"sys.argv = {argv!r}", "main()"])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                          check=False)
    return proc, out


@pytest.mark.parametrize("conf", [EMPTY, LATIN_ONLY], ids=["no-fonts", "latin-only"])
def test_no_cjk_font_refuses_and_writes_nothing(tmp_path: Path, conf: str) -> None:
    proc, out = _report(tmp_path, conf)
    assert proc.returncode != 0
    message = " ".join(proc.stderr.split())
    assert "未生成 PDF：本机没有可显示中文的字体" in message, proc.stderr
    assert "bash scripts/install_fonts.sh" in message and "fonts-noto-cjk" in message
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
    assert not list(out.glob("*.pdf")) if out.exists() else True
    assert not out.exists() or not any(out.iterdir()), "nothing is written when the PDF is refused"


def test_missing_weasyprint_is_one_line_with_the_extra(tmp_path: Path) -> None:
    proc, out = _report(tmp_path, None, "import sys", "sys.modules['weasyprint'] = None")
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines == ["错误：未生成 PDF：缺少 WeasyPrint，请运行 pip install 'govinspect[pdf]' 后重试"], proc.stderr
    assert not out.exists()


def test_every_character_has_a_glyph_in_a_cjk_font() -> None:
    used = check_glyphs(["咸宁市人民政府门户网站，〔2019〕19号；“先备案、再开设”——合格率97.1%"])
    stacks = css_font_stacks(print_template())
    assert used and all(is_cjk_font(family, stacks) for family in used), used


def test_a_character_no_font_has_is_refused() -> None:
    with pytest.raises(PdfSetupError, match="本机字体缺少部分字符的字形.*\U00017000"):
        check_glyphs(["正常文字\U00017000"])       # a Tangut character: no font here draws it
