"""What the user may set for a 通报 (the ``govinspect report`` flags); everything has a default."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

CN_QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}
ALIASES = {"office": "issuing_office", "issuer": "issuing_office",        # names the CLI and YAML use
           "requirements_text": "requirements"}
# the 成文日期 when none is given: left blank for the signer, never silently the machine's date (a notice
# about 2020年第三季度 rendered in 2026 would otherwise be dated 2026)
BLANK_DATE = "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"


@dataclass(frozen=True)
class ReportOptions:
    title: str = ""                       # default: 关于<年>年第<N>季度…抽查情况的通报
    year: int | None = None               # default: the year of as_of
    quarter: int | None = None            # default: the quarter of as_of
    issuing_office: str = "市人民政府办公室"
    addressees: str = "各县（市、区）人民政府，市政府各部门："
    region_name: str = "全市"             # "全市" / "全省" in the prose
    date: str = ""                        # 成文日期 as printed (2020年7月29日); default: blank (BLANK_DATE)
    deadline: str = ""                    # rectification deadline, e.g. 2020年8月15日
    contacts: str = ""                    # e.g. 市政府办公室信息与法规科，联系电话：8126116
    requirements: tuple[str, ...] = ()    # 三、工作要求 paragraphs; empty → the template's default text
    sampling_ratio: str = ""              # e.g. "100%"; or computed from the registered counts below
    sites_registered: int | None = None
    accounts_registered: int | None = None
    region_order: tuple[str, ...] = ()    # grouping order in the annexes; default: first appearance
    max_named: int = 10                   # units named in one sentence before "等N家"
    full_account_list_limit: int = 300    # above this the docx/pdf list only accounts with problems
    full_site_wording_limit: int = 200    # above this the docx/pdf score table words problems briefly
    template: Path | None = None          # a user-edited copy of templates/notice.docx
    previous_label: str = ""              # e.g. 第二季度; default from the previous result's as_of
    previous: Any = None                  # the previous result (path or dict): quarter-over-quarter
    annexes: tuple[str, ...] = ("scores", "account_stats", "account_list", "not_assessed")
    basename: str = ""                    # output file stem; default 通报-<年>Q<季度>

    @classmethod
    def from_any(cls, value: ReportOptions | dict[str, Any] | None) -> ReportOptions:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        known = {f.name for f in fields(cls)}
        value = {ALIASES.get(k, k): v for k, v in value.items()}
        unknown = set(value) - known
        if unknown:
            raise ValueError(f"未知的通报选项：{', '.join(sorted(unknown))}")
        data = {k: v for k, v in value.items() if v is not None}
        for key in ("requirements", "region_order", "annexes"):
            if isinstance(data.get(key), str):
                parts = data[key].splitlines() if key == "requirements" else re.split(r"[,，\s]+", data[key])
                data[key] = tuple(p.strip() for p in parts if p.strip())
            elif key in data:
                data[key] = tuple(data[key])
        if "date" in data:
            data["date"] = issue_date(data["date"])
        if data.get("template"):
            data["template"] = Path(data["template"])
        return cls(**data)


def issue_date(value: Any) -> str:
    """The 成文日期 as printed: 2020-07-29, 2020/7/29, 2020年7月29日 or a date → "2020年7月29日";
    "today"/"今天" → the machine's date; "" → "" (left blank)."""
    if isinstance(value, date):
        return cn_date(value)
    text = str(value or "").strip()
    if not text:
        return ""
    if text.lower() in ("today", "今天", "今日"):
        return cn_date(date.today())
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    try:
        if found:
            return cn_date(date(*(int(g) for g in found.groups())))
    except ValueError:
        pass
    raise ValueError(f"成文日期“{text}”无法识别，应为 2020-07-29 或 2020年7月29日（也可写 today 表示今天）")


def cn_date(d: date) -> str:
    """2020年7月23日 (no leading zeros, as 公文 print dates)."""
    return f"{d.year}年{d.month}月{d.day}日"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1
