"""办事指南 pages: which of the element headings (事项名称, 设定依据, …) they carry (V6)."""
from __future__ import annotations

import re

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
