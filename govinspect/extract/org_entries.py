"""机构 entries (信息公开目录>政府机构): does each show a phone and an address (D3)?"""
from __future__ import annotations

import re

from govinspect.model.artifacts import OrgEntry

PHONE_RE = re.compile(r"(?:电话|联系方式|传真|热线)\s*[:：]?\s*(?:\(?0\d{2,3}\)?[-－\s]?)?\d{7,8}|1[3-9]\d{9}")
ADDRESS_RE = re.compile(r"(?:地址|办公地点|办公地址|通讯地址|联系地址)\s*[:：]\s*\S{4,}")
# The column must be an institutions column; 部门动态 or 在线访谈 pages mention 负责人 too.
ORG_COLUMN = re.compile(r"机构$|机构设置|机构概况|组织机构|内设机构|直属单位|下属单位|所属单位|部门设置|单位设置|政府部门$")


def is_org_location(location: str) -> bool:
    """Is the page's column (last segment of its location path) an institutions column?"""
    return bool(location) and bool(ORG_COLUMN.search(location.rsplit(">", 1)[-1]))


def extract_org_entry(text: str, url: str, name: str, location: str) -> OrgEntry | None:
    """An OrgEntry for a page under a 机构 column (政府机构, 机构设置, 内设机构…). ``text`` is the page's
    main content (extract/main_content.py): the site footer's phone and address are not the entry's."""
    if not is_org_location(location):
        return None
    return OrgEntry(url=url, name=name, has_phone=bool(PHONE_RE.search(text)),
                    has_address=bool(ADDRESS_RE.search(text)), location=location)
