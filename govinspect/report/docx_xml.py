"""WordprocessingML fragments for the 公文 layout (GB/T 9704), written as XML text.

python-docx sets only the Latin font of a run; every run here names its East Asian font too
(``w:eastAsia``), so Word, WPS and LibreOffice all pick the intended 仿宋/黑体/楷体. Tables are built
as one XML string and parsed once: 5,000 rows cost milliseconds instead of python-docx's per-cell API.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# font roles of GB/T 9704 and the names users' Word/WPS know (aliased to free fonts by fontconfig)
FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "hei": "黑体",
    "kai": "楷体_GB2312",
    "song": "宋体",
}
LINE_EXACT_TWIPS = 579          # 28.95 pt exact line spacing: 22 lines on the A4 type area
CHAR_TWIPS = 320                # one 三号 (16 pt) character
TEXT_WIDTH_TWIPS = 8844         # 210 mm − 28 mm − 26 mm


def _half_points(pt: float) -> int:
    return round(pt * 2)


def rpr(font: str, size_pt: float, bold: bool = False) -> str:
    name = FONTS[font]
    sz = _half_points(size_pt)
    return (f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" '
            f'w:hint="eastAsia"/>{"<w:b/>" if bold else ""}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>')


def tab_run(font: str = "body", size_pt: float = 16) -> str:
    return f"<w:r>{rpr(font, size_pt)}<w:tab/></w:r>"


def run(text: str, font: str = "body", size_pt: float = 16, bold: bool = False, raw: bool = False) -> str:
    """One run; ``raw`` keeps Jinja tags of the template unescaped (they contain no XML specials)."""
    body = text if raw else escape(text)
    return f'<w:r>{rpr(font, size_pt, bold)}<w:t xml:space="preserve">{body}</w:t></w:r>'


def ppr(align: str = "both", first_line: int = 0, left: int = 0, right: int = 0, line: int = LINE_EXACT_TWIPS,
        rule: str = "exact", before: int = 0, after: int = 0, keep_next: bool = False,
        page_break_before: bool = False, font: str = "body", size_pt: float = 16, center_tab: int = 0,
        keep_lines: bool = False) -> str:
    """Paragraph properties; widow/orphan control is always on (no single line left alone on a page)."""
    ind = f'<w:ind w:left="{left}" w:right="{right}" w:firstLine="{first_line}"/>'
    tabs = f'<w:tabs><w:tab w:val="center" w:pos="{center_tab}"/></w:tabs>' if center_tab else ""
    return (f'<w:pPr>{"<w:keepNext/>" if keep_next else ""}{"<w:keepLines/>" if keep_lines else ""}'
            f'{"<w:pageBreakBefore/>" if page_break_before else ""}<w:widowControl/>{tabs}<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{rule}"/>{ind}'
            f'<w:jc w:val="{align}"/>{rpr(font, size_pt)}</w:pPr>')


def paragraph(runs: str, **fmt) -> str:
    return f"<w:p>{ppr(**fmt)}{runs}</w:p>"


def page_number_footer_runs() -> str:
    """"— 1 —": a PAGE field between em dashes, 4号 (14 pt) 宋体 as GB/T 9704 prints page numbers."""
    props = rpr("song", 14)
    return (f'<w:r>{props}<w:t xml:space="preserve">— </w:t></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{props}<w:t>1</w:t></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
            f'<w:r>{props}<w:t xml:space="preserve"> —</w:t></w:r>')


def _cell(text: str, width: int, font: str, size_pt: float, align: str, span: int = 1, shade: str = "",
          keep_next: bool = False) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shade_xml = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    paras = "".join(
        paragraph(run(line, font, size_pt) if line else "", align=align, line=300, rule="auto",
                  font=font, size_pt=size_pt, keep_next=keep_next)
        for line in (text.split("\n") or [""]))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{shade_xml}'
            f'<w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>')


def table(columns: list[str], widths: list[float], rows: list[tuple[str, list[str]]], size_pt: float = 10.5,
          wide_columns: frozenset[int] = frozenset(), keep_with_next: bool = False) -> str:
    """A bordered table; ``rows`` are (kind, cells) with kind "data", "group" (one spanning cell) or
    "total". The header row repeats on every page. ``keep_with_next``: the last row stays on the page of
    the paragraph after the table (a note under the table never stands alone on a page)."""
    total = sum(widths)
    tw = [int(TEXT_WIDTH_TWIPS * w / total) for w in widths]
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in tw)
    parts = [(f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
             f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')]
    parts.append('<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>'
                 + "".join(_cell(c, w, "hei", size_pt, "center", shade="E7E6E6") for c, w in zip(columns, tw))
                 + "</w:tr>")
    for n, (kind, cells) in enumerate(rows):
        keep = keep_with_next and n == len(rows) - 1
        if kind == "group":
            parts.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                         + _cell(cells[0], sum(tw), "hei", size_pt, "left", span=len(tw), shade="F2F2F2") + "</w:tr>")
            continue
        font = "hei" if kind == "total" else "body"
        parts.append(('<w:tr><w:trPr><w:cantSplit/></w:trPr>' if keep else '<w:tr>') + "".join(
            _cell(c, w, font, size_pt, "left" if i in wide_columns else "center", keep_next=keep)
            for i, (c, w) in enumerate(zip(cells, tw))) + "</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def qn_p() -> str:
    return f"{{{W_NS}}}p"


def element(xml: str):
    """Parse one fragment, declaring the w: namespace on its root when the fragment does not."""
    end = xml.index(">")
    if "xmlns:w" not in xml[:end]:
        xml = xml[:end] + f' xmlns:w="{W_NS}"' + xml[end:]
    return parse_xml(xml)
