"""The 通报 as .docx: prose from the docxtpl template (templates/notice.docx, or the user's edited
copy), then each annex on a new page in the seeds' table shapes."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from govinspect.report import docx_xml as X
from govinspect.report.annex_tables import AnnexTable
from govinspect.report.build_docx_template import TEMPLATE_PATH
from govinspect.report.notice_prose import jinja_env

MARKER = "\u27eaANNEXES\u27eb"
WIDE_COLUMNS = {"scores": {2}, "register": {3, 6}, "serious": {3}, "not_assessed": {4},
                "account_list": {4}, "account_exceptions": {4}}


def _rows(table: AnnexTable) -> list[tuple[str, list[str]]]:
    return [("group", [r.group]) if r.group else ("total" if r.total else "data", r.cells) for r in table.rows]


def annex_xml(index: int, table: AnnexTable) -> list[str]:
    """附件N (黑体, top left), the centred title (小标宋), the table and its note."""
    head = X.paragraph(X.run(f"附件{index}", "hei", 16), align="left", page_break_before=True, keep_next=True)
    title = X.paragraph(X.run(table.title, "title", 18), align="center", line=560, after=200, keep_next=True,
                        font="title", size_pt=18)
    parts = [head, title, X.table(table.columns, table.widths, _rows(table),
                                  wide_columns=frozenset(WIDE_COLUMNS.get(table.key, ())),
                                  keep_with_next=bool(table.note))]
    if table.note:
        parts.append(X.paragraph(X.run(table.note, "body", 12), align="left", line=360, rule="auto",
                                 before=120, font="body", size_pt=12))
    if not table.data_rows:
        parts.insert(2, X.paragraph(X.run("（无）", "body", 16), align="center"))
    return parts


def draft_xml(text: str) -> str:
    """The draft notice (undecided findings, pending_review.py): 黑体 bold above the title."""
    return X.paragraph(X.run(text, "hei", 16, bold=True), align="both", line=X.LINE_EXACT_TWIPS,
                       after=X.LINE_EXACT_TWIPS, font="hei", size_pt=16)


def render_docx(facts: dict[str, Any], annexes: list[AnnexTable], out: Path, template: Path | None = None) -> Path:
    tpl = DocxTemplate(str(template or TEMPLATE_PATH))
    tpl.render({**facts, "annex_marker": MARKER}, jinja_env=jinja_env(), autoescape=True)
    body = tpl.docx.element.body
    if facts.get("draft"):                   # not in the template: a user's own template carries it too
        body.insert(0, X.element(draft_xml(facts["draft"])))
    marker = next((p for p in body.iter(X.qn_p()) if MARKER in "".join(p.itertext())), None)
    elements = [X.element(x) for i, t in enumerate(annexes, 1) for x in annex_xml(i, t)]
    if marker is None:                       # a user template without the marker: annexes at the end
        anchor = body[-1]
        for el in elements:
            anchor.addprevious(el)
    else:
        for el in elements:
            marker.addprevious(el)
        marker.getparent().remove(marker)
    tpl.docx.core_properties.title = facts["title"]
    tpl.docx.core_properties.author = facts["office"]
    out.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(out))
    return out
