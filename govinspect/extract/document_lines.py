"""A page's HTML as lines of text: one line per paragraph or block, one line per table row with its cells
joined by tabs (so a row and its 姓名 column can be told). Hidden text counts: it is published all the same."""
from __future__ import annotations

import html
import re

_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_BLOCK = re.compile(r"<br\s*/?>|</?(?:tr|p|div|li|h[1-6]|table|tbody|thead|section|article|dd|dt|ul|ol)\b[^>]*>",
                    re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \u3000\xa0\u2002\u2003\r\f\v]+")


def html_lines(text: str) -> list[str]:
    text = _DROP.sub(" ", text)
    text = _CELL_END.sub("\t", text)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = []
    for raw in text.split("\n"):
        cells = [_SPACES.sub(" ", c).strip() for c in raw.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            lines.append("\t".join(cells))
    return lines
