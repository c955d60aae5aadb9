"""SOURCE arguments of `scan`: registry files (CSV/XLSX) or homepage URLs (a webmaster's 自查)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.registry.parse_registry import normalise_url, parse_registry_file
from govinspect.registry.registry_errors import RegistryFileError


def self_check_site(url: str) -> SiteRecord:
    """A URL given on the command line: no 标识码 known, keyed by host ('自查:' prefix)."""
    host = urlsplit(url).hostname or url
    return SiteRecord(site_code=f"自查:{host}", name=host, url=url, is_portal=False, region="自查")


def name_self_checked_site(site: SiteRecord, artifacts: SiteArtifacts) -> SiteRecord:
    """A 自查 site is named by its own <meta name="SiteName"> or homepage title once gathered."""
    if not site.site_code.startswith("自查:"):
        return site
    for meta in artifacts.metas or []:
        if meta.site_name and meta.site_name.strip():
            return replace(site, name=meta.site_name.strip()[:100])
    home = next((m for m in artifacts.metas or [] if m.url.rstrip("/") == site.url.rstrip("/")), None)
    title = (home.title if home else "").split("|")[0].split("-")[0].split("_")[0].strip()
    return replace(site, name=title[:100]) if title else site


def load_sources(sources: list[str]) -> tuple[list[SiteRecord], list[AccountRecord]]:
    sites: list[SiteRecord] = []
    accounts: list[AccountRecord] = []
    for src in sources:
        path = Path(src)
        if path.suffix.lower() in (".csv", ".xlsx", ".xlsm", ".tsv", ".txt") or path.exists():
            if not path.exists():
                raise ValueError(f"名录文件不存在：{src}")
            try:
                parsed = parse_registry_file(path)
            except RegistryFileError as exc:
                raise ValueError(f"{src}：{exc}") from exc
            if parsed.errors:
                lines = "\n".join(f"  {e}" for e in parsed.errors[:50])
                raise ValueError(f"{src} 有 {len(parsed.errors)} 行错误，请改正后再检查（或先用 govinspect import 查看）：\n{lines}")
            sites.extend(parsed.sites)
            accounts.extend(parsed.accounts)
            continue
        url = normalise_url(src)
        if url is None:
            raise ValueError(f"“{src}”既不是存在的名录文件，也不是有效的网址")
        sites.append(self_check_site(url))
    if not sites and not accounts:
        raise ValueError("没有可检查的网站或账号")
    return sites, accounts
