"""Registry records: the sites and new-media accounts under inspection."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PLATFORMS = ("微信", "微博", "抖音", "快手", "头条号", "其他")


@dataclass(frozen=True, slots=True)
class SiteRecord:
    site_code: str
    name: str
    url: str
    organizer: str = ""
    is_portal: bool = False
    region: str = ""
    has_services: bool = True


@dataclass(frozen=True, slots=True)
class AccountRecord:
    name: str
    platform: str
    organizer: str = ""
    region: str = ""
    filed: bool = True
    feed_url: str | None = None
    last_post: date | None = None
    interaction: bool | None = None    # None = unknown (reviewer decides)
    account_id: str = ""               # 账号ID (微信号, 微博 UID …): tells same-named accounts apart
    never_posted: bool = False         # 最近更新 recorded as 无更新 (a human statement, like last_post)

    @property
    def key(self) -> str:
        """Stable identity of an account across imports and runs."""
        base = f"{self.platform}:{self.name}:{self.organizer}"
        return f"{base}:{self.account_id}" if self.account_id else base
