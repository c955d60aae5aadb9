"""Structure of the demo city: sites, columns, planted defects and accounts.

Only structure lives in memory (a few hundred bytes per column); page bodies are rendered on
request from (seed, site, column, item index), so a 50 × 2,000-page city costs next to nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True, slots=True)
class DemoResponse:
    status: int
    headers: dict[str, str]
    body: bytes
    delay_s: float = 0.0          # the server sleeps this long before answering (slow feeds)


@dataclass(slots=True)
class DemoColumn:
    """A 栏目 of a demo site. Items are numbered from 0 (newest)."""

    cid: int
    name: str
    path: tuple[str, ...]          # ("首页", "政府信息公开", "财政资金")
    slug: str                      # URL segment, e.g. "zwgk/czzj"
    column_type: str               # one of model.artifacts.COLUMN_TYPES
    level: int
    kind: str = "list"             # list | container | messages | guides | orgs
    count: int = 0                 # number of items (0 = 空白栏目)
    newest: date | None = None     # date of item 0 (None when blank)
    interval: float = 7.0          # mean days between consecutive items
    historical: bool = False       # 历史性专题: excluded from staleness
    children: list[int] = field(default_factory=list)
    parent: int | None = None

    @property
    def location(self) -> str:
        return ">".join(self.path)

    @property
    def is_container(self) -> bool:
        return self.kind == "container"


@dataclass(slots=True)
class SitePlants:
    """Defects planted on one site (besides the column dates, which the columns carry)."""

    missing_footer: set[str] = field(default_factory=set)     # FOOTER_ITEMS keys
    missing_disclosure: set[str] = field(default_factory=set)  # DISCLOSURE_COLUMNS names
    no_search: bool = False
    no_viewport: bool = False
    no_ipv6: bool = False
    no_error_report: bool = False
    invalid_footer_code: str | None = None     # code printed in footer/meta instead of the real one
    nav_only_homepage: bool = False
    no_services: bool = False                  # registry says 有办事服务 but the site has none
    no_consultation: bool = False
    unreachable: bool = False                  # every request answers 502
    blocked: bool = False                      # every request answers 403 (WAF)
    broken_links: list[tuple[str, bool]] = field(default_factory=list)  # (path or absolute url, on homepage)
    soft_404_paths: set[str] = field(default_factory=set)
    # item plants: (cid, index) -> {"no_source": True, "wording": "...", "forged": date, "spam_tail": True}
    items: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    hidden_links: list[str] = field(default_factory=list)   # hiding-trick names (see spam_plants.TRICKS)
    hijacked_title_cid: int | None = None       # list page of this column shows a hijacked title
    spam_meta_cid: int | None = None            # list page of this column carries spam keywords/description
    cloaking: bool = False                      # homepage shows spam to spiders only
    missing_interp_policies: set[int] = field(default_factory=set)   # policy indices without 解读
    interp_no_link_to_policy: set[int] = field(default_factory=set)  # policy indices (their 解读 lacks the link)
    interp_no_link_from_policy: set[int] = field(default_factory=set)  # policy pages lacking the back link
    messages_incomplete: set[int] = field(default_factory=set)        # message indices missing reply fields
    messages_unanswered: set[int] = field(default_factory=set)
    guides_incomplete: dict[int, tuple[str, ...]] = field(default_factory=dict)  # guide index -> missing
    orgs_without_contacts: set[int] = field(default_factory=set)


@dataclass(slots=True)
class DemoSite:
    index: int
    site_code: str                 # as registered (valid)
    name: str
    organizer: str
    region: str
    is_portal: bool
    has_services: bool             # as registered
    host: str
    template: str                  # trs | hanweb | jcms
    encoding: str                  # utf-8 | gbk
    role: str                      # what the generator planted here (see plan_defects.py)
    unit: str                      # short unit name used in prose, e.g. 咸宁市教育局
    place: str                     # region name used in prose, e.g. 咸宁市
    columns: list[DemoColumn] = field(default_factory=list)
    plants: SitePlants = field(default_factory=SitePlants)
    contact_phone: str = ""
    icp: str = ""
    police_filing: str = ""
    skin_seed: int | None = None   # render through random_skin(skin_seed) instead of the template's skin

    by_cid: dict[int, DemoColumn] = field(default_factory=dict)
    interp_policies: list[int] = field(default_factory=list)  # 解读 item k explains policy item [k]

    def index_columns(self) -> None:
        self.by_cid = {c.cid: c for c in self.columns}

    def column(self, cid: int) -> DemoColumn | None:
        return self.by_cid.get(cid)

    def columns_of_type(self, column_type: str) -> list[DemoColumn]:
        return [c for c in self.columns if c.column_type == column_type and not c.is_container]

    @property
    def top_columns(self) -> list[DemoColumn]:
        return [c for c in self.columns if c.parent is None]


@dataclass(frozen=True, slots=True)
class DemoAccount:
    key: str
    name: str
    platform: str
    organizer: str
    region: str
    filed: bool
    feed_kind: str | None          # rss | atom | json | None (no feed: manual last_post)
    feed_path: str | None          # path on the feed host
    behaviour: str                 # fresh | stale | empty | http500 | slow | garbage | manual_fresh | ...
    newest: date | None            # newest post date (None = never posted)
    post_count: int
    interaction: bool = True
    last_post: date | None = None  # registry 最近更新 (manual truth, only for accounts without a feed)
    wording: str | None = None     # wrong text planted in a post
    chinese_dates: bool = False    # pubDate written as 2020年07月17日


def item_date(column: DemoColumn, index: int, jitter: float) -> date:
    """Date of item ``index`` of a column: item 0 is ``newest``; later items are spread back by
    ``interval`` with a deterministic jitter in [0, 0.5) intervals (dates stay monotone)."""
    assert column.newest is not None
    if index == 0:
        return column.newest
    return column.newest - timedelta(days=int((index + jitter) * column.interval))
