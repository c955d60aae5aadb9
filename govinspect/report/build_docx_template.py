"""Generates templates/notice.docx (the docxtpl template users may edit in Word/WPS) from
templates/notice_body.j2, in the 公文 layout of GB/T 9704.

    python -m govinspect.report.build_docx_template [OUT.docx]

Page: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 仿宋_GB2312 16 pt at 28.95 pt
exact spacing; title 方正小标宋简体 22 pt; 一、 headings 黑体; （一） lead-ins 楷体_GB2312; page number
"— 1 —" centred in the footer.
"""
from __future__ import annotations

import re
import sys
from itertools import pairwise
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from govinspect.report import docx_xml as X
from govinspect.report.notice_prose import template_source

TEMPLATE_PATH = Path(__file__).parent / "templates" / "notice.docx"
INDENT = 2 * X.CHAR_TWIPS
ANNEX_MARK = "{{ annex_marker }}"    # render_docx.py replaces this paragraph with the annexes

# style -> (paragraph format, run font, size)
STYLE_FORMAT = {
    "title": ({"align": "center", "line": 700, "after": X.LINE_EXACT_TWIPS, "font": "title", "size_pt": 22}, "title", 22),
    "addressee": ({"align": "both"}, "body", 16),
    "body": ({"first_line": INDENT}, "body", 16),
    "h1": ({"first_line": INDENT, "keep_next": True}, "hei", 16),
    "h2": ({"first_line": INDENT}, "body", 16),
    "annex": ({"first_line": INDENT, "before": X.LINE_EXACT_TWIPS}, "body", 16),
    "annex2": ({"left": INDENT + 3 * X.CHAR_TWIPS}, "body", 16),
    # 发文机关署名 centred over the date, the date 右空四字 (GB/T 9704 7.3.5): both centred on a tab stop
    # half a typical date's width (7 characters) left of the point four characters from the margin
    "sig": ({"align": "left", "center_tab": X.TEXT_WIDTH_TWIPS - 4 * X.CHAR_TWIPS - 7 * X.CHAR_TWIPS // 2},
            "body", 16),
}


def _paragraph_xml(style: str, text: str, keep_next: bool = False) -> str:
    fmt, font, size = STYLE_FORMAT[style]
    fmt = {**fmt, "keep_next": fmt.get("keep_next", False) or keep_next, "keep_lines": keep_next}
    if style == "h2":
        lead, _, rest = text.partition("||")
        runs = X.run(lead, "kai", size, raw=True) + X.run(rest, "body", size, raw=True)
    elif style == "sig":
        runs = X.tab_run(font, size) + X.run(text, font, size, raw=True)
    else:
        runs = X.run(text, font, size, raw=True)
    return X.paragraph(runs, **fmt)


CLOSING = ("annex", "annex2", "sig")


def template_paragraphs(source: str) -> list[str]:
    """notice_body.j2 lines → WordprocessingML paragraphs, control lines as docxtpl ``{%p %}``.

    The closing block (the last paragraph of text, the 附件 list, 署名 and date) is kept on one page
    (keepNext/keepLines), so the signature never stands alone on a page (GB/T 9704 7.3.5)."""
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.DOTALL)
    lines: list[tuple[str, str]] = []           # ("control", tag) or (style, text)
    for line in source.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("{%") and line.endswith("%}") and line.count("{%") == 1:
            lines.append(("control", line))
        else:
            style, _, text = line.partition("|")
            lines.append((style, text))
    content = [i for i, (style, _) in enumerate(lines) if style != "control"]
    keep = {before for before, after in pairwise(content) if lines[after][0] in CLOSING}
    last_sig = max((i for i in content if lines[i][0] == "sig"), default=-1)
    keep |= {i for i in content if lines[i][0] in CLOSING and i != last_sig}
    out: list[str] = []
    first_sig = True
    for i, (style, text) in enumerate(lines):
        if style == "control":
            out.append(X.paragraph(X.run("{%p " + text[2:].lstrip(), raw=True)))
            continue
        if style == "sig" and first_sig:        # 署名 two blank lines below the text
            out += [X.paragraph("", keep_next=True), X.paragraph("", keep_next=True)]
            first_sig = False
        out.append(_paragraph_xml(style, text, keep_next=i in keep))
    out.append(X.paragraph(X.run(ANNEX_MARK, raw=True)))
    return out


def _set_default_fonts(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = X.FONTS["body"]
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), X.FONTS["body"])


def build_template(path: Path = TEMPLATE_PATH) -> Path:
    doc = Document()
    _set_default_fonts(doc)
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    footer = section.footer
    footer.paragraphs[0]._p.getparent().remove(footer.paragraphs[0]._p)
    footer._element.append(X.element(
        f'<w:p>{X.ppr(align="center", line=240, rule="auto", font="song", size_pt=14)}'
        f'{X.page_number_footer_runs()}</w:p>'))
    body = doc.element.body
    sect_pr = body[-1]
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    for xml in template_paragraphs(template_source()):
        sect_pr.addprevious(X.element(xml))
    doc.core_properties.title = "政府网站与政务新媒体抽查情况通报（模板）"
    doc.core_properties.author = "govinspect"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH))
