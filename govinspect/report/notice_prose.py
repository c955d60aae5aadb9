"""The prose of the 通报 as paragraphs (style + runs), from templates/notice_body.j2 and the facts.

HTML and PDF print these paragraphs; the docx is rendered by docxtpl from notice.docx, which
build_docx_template.py generates from the same notice_body.j2 source.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2

from govinspect.report.percent import cn_number

STYLES = ("title", "addressee", "body", "h1", "h2", "annex", "annex2", "sig")


@dataclass(frozen=True)
class Paragraph:
    style: str
    lead: str        # the 楷体 lead-in of an h2 paragraph ("（一）网站抽查情况。"), else ""
    text: str

    @property
    def full_text(self) -> str:
        return self.lead + self.text


def template_source() -> str:
    return resources.files("govinspect.report").joinpath("templates/notice_body.j2").read_text("utf-8")


def jinja_env(autoescape: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(trim_blocks=False, lstrip_blocks=True, autoescape=autoescape,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
    env.filters["cn"] = cn_number
    return env


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    return jinja_env().from_string(template_source())


def render_paragraphs(facts: dict[str, Any]) -> list[Paragraph]:
    """Plain text paragraphs; each renderer escapes for its own format. A result with undecided
    findings opens with the draft notice (style ``draft``, above the title; render_docx.py puts the
    same text at the top of the .docx, whatever template the user edited)."""
    out: list[Paragraph] = [Paragraph("draft", "", facts["draft"])] if facts.get("draft") else []
    for line in _template().render(**facts).splitlines():
        if not line.strip():
            continue
        style, sep, rest = line.partition("|")
        if not sep or style not in STYLES:
            raise ValueError(f"通报模板行格式错误（应为“样式|文字”）：{line[:60]}")
        lead, sep2, text = rest.partition("||") if style == "h2" else ("", "", rest)
        out.append(Paragraph(style, lead if sep2 else "", text if sep2 else rest))
    return out
