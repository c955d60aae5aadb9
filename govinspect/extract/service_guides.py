"""办事指南 pages: which of the element headings (事项名称, 设定依据, …) they carry (V6)."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from govinspect.extract.page_text import TEXT_ID, tag_ids
from govinspect.model.artifacts import ServiceGuide

# Each element with the synonyms real guides print.
ELEMENT_SYNONYMS: dict[str, str] = {
    "事项名称": r"事项名称|服务名称|项目名称|审批事项|事项全称",
    "设定依据": r"设定依据|办理依据|法律依据|实施依据|政策依据|受理依据",
    "申请条件": r"申请条件|受理条件|办理条件|申报条件|准予.{0,4}条件",
    "办理材料": r"办理材料|申请材料|申报材料|所需材料|提交材料|材料目录|办理要件",
    "办理地点": r"办理地点|受理地点|办公地址|办理地址|窗口地址",
    "办理机构": r"办理机构|实施机关|实施机构|受理机构|实施主体|办理部门|受理部门|决定机关",
    "收费标准": r"收费标准|收费依据|是否收费|收费情况|收费项目",
    "办理时间": r"办理时间|受理时间|办公时间|工作时间|办理时限|承诺时限|法定时限",
    "联系电话": r"联系电话|咨询电话|咨询方式|监督电话|投诉电话|联系方式",
    "办理流程": r"办理流程|办理程序|办事流程|审批流程|办理步骤|流程图",
}
_COMPILED = {k: re.compile(v) for k, v in ELEMENT_SYNONYMS.items()}
MIN_ELEMENTS = 3
# An element printed as a label: its own text node, "一、办理材料" / "办理材料：…", not a word in prose.
_LABEL = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*|[（(]\s*\d{1,2}\s*[)）]\s*)?"
                    r"【?(" + "|".join(ELEMENT_SYNONYMS.values()) + r")】?\s*(?:[:：]|$)")
_LABEL_NODE_CHARS = 80
_NOT_LABEL_PARENTS = tag_ids(("script", "style", "a", "option"))
# Pages that quote element words without being a guide: notices, the 条例, 信息公开指南, 采购/征集 公告.
NOT_GUIDE_TITLE = re.compile(r"公告|通知|通告|公示|条例|规定|办法|意见|征集|信息公开指南|年报|年度报告|采购|招标|中标|成交|决定|解读")


def guide_labels(root: LexborNode | None) -> int:
    """How many distinct element headings the page prints as labels (one walk over text nodes)."""
    if root is None:
        return 0
    seen: set[str] = set()
    for node in root.traverse(include_text=True):
        if node.tag_id != TEXT_ID:
            continue
        text = node.text_content or ""
        if len(text) > _LABEL_NODE_CHARS or not text.strip():
            continue
        parent = node.parent
        if parent is not None and parent.tag_id in _NOT_LABEL_PARENTS:
            continue
        m = _LABEL.match(text)
        if m:
            seen.update(k for k, rx in _COMPILED.items() if rx.fullmatch(m.group(1)))
    return len(seen)


def is_guide_page(labels: int, title: str) -> bool:
    """A 办事指南 for V6: element labels on the page, and a title that is not a notice quoting them."""
    if "办事指南" in title or "服务指南" in title:
        return labels >= 1          # a guide by name that prints few elements is an incomplete guide
    return labels >= MIN_ELEMENTS and not NOT_GUIDE_TITLE.search(title)


def guide_elements(text: str) -> tuple[str, ...]:
    return tuple(k for k, regex in _COMPILED.items() if regex.search(text))


def could_be_guide(text: str, title: str) -> bool:
    """A 办事指南 by its title, or by ≥ MIN_ELEMENTS element headings in ``text``."""
    return "办事指南" in title or len(guide_elements(text)) >= MIN_ELEMENTS


def extract_service_guide(text: str, url: str, title: str) -> ServiceGuide | None:
    """A ServiceGuide when the page reads like a 办事指南 (title or ≥3 element headings). ``text`` is the
    page's main content (extract/main_content.py): a footer's 联系电话 or 办公地址 is not an element of it."""
    if could_be_guide(text, title):
        return ServiceGuide(url=url, title=title, elements=guide_elements(text))
    return None
