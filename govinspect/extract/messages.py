"""Published 留言 records: 留言时间, 答复时间, 答复单位, 答复内容 (I1, V5, I2).

Read from label/value markup in its common shapes: ``<tr><th>留言时间：</th><td>…</td></tr>``,
``<dl><dt>…</dt><dd>…</dd></dl>``, ``<span class="label">…</span>…`` and plain "留言时间：…" text;
and from message lists whose table header names the columns (one message per row).
"""
from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.dates import find_dates
from govinspect.extract.links import absolute_url, base_href, clean_text
from govinspect.extract.page_text import visible_text
from govinspect.model.artifacts import Message

FIELDS: dict[str, str] = {
    "title": r"留言标题|信件标题|来信标题|咨询标题|标题|主题",
    "asked_at": r"留言时间|提问时间|来信时间|咨询时间|写信时间|提交时间|来信日期|留言日期",
    "replied_at": r"答复时间|回复时间|办理时间|处理时间|答复日期|回复日期|办结时间",
    "reply_unit": r"答复单位|回复单位|答复部门|回复部门|办理单位|处理单位|承办单位|答复机构",
    "reply_text": r"答复内容|回复内容|办理结果|处理结果|答复意见|回复意见",
}
_LABEL = {k: re.compile(rf"^\s*(?:{v})\s*[:：]?\s*$") for k, v in FIELDS.items()}
_ANY_LABEL = re.compile("(" + "|".join(FIELDS.values()) + r"|留言人|留言内容|来信内容|咨询内容|信件内容|姓名)\s*[:：]")
_MARKERS = re.compile(r"留言时间|答复时间|回复时间|来信时间|答复单位|答复内容|回复内容")
_NO_REPLY = re.compile(r"^(暂未答复|暂无答复|未答复|待答复|办理中|正在办理|尚未回复|暂无)$")


def looks_like_messages(text: str) -> bool:
    return len(set(_MARKERS.findall(text))) >= 2


def _pairs(tree: LexborHTMLParser, text: str) -> dict[str, str]:
    """Label → value from table rows, dl lists and 'label：value' text (``text``: the body's visible text)."""
    found: dict[str, str] = {}

    def put(label: str, value: str) -> None:
        for key, regex in _LABEL.items():
            if key not in found and regex.match(label):
                found[key] = value
                return

    for row in tree.css("tr"):
        cells = [clean_text(c.text(deep=True)) for c in row.css("th, td")]
        for i in range(0, len(cells) - 1, 2 if len(cells) % 2 == 0 else 1):
            put(cells[i], cells[i + 1])
    for dt in tree.css("dt"):
        dd = dt.next
        while dd is not None and dd.tag != "dd":
            dd = dd.next if dd.tag in ("-text",) else None
        if dd is not None:
            put(clean_text(dt.text(deep=True)), clean_text(dd.text(deep=True)))
    matches = list(_ANY_LABEL.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else min(len(text), m.end() + 2000)
        put(m.group(1), text[m.end():end].strip())
    return found


def first_date(value: str | None) -> date | None:
    """The first full date in a label's value, or None."""
    if not value:
        return None
    dates = find_dates(value)
    return dates[0].date if dates else None


def extract_message(tree: LexborHTMLParser, url: str, title: str, page_text: str | None = None) -> Message | None:
    """One message detail page, or None when the page is not one. ``page_text``: the body's visible text,
    when the caller has it."""
    text = page_text if page_text is not None else visible_text(tree.body)
    if not looks_like_messages(text[:6000]):
        return None
    f = _pairs(tree, text)
    reply_text = f.get("reply_text")
    if reply_text and _NO_REPLY.match(reply_text):
        reply_text = None
    unit = f.get("reply_unit") or None
    return Message(url=url, title=f.get("title") or title, asked_at=first_date(f.get("asked_at")),
                   replied_at=first_date(f.get("replied_at")), reply_unit=unit,
                   reply_text=reply_text[:2000] if reply_text else None)


def extract_message_rows(tree: LexborHTMLParser, url: str) -> list[Message]:
    """Message lists printed as a table whose header names 留言时间 / 答复时间 columns."""
    base = base_href(tree, url)
    out: list[Message] = []
    for table in tree.css("table"):
        rows = table.css("tr")
        if len(rows) < 2:
            continue
        header = [clean_text(c.text(deep=True)) for c in rows[0].css("th, td")]
        cols = {}
        for key, regex in _LABEL.items():
            for i, h in enumerate(header):
                if regex.match(h):
                    cols[key] = i
                    break
        if "asked_at" not in cols or ("replied_at" not in cols and "reply_unit" not in cols):
            continue
        for row in rows[1:]:
            cells: list[LexborNode] = row.css("td")
            if len(cells) < len(header):
                continue
            link = row.css_first("a[href]")
            values = {key: clean_text(cells[i].text(deep=True)) for key, i in cols.items()}
            out.append(Message(url=absolute_url(link.attributes.get("href"), base) if link else url,
                               title=values.get("title") or (clean_text(link.text()) if link else ""),
                               asked_at=first_date(values.get("asked_at")),
                               replied_at=first_date(values.get("replied_at")),
                               reply_unit=values.get("reply_unit") or None))
    return out
