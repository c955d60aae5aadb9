"""机构 entries (信息公开目录>政府机构): does each show a phone and an address (D3)?"""
from __future__ import annotations

import re

from govinspect.model.artifacts import OrgEntry

PHONE_RE = re.compile(r"(?:电话|联系方式|传真|热线)\s*[:：]?\s*(?:\(?0\d{2,3}\)?[-－\s]?)?\d{7,8}|1[3-9]\d{9}")
ADDRESS_RE = re.compile(r"(?:地址|办公地点|办公地址|通讯地址|联系地址)\s*[:：]\s*\S{4,}")
ORG_COLUMN = re.compile(r"机构|部门|组织|单位|领导")
ORG_TEXT = re.compile(r"机构名称|主要职责|职能职责|内设机构|负责人|机构职能|单位名称")


def extract_org_entry(text: str, url: str, name: str, location: str) -> OrgEntry | None:
    """An OrgEntry for a page under a 机构 column (or one that reads like a 机构 page)."""
    last = location.rsplit(">", 1)[-1] if location else ""
    if not (ORG_COLUMN.search(last) or ORG_TEXT.search(text[:2000])):
        return None
    if not ORG_TEXT.search(text) and not ORG_COLUMN.search(last):
        return None
    return OrgEntry(url=url, name=name, has_phone=bool(PHONE_RE.search(text)),
                    has_address=bool(ADDRESS_RE.search(text)), location=location)
