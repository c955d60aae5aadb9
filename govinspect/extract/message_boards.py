"""Records of a 留言板 / 领导信箱 / 政务咨询 list page: one ``Message`` per record.

The shapes real boards print:

- grids whose header names the columns — ``<table>`` rows, or ``<ul>``/``<div>`` rows of cells
  (标题 | 留言时间 | 答复时间 | 答复单位 | 状态); the header maps each cell;
- repeated labelled blocks — ``<div class="msg"><h4>…</h4><p>留言时间：…</p><p>答复时间：…</p></div>``,
  ``<dl><dt>…</dt><dd>留言时间：…</dd><dd>答复单位：…</dd></dl>``, ``<table class="tably">`` per record;
- ``<li>`` rows with a status word (办理中, 未回复, 待回复, 已办结, 已答复, 已回复) and bare dates:
  the first date is the 留言 date, a second one the reply date;
- a detail page (留言内容 / 答复内容 / 答复单位 / 答复时间): one record.

A record is the highest element around one 留言时间 label (or one status word) that holds no
other; its fields are read from "label：value" text inside it. A record without a parseable
留言时间 is not a message (never a false 未回复); a status that says unanswered leaves
``replied_at`` None. One walk over the page's nodes plus a bounded climb per marker.
"""
from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.dates import find_dates
from govinspect.extract.links import absolute_url, base_href, clean_text
from govinspect.extract.list_items import ancestor_counts
from govinspect.extract.messages import first_date
from govinspect.extract.page_text import TEXT_ID, tag_ids
from govinspect.model.artifacts import Message

LABELS: dict[str, str] = {
    "title": r"留言标题|信件标题|来信标题|咨询标题|投诉标题|标题|主题",
    "asked_at": r"留言时间|来信时间|提问时间|咨询时间|写信时间|提交时间|投诉时间|反映时间|留言日期|来信日期|咨询日期|提问日期",
    "replied_at": r"答复时间|回复时间|办结时间|反馈时间|答复日期|回复日期|办结日期|反馈日期",
    "reply_unit": r"答复单位|回复单位|答复部门|回复部门|办理单位|处理单位|承办单位|答复机构|办理部门|处理部门|受理单位|牵头部门|转办单位",
    "reply_text": r"答复内容|回复内容|办理结果|处理结果|答复意见|回复意见|答复情况|回复情况",
    "status": r"办理状态|处理状态|受理状态|答复状态|回复状态|信件状态|办理情况|状态",
    "content": r"留言内容|来信内容|咨询内容|信件内容|投诉内容|问题描述",
}
# Column headers only: a board grid's bare 时间/发布时间 column is the 留言 date.
_HEADER_ONLY = {"asked_at_weak": r"发布时间|发表时间|时间|日期", "other": r"序号|编号|信件编号|类型|类别|留言人|来信人|浏览次数|点击数|浏览|评价"}
_HEADER = re.compile(r"^\s*(?:" + "|".join([*LABELS.values(), *_HEADER_ONLY.values()]) + r")\s*[:：]?\s*$")
_HEADER_KEY = [(k, re.compile(rf"^\s*(?:{v})\s*[:：]?\s*$")) for k, v in [*LABELS.items(), *_HEADER_ONLY.items()]]
_ANY_LABEL = re.compile("(?P<label>" + "|".join(LABELS.values()) + r")\s*(?:[:：]|\n)")
_LABEL_KEY = [(k, re.compile(rf"^(?:{v})$")) for k, v in LABELS.items()]
_ASKED_MARK = re.compile(rf"^\s*[\[【(]?\s*(?:{LABELS['asked_at']})\s*[\]】)]?\s*(?:[:：]|$)")

_UNANSWERED = ("未回复", "未答复", "待回复", "待答复", "办理中", "处理中", "正在办理", "正在处理", "受理中", "已受理",
               "未办结", "待处理", "未处理", "转办中", "暂未答复", "暂未回复", "尚未回复", "尚未答复", "待受理", "未受理")
_ANSWERED = ("已办结", "已答复", "已回复", "已处理", "已办理", "已反馈", "已解决", "已完成", "已回应", "办结")
_STATUS_WORD = "|".join(sorted((*_UNANSWERED, *_ANSWERED), key=len, reverse=True))
_STATUS_ONLY = re.compile(rf"^\s*(?:(?:{LABELS['status']})\s*[:：]\s*)?[\[【(（]?\s*({_STATUS_WORD})\s*[\]】)）]?\s*$")
_STATUS_IN = re.compile(rf"(?<![\u4e00-\u9fff])({_STATUS_WORD})(?![\u4e00-\u9fff])")
_EMPTY_VALUE = re.compile(r"^[\s/—\-－无暂]*$|^(?:暂无|无|暂未答复|暂无答复|未答复|待答复)$")
_SKIP_TEXT = frozenset(("script", "style", "noscript", "template", "textarea", "option", "select"))
_SKIP_IDS = tag_ids(_SKIP_TEXT)
_NOT_LINK_TITLES = re.compile(r"^(首页|上一页|下一页|尾页|末页|更多|查看|详情|查看详情|我要写信|我要留言|返回)$")
_MAX_LEVELS = 8
_MAX_VALUE = 2000


def is_answered(status: str | None) -> bool | None:
    """True for 已办结/已答复…, False for 办理中/未回复…, None when no status word is known."""
    if not status:
        return None
    return status in _ANSWERED


def _cell_of(node: LexborNode) -> LexborNode:
    """``<th><b>留言时间</b></th>`` → the th: climb while the parent has no other element child."""
    cur = node
    for _ in range(3):
        parent = cur.parent
        if parent is None or sum(1 for _ in parent.iter()) != 1:
            break
        cur = parent
    return cur


def _children(row: LexborNode) -> list[LexborNode]:
    return list(row.iter())


def _header_key(text: str) -> str | None:
    for key, regex in _HEADER_KEY:
        if regex.match(text):
            return key
    return None


def _status_of(text: str) -> str | None:
    m = _STATUS_IN.search(text)
    return m.group(1) if m else None


def _link_of(node: LexborNode) -> LexborNode | None:
    for a in node.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        text = clean_text(a.attributes.get("title") or a.text(deep=True))
        if href and not href.startswith(("javascript", "#")) and not _NOT_LINK_TITLES.match(text):
            return a
    return None


def _link_title(a: LexborNode | None) -> str:
    if a is None:
        return ""
    text = clean_text(a.text(deep=True))
    title = clean_text(a.attributes.get("title") or "")
    return title if title and (not text or text.endswith(("...", "…")) or len(title) > len(text)) else text


def _message(url: str, title: str, asked: date | None, replied: date | None, unit: str | None,
             reply_text: str | None, status: str | None) -> Message | None:
    if asked is None:
        return None
    if is_answered(status) is False:
        replied, reply_text = None, None
    return Message(url=url, title=title, asked_at=asked, replied_at=replied, reply_unit=unit or None,
                   reply_text=reply_text[:_MAX_VALUE] if reply_text else None, status=status)


class _Board:
    """One page's records: header grids first, then labelled / status-word blocks."""

    def __init__(self, tree: LexborHTMLParser, url: str) -> None:
        self.url = url
        self.base = base_href(tree, url)
        self.root = tree.body or tree.root
        self.heading = tree.css_first("h1") or tree.css_first("title")      # a detail page's own title
        self.consumed: set[int] = set()
        self.header_cells: dict[int, tuple[LexborNode, dict[int, str]]] = {}
        self.asked_marks: list[LexborNode] = []
        self.status_marks: list[LexborNode] = []

    def scan(self) -> None:
        """One walk over the text nodes: header cells, 留言时间 labels, status words."""
        if self.root is None:
            return
        for n in self.root.traverse(include_text=True):
            if n.tag_id != TEXT_ID:
                continue
            text = n.text_content or ""
            if len(text) > 60 or not text.strip():      # before the parent: most text nodes end here
                continue
            parent = n.parent
            if parent is None or parent.tag_id in _SKIP_IDS:
                continue
            if _HEADER.match(text):
                cell = _cell_of(parent)
                row = cell.parent
                key = _header_key(text)
                if row is not None and key:
                    entry = self.header_cells.setdefault(row.mem_id, (row, {}))
                    entry[1][cell.mem_id] = key
            if _ASKED_MARK.match(text):
                self.asked_marks.append(parent)
            elif _STATUS_ONLY.match(text):
                self.status_marks.append(parent)

    # ---- grids ---------------------------------------------------------------------------------

    def grid_messages(self) -> list[Message]:
        out: list[Message] = []
        for row, by_cell in self.header_cells.values():
            cells = _children(row)
            if len(by_cell) < max(2, len(cells) - 1):
                continue       # label | value | label | value: a detail page's rows, not a header
            columns: dict[str, int] = {}
            for i, cell in enumerate(cells):
                key = by_cell.get(cell.mem_id)
                if key and key not in columns:
                    columns[key] = i
            if "asked_at" not in columns and "asked_at_weak" in columns:
                columns["asked_at"] = columns["asked_at_weak"]
            reply_keys = {"replied_at", "reply_unit", "status", "reply_text"} & columns.keys()
            if not reply_keys or not ({"asked_at", "replied_at"} & columns.keys()):
                continue       # 标题 | 发布时间 is a news table, not a board
            if row.css_first("a[href]") is not None:
                continue
            self.consumed.add(row.mem_id)
            for data in self._data_rows(row):
                self.consumed.add(data.mem_id)
                m = self._grid_row(data, columns)
                if m:
                    out.append(m)
        return out

    @staticmethod
    def _data_rows(header: LexborNode) -> list[LexborNode]:
        """The rows after a header row: its later siblings of the same tag, or the tbody rows under a thead."""
        parent = header.parent
        if parent is not None and parent.tag == "thead":
            table = parent.parent
            return [] if table is None else [tr for body in table.iter() if body.tag == "tbody"
                                             for tr in body.iter() if tr.tag == "tr"]
        rows = []
        sib = header.next
        while sib is not None:
            if sib.tag == header.tag:
                rows.append(sib)
            sib = sib.next
        return rows

    def _grid_row(self, data: LexborNode, columns: dict[str, int]) -> Message | None:
        cells = _children(data)
        if len(cells) < 2:
            return None

        def cell(key: str) -> str:
            i = columns.get(key)
            return clean_text(cells[i].text(deep=True)) if i is not None and i < len(cells) else ""

        i = columns.get("title")
        link = _link_of(cells[i]) if i is not None and i < len(cells) else None
        link = link or _link_of(data)
        url = absolute_url(link.attributes.get("href"), self.base) if link is not None else None
        title = _link_title(link) or cell("title")
        row_text = clean_text(data.text(deep=True))
        status = _status_of(cell("status")) or _status_of(row_text)
        unit = cell("reply_unit")
        return _message(url or self.url, title, first_date(cell("asked_at")), first_date(cell("replied_at")),
                        None if _EMPTY_VALUE.match(unit) else unit, None, status)

    # ---- labelled / status-word blocks ------------------------------------------------------

    def _in_consumed(self, node: LexborNode) -> bool:
        cur: LexborNode | None = node
        for _ in range(_MAX_LEVELS + 2):
            if cur is None:
                return False
            if cur.mem_id in self.consumed:
                return True
            cur = cur.parent
        return False

    def block_roots(self) -> list[tuple[LexborNode, bool]]:
        """(record root, has a 留言时间 label) in document order of their markers."""
        asked = ancestor_counts(self.asked_marks, _MAX_LEVELS, include_self=True)
        status = ancestor_counts(self.status_marks, _MAX_LEVELS, include_self=True)
        roots: dict[int, tuple[LexborNode, bool]] = {}
        for node, labelled in [*((n, True) for n in self.asked_marks), *((n, False) for n in self.status_marks)]:
            if self._in_consumed(node):
                continue
            cur = node
            for _ in range(_MAX_LEVELS):
                parent = cur.parent
                # a 留言时间 label bounds its record by the other labels; a status word (which a detail
                # page may print twice: 办理状态：待回复, 答复意见：暂未答复) only bounds label-less rows
                if (parent is None or parent.tag in ("body", "html") or asked.get(parent.mem_id, 0) > 1
                        or (not labelled and status.get(parent.mem_id, 0) > 1)):
                    break
                cur = parent
            has_label = labelled or asked.get(cur.mem_id, 0) == 1
            if cur.mem_id not in roots or has_label:
                roots[cur.mem_id] = (cur, has_label)
        return list(roots.values())

    def block_messages(self) -> list[Message]:
        roots = self.block_roots()
        labelled_blocks = sum(1 for _, has_label in roots if has_label)
        out = [m for root, has_label in roots if (m := self._block(root, has_label, labelled_blocks))]
        # A list that shows no reply field and no status on any record (a 政务咨询 widget of questions
        # and their 留言时间) says nothing about replies: its records are no evidence of an unanswered one.
        if len(out) > 1 and not any(m.replied_at or m.reply_text or m.reply_unit or m.status for m in out):
            return []
        return out

    def _block(self, root: LexborNode, has_label: bool, labelled_blocks: int) -> Message | None:
        text = _record_text(root)
        fields = _labelled(text)
        status_value = fields.get("status", "")
        status = _status_of(status_value) or _status_of(text)
        if has_label:
            asked = first_date(fields.get("asked_at"))
            replied = first_date(fields.get("replied_at"))
            board_fields = [k for k in ("replied_at", "reply_unit", "reply_text") if fields.get(k)]
            if not board_fields and status is None and labelled_blocks < 2 and not fields.get("content"):
                return None        # one 留言时间 label alone (an article, a form) is not a board record;
                                   # with its 留言内容 it is a message's own page that shows no reply
        else:
            title_text = clean_text(_link_title(_link_of(root)))
            dates = find_dates(text.replace(title_text, " ") if title_text else text)
            asked = dates[0].date if dates else None
            replied = dates[1].date if len(dates) > 1 else None
        unit = fields.get("reply_unit", "").split("\n")[0].strip()
        unit = None if _EMPTY_VALUE.match(unit) or len(unit) > 60 else unit
        reply_text = fields.get("reply_text", "").strip()
        reply_text = None if _EMPTY_VALUE.match(reply_text) or _STATUS_ONLY.match(reply_text) else reply_text
        link = _link_of(root)
        detail = "content" in fields or (reply_text and labelled_blocks == 1)
        url = self.url if detail or link is None else (absolute_url(link.attributes.get("href"), self.base) or self.url)
        title = fields.get("title", "").split("\n")[0].strip() or (_link_title(link) if not detail else "")
        if not title:
            heading = root.css_first("h1, h2, h3, h4, h5, strong, b") or (self.heading if detail else None)
            title = clean_text(heading.text(deep=True)) if heading is not None else ""
        return _message(url, title, asked, replied, unit, reply_text, status)


def _record_text(root: LexborNode) -> str:
    """The record's visible text, one text node per line (labels and values stay apart)."""
    parts = []
    for n in root.traverse(include_text=True):
        if n.tag_id == TEXT_ID:
            parent = n.parent
            if parent is not None and parent.tag_id not in _SKIP_IDS:
                t = re.sub(r"[ \t\u3000\xa0]+", " ", n.text_content or "").strip()
                if t:
                    parts.append(t)
    return "\n".join(parts)


_ONE_LINE = frozenset(("title", "asked_at", "replied_at", "reply_unit", "status"))


def _labelled(text: str) -> dict[str, str]:
    """label → value for the "label：value" pairs of a record's text. A value runs to the next label;
    short fields (dates, units, status) keep their first line and hand the lines after it back to the
    open 答复内容/留言内容 before them ("答复内容：<div>答复单位：… 答复时间：…</div><p>答复正文</p>")."""
    out: dict[str, str] = {}
    open_long: str | None = None
    matches = list(_ANY_LABEL.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else min(len(text), m.end() + _MAX_VALUE)
        value = text[m.end():end].strip()
        key = next((k for k, regex in _LABEL_KEY if regex.match(m.group("label"))), None)
        if key is None:
            continue
        if key in _ONE_LINE:
            first, _, rest = value.partition("\n")
            value = first.strip()
            if rest.strip() and open_long is not None:
                out[open_long] = (out[open_long] + "\n" + rest.strip()).strip()
        else:
            open_long = key
        if key not in out or (key == open_long and not out[key]):
            out[key] = value
    return out


def extract_board_messages(tree: LexborHTMLParser, url: str, as_of: date | None = None) -> list[Message]:
    """One ``Message`` per record on a board list page (or the one record of a detail page).

    ``as_of`` is accepted for symmetry with the list extractors; dates after it are kept as printed
    (checks compare them with the 监测时间点)."""
    del as_of
    board = _Board(tree, url)
    board.scan()
    return board.grid_messages() + board.block_messages()
