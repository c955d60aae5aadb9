"""Registry rows → SiteRecord / AccountRecord, every bad row reported with its row number."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from govinspect.model.records import PLATFORMS, AccountRecord, SiteRecord
from govinspect.registry.read_table import read_rows
from govinspect.registry.registry_errors import RegistryFileError, RowError
from govinspect.registry.registry_headers import (ACCOUNT_HEADERS, ACCOUNT_REQUIRED, SITE_HEADERS,
                                                  SITE_REQUIRED, map_header)
from govinspect.registry.site_code import site_code_problem

_YES = {"是", "有", "y", "yes", "true", "1", "√", "门户"}
_NO = {"否", "无", "n", "no", "false", "0", "×", ""}
_PLATFORM_ALIASES = {
    "微信公众号": "微信", "微信订阅号": "微信", "微信服务号": "微信", "wechat": "微信",
    "新浪微博": "微博", "weibo": "微博", "抖音号": "抖音", "douyin": "抖音",
    "快手号": "快手", "今日头条": "头条号", "头条": "头条号",
}
_NEVER_POSTED = {"无更新", "从未更新", "未更新", "无"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s.*)?$")
_HOST = re.compile(r"^(?:[a-z0-9\u4e00-\u9fff](?:[a-z0-9\u4e00-\u9fff-]{0,61}[a-z0-9\u4e00-\u9fff])?\.)+"
                   r"[a-z\u4e00-\u9fff]{2,}$|^\d{1,3}(?:\.\d{1,3}){3}$|^localhost$")


@dataclass
class ParsedRegistry:
    kind: str                                  # sites | accounts
    sites: list[SiteRecord] = field(default_factory=list)
    accounts: list[AccountRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def good(self) -> int:
        return len(self.sites) + len(self.accounts)


def _flag(value: str, default: bool) -> bool | None:
    v = value.strip().lower()
    if v == "":
        return default
    if v in _YES:
        return True
    if v in _NO:
        return False
    return None


def normalise_url(raw: str) -> str | None:
    """A homepage URL as exported (scheme may be missing, full-width dots) → absolute URL or None."""
    url = raw.strip().replace("。", ".").replace("．", ".").replace("：", ":").replace("／", "/")
    if not url or " " in url:
        return None
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not _HOST.match(host):
        return None
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None
    return url if parts.path else url + "/"


def parse_date(value: str) -> date | None:
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_registry_file(path: Path) -> ParsedRegistry:
    return parse_registry_rows(read_rows(Path(path)))


def parse_registry_rows(rows: list[list[str]]) -> ParsedRegistry:
    header_idx = next((i for i, r in enumerate(rows) if any(r)), None)
    if header_idx is None:
        raise RegistryFileError("文件为空：没有表头行")
    header = rows[header_idx]
    site_cols = map_header(header, SITE_HEADERS)
    acct_cols = map_header(header, ACCOUNT_HEADERS)
    is_sites = "site_code" in site_cols or "url" in site_cols
    cols, required, kind = (site_cols, SITE_REQUIRED, "sites") if is_sites else (acct_cols, ACCOUNT_REQUIRED, "accounts")
    missing = [f for f in required if f not in cols]
    if missing:
        names = {**{k: v[0] for k, v in SITE_HEADERS.items()}, **{k: v[0] for k, v in ACCOUNT_HEADERS.items()}}
        raise RegistryFileError("表头缺少必填列：" + "、".join(f"{names[f]}({f})" for f in missing)
                                + "。网站名录需含 网站标识码/网站名称/首页地址；新媒体名录需含 账号名称/平台")
    out = ParsedRegistry(kind=kind)
    out.ignored_columns = [h for i, h in enumerate(header) if h and i not in cols.values()]
    parse_row = _parse_site_row if is_sites else _parse_account_row
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[header_idx + 1:]):
        rownum = header_idx + 2 + offset
        if not any(row):
            continue
        values = {f: (row[i] if i < len(row) else "") for f, i in cols.items()}
        record, problems = parse_row(values)
        if record is not None:
            keys = _identity(record)
            for key in keys:
                if key in seen:
                    problems.append(f"与第{seen[key]}行重复（{key.split(':', 1)[1]}）")
        if problems:
            out.errors.append(RowError(rownum, "；".join(problems)))
            continue
        for key in _identity(record):
            seen[key] = rownum
        (out.sites if is_sites else out.accounts).append(record)  # type: ignore[arg-type]
    return out


def _identity(record: SiteRecord | AccountRecord) -> list[str]:
    if isinstance(record, SiteRecord):
        return [f"code:网站标识码 {record.site_code}", f"url:首页地址 {record.url.rstrip('/').lower()}"]
    return [f"key:账号 {record.platform}/{record.name}/{record.organizer}"
            + (f"/{record.account_id}" if record.account_id else "（同名账号请填写“账号ID”列区分）")]


def _parse_site_row(v: dict[str, str]) -> tuple[SiteRecord | None, list[str]]:
    problems: list[str] = []
    code = v.get("site_code", "").replace(" ", "")
    code = code.lower() if code.lower().startswith("bm") else code
    if not code:
        problems.append("网站标识码为空")
    elif (p := site_code_problem(code)) is not None:
        problems.append(p)
    name = v.get("name", "")
    if not name:
        problems.append("网站名称为空")
    raw_url = v.get("url", "")
    url = normalise_url(raw_url)
    if not raw_url:
        problems.append("首页地址为空")
    elif url is None:
        problems.append(f"首页地址“{raw_url}”不是有效的网址")
    is_portal = _flag(v.get("is_portal", ""), False)
    if is_portal is None:
        problems.append(f"是否门户“{v['is_portal']}”应为 是 或 否")
    has_services = _flag(v.get("has_services", ""), True)
    if has_services is None:
        problems.append(f"有无办事服务“{v['has_services']}”应为 有/是 或 无/否")
    if problems:
        return None, problems
    return SiteRecord(site_code=code, name=name, url=url or "", organizer=v.get("organizer", ""),
                      is_portal=bool(is_portal), region=v.get("region", ""),
                      has_services=bool(has_services)), problems


def _parse_account_row(v: dict[str, str]) -> tuple[AccountRecord | None, list[str]]:
    problems: list[str] = []
    name = v.get("name", "")
    if not name:
        problems.append("账号名称为空")
    raw_platform = v.get("platform", "")
    platform = _PLATFORM_ALIASES.get(raw_platform.lower(), raw_platform)
    if platform not in PLATFORMS:
        problems.append(f"平台“{raw_platform}”无法识别（应为 {'/'.join(PLATFORMS)}）")
    filed = _flag(v.get("filed", ""), True)
    if filed is None:
        problems.append(f"是否备案“{v['filed']}”应为 是 或 否")
    interaction_raw = v.get("interaction", "")
    interaction = None if not interaction_raw else _flag(interaction_raw, True)
    if interaction_raw and interaction is None:
        problems.append(f"有无互动功能“{interaction_raw}”应为 有/是 或 无/否")
    feed_raw = v.get("feed_url", "")
    feed = normalise_url(feed_raw) if feed_raw else None
    if feed_raw and feed is None:
        problems.append(f"订阅地址“{feed_raw}”不是有效的网址")
    last_raw = v.get("last_post", "")
    never_posted = last_raw in _NEVER_POSTED
    last = parse_date(last_raw) if last_raw and not never_posted else None
    if last_raw and last is None and not never_posted:
        problems.append(f"最近更新“{last_raw}”不是有效日期（如 2020-07-17 或 2020年7月17日）")
    if problems:
        return None, problems
    return AccountRecord(name=name, platform=platform, organizer=v.get("organizer", ""),
                         region=v.get("region", ""), filed=bool(filed), feed_url=feed, last_post=last,
                         interaction=interaction, account_id=v.get("account_id", ""),
                         never_posted=never_posted), problems
