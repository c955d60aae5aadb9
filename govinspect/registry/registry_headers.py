"""Accepted header names (Chinese or English) for the registry formats of contract.md."""
from __future__ import annotations

SITE_HEADERS: dict[str, tuple[str, ...]] = {
    "site_code": ("网站标识码", "标识码", "site_code"),
    "name": ("网站名称", "name", "site_name"),
    "url": ("首页地址", "网站地址", "网址", "url", "homepage"),
    "organizer": ("主办单位", "organizer"),
    "is_portal": ("是否门户", "is_portal"),
    "region": ("所属地区", "地区", "region"),
    "has_services": ("有无办事服务", "是否有办事服务", "has_services"),
}
SITE_REQUIRED = ("site_code", "name", "url")

ACCOUNT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("账号名称", "政务新媒体名称", "name", "account_name"),
    "platform": ("平台", "类型", "platform"),
    "organizer": ("主办单位", "organizer"),
    "region": ("所属地区", "地区", "region"),
    "filed": ("是否备案", "filed"),
    "feed_url": ("订阅地址", "feed_url", "feed"),
    "last_post": ("最近更新", "最近更新时间", "last_post"),
    "interaction": ("有无互动功能", "互动功能", "interaction"),
    "account_id": ("账号ID", "账号id", "微信号", "account_id"),
}
ACCOUNT_REQUIRED = ("name", "platform")


def map_header(header: list[str], spec: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """field -> column index for the header cells that name a known field."""
    lookup = {alias.lower().replace(" ", ""): field for field, aliases in spec.items() for alias in aliases}
    found: dict[str, int] = {}
    for idx, cell in enumerate(header):
        field = lookup.get(cell.lower().replace(" ", ""))
        if field and field not in found:
            found[field] = idx
    return found
