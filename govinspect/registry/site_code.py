"""网站标识码: 10 digits (6-digit GB/T 2260 region + 4-digit serial) or ``bm`` + 8 digits."""
from __future__ import annotations

import re

from govinspect.registry.region_codes import is_known_region

_LOCAL = re.compile(r"^\d{10}$")
_MINISTRY = re.compile(r"^bm\d{8}$")


def site_code_problem(code: str) -> str | None:
    """None when the code is valid, else the reason in Chinese."""
    if _MINISTRY.match(code):
        return None
    if not _LOCAL.match(code):
        return f"网站标识码“{code}”格式错误：应为10位数字或 bm 加8位数字"
    if not is_known_region(code[:6]):
        return f"网站标识码“{code}”前6位 {code[:6]} 不是有效的行政区划代码（GB/T 2260）"
    return None
