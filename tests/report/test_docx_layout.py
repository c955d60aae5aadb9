"""The docx follows GB/T 9704 and names East Asian fonts on every run; the template is the one
generated from notice_body.j2, and a user's edit of it shows in the output."""
from __future__ import annotations

import zipfile

from docx import Document
from docx.shared import Pt
from docxtpl import DocxTemplate

from govinspect.report.build_docx_template import TEMPLATE_PATH, build_template
from govinspect.report.render_report import render_report

from .conftest import CURRENT, OPTIONS
from .normalise import W


def _runs(doc):
    return list(doc.element.body.iter(f"{W}r"))


def test_page_setup_and_footer(rendered):
    doc = Document(str(rendered["docx"]))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [37, 35, 28, 26]
    footer_xml = sec.footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml and " —" in footer_xml


def test_every_run_names_its_east_asian_font(rendered):
    doc = Document(str(rendered["docx"]))
    runs = _runs(doc)
    assert len(runs) > 200
    missing = [r for r in runs if r.find(f"{W}rPr/{W}rFonts") is None
               or not r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")]
    assert not missing, f"{len(missing)} runs without w:eastAsia"


def test_title_body_and_heading_fonts(rendered):
    doc = Document(str(rendered["docx"]))
    paras = [p for p in doc.paragraphs if p.text]
    # the fixture has an undecided needs_review finding: the draft notice (黑体) comes first
    assert paras[0].text.startswith("本通报为草稿：1家网站尚有待人工判定的问题")
    assert paras[0].runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == "黑体"
    title = paras[1]
    assert title.text.startswith("关于2020年第三季度") and title.text.endswith("抽查情况的通报")
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体"
    body = next(p for p in paras if p.text.startswith("根据《国务院办公厅"))
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    spacing = body._p.pPr.find(f"{W}spacing")
    assert spacing.get(f"{W}line") == "579" and spacing.get(f"{W}lineRule") == "exact"   # 28.95 pt
    h1 = next(p for p in paras if p.text == "一、总体情况")
    assert h1.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == "黑体"
    h2 = next(p for p in paras if p.text.startswith("（一）网站抽查情况。"))
    assert h2.runs[0].text == "（一）网站抽查情况。"
    assert h2.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == "楷体_GB2312"
    assert h2.runs[1]._r.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"


def test_crawled_markup_is_text_not_xml(rendered):
    with zipfile.ZipFile(rendered["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "&lt;b&gt;专栏&lt;/b&gt;&amp;" in xml and "<b>" not in xml
    assert "主题教育<b>专栏</b>&" in "".join(Document(str(rendered["docx"])).element.body.itertext())


def test_shipped_template_is_generated_from_the_prose_source(tmp_path):
    fresh = build_template(tmp_path / "notice.docx")
    def body(path):
        with zipfile.ZipFile(path) as z:
            return z.read("word/document.xml")
    assert body(fresh) == body(TEMPLATE_PATH), "run: python -m govinspect.report.build_docx_template"


def test_a_user_edited_template_is_used(tmp_path):
    edited = tmp_path / "mine.docx"
    doc = Document(str(TEMPLATE_PATH))
    para = next(p for p in doc.paragraphs if p.text.startswith("根据《国务院办公厅"))
    para.runs[0].text = "根据省政府办公厅有关要求，{{ office }}开展了第{{ quarter|cn }}季度抽查。"
    doc.save(edited)
    DocxTemplate(str(edited))      # still a valid template
    (out,) = render_report(CURRENT, "docx", tmp_path / "out", {**OPTIONS, "template": edited,
                                                               "issuing_office": "咸宁市人民政府办公室"})
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "根据省政府办公厅有关要求，咸宁市人民政府办公室开展了第三季度抽查。" in text
    assert "国办发〔2017〕47号" not in text


def test_prose_fields_are_escaped_by_docxtpl(tmp_path):
    """Unit names reach the prose through docxtpl; markup in them stays text and the file stays valid."""
    from govinspect.model.result import build_result
    name = "A&B<局>\"网站\"{{ 7*7 }}"
    doc = build_result(as_of="2020-07-17", rulebook={}, tool_version="t", accounts=[], sites=[
        {"name": name, "result": "合格", "score": 100}, {"name": "坏站", "result": "不合格", "vetoes": ["missing_services"]}])
    (out,) = render_report(doc, "docx", tmp_path, {"issuing_office": "<办公室>&"})
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert f"{name}网站未发现问题" in text and "<办公室>&" in text and "49" not in text
