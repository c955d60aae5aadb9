"""Artifacts: what gather/extract produce and checks consume.

Plain frozen dataclasses so they serialise to JSON (see ``to_json``/``from_json`` in
``model/serialize.py``) and can be stored per run and re-checked without the network.
Dates are ``datetime.date``; instants are ISO-8601 strings in UTC+8 (the notices' clock).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from govinspect.model.content_reading import ContentReading
from govinspect.model.fast_pickle import fast_pickle
from govinspect.model.page_analysis import PageAnalysis
from govinspect.model.records import AccountRecord

# Error classes shared by probes, page fetches and link checks.
ERROR_CLASSES = (
    "timeout",      # connect/read/total timeout (≥15 s for probes)
    "dns",          # name did not resolve
    "refused",      # TCP refused / reset
    "tls",          # certificate or handshake failure
    "http",         # HTTP status >= 400
    "blocked",      # 403/429/WAF challenge: we were refused, the page is not proven broken
    "too_large",    # body or decompressed body over the cap
    "redirect_loop",
    "too_many_redirects",
    "not_html",     # binary served where HTML was expected
    "empty",        # 2xx with an empty body
    "out_of_scope",
    "trap",         # calendar / session-id / query-permutation trap guard
    "robots",       # disallowed by robots.txt (when honoured)
    "other",
)


@dataclass(frozen=True, slots=True)
class PageSnapshot:
    """One fetched URL. ``text`` is the decoded HTML (None for non-HTML or failures)."""

    url: str
    final_url: str
    status: int | None
    fetched_at: str
    elapsed_ms: float
    content_type: str = ""
    encoding: str | None = None
    text: str | None = None
    size: int = 0
    sha256: str = ""
    depth: int = 0
    referrer: str | None = None
    error_class: str | None = None
    error_detail: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    text_chars: int = 0      # length of the decoded HTML once ``text`` went to the gather store
    soft_404: bool = False   # a 2xx page that says "页面不存在" (decided while its HTML was read)

    @property
    def readable(self) -> bool:
        """A decoded HTML body was read (it may since have left memory for the gather store)."""
        return bool(self.text) or self.text_chars > 0


@dataclass(frozen=True, slots=True)
class Probe:
    """One homepage availability probe (indicators.md V2)."""

    url: str
    at: str
    ok: bool
    status: int | None
    ttfb_ms: float | None
    total_ms: float
    error_class: str | None = None
    error_detail: str | None = None
    test: bool = False       # taken as a test (demo, tests, monitor --test): may decide V2 without a monitored week


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """The outcome of checking one link/image/attachment target."""

    source_url: str
    target_url: str
    anchor: str
    position: str            # nav | body | footer
    on_homepage: bool
    outcome: str             # ok | broken | blocked | timeout | skipped
    status: int | None = None
    error_class: str | None = None
    soft_404: bool = False
    location: str = ""       # location path of the source page, e.g. 首页>专题专栏


@dataclass(frozen=True, slots=True)
class Link:
    """A link seen on a page, with where it sits and hints that it is hidden."""

    url: str
    text: str
    position: str            # nav | body | footer
    tag: str = "a"           # a | img | script | iframe | link | attachment
    hidden_hints: tuple[str, ...] = ()   # e.g. ("display:none", "offscreen", "font-size:0")
    title: str = ""


@dataclass(frozen=True, slots=True)
class ListItem:
    title: str
    url: str
    date: date | None
    date_text: str = ""
    future_date: bool = False        # date after the 监测时间点: flagged, never taken as newest


@dataclass(frozen=True, slots=True)
class Column:
    """A 栏目. ``path`` is the location path as the notices print it, e.g.
    ("首页", "信息公开", "政策文件") → ``location`` "首页>信息公开>政策文件"."""

    name: str
    path: tuple[str, ...]
    url: str
    level: int                       # 1 = first-level column
    column_type: str                 # see COLUMN_TYPES
    type_confidence: float = 1.0
    needs_review: bool = False
    items: tuple[ListItem, ...] = ()
    item_count: int = 0
    newest_date: date | None = None
    blank: bool = False              # no items at all / 暂无信息
    historical: bool = False         # 历史性专题: excluded from staleness
    parent_url: str | None = None
    fetch_error: str | None = None   # list page could not be read: never judged blank/stale
    source: str = ""                 # how it was found: nav | subnav | breadcrumb | sitemap | block | listpage
    page_kind: str = ""              # kind of its first page (PAGE_KINDS)
    kind_evidence: str = ""          # why that kind, in words
    blank_evidence: str = ""         # the explicit empty-list marker ("暂无信息") or "栏目页无正文内容"
    newest_text: str = ""            # the newest date as printed on the list ("[03-11]", "2021年3月11日")
    pages_read: int = 0              # list pages read (first page + pagination)
    total_count: int | None = None   # items the pager says the list holds (共N条)
    other_host: bool = False         # on another host of the same government (信息公开/互动 platform)

    @property
    def location(self) -> str:
        return ">".join(self.path)


# Column types (extract/columns.py decides; rulebooks map them to windows).
COLUMN_TYPES = (
    "news",            # 动态要闻类: 2 weeks
    "notice",          # 通知公告类: 6 months
    "policy",          # 政策文件类: 6 months
    "interpretation",  # 政策解读: 6 months (D6)
    "personnel",       # 人事信息: 1 year
    "planning",        # 规划计划: 1 year
    "interview",       # 在线访谈
    "survey",          # 调查征集
    "consultation",    # 政务咨询 / 领导信箱 / 留言
    "service",         # 办事服务
    "disclosure_guide",    # 信息公开指南
    "disclosure_catalog",  # 信息公开目录 / 法定主动公开内容
    "disclosure_report",   # 信息公开年报
    "finance",         # 财政资金
    "statistics",      # 统计数据
    "special",         # 专题专栏
    "overview",        # 概况信息 / 机构职能
    "other",
)


# Page kinds (extract/page_kinds.py decides, with its evidence; checks use them).
PAGE_KINDS = (
    "home", "list", "article", "content", "landing", "board", "guide", "form", "search", "soft404",
    "login", "sitemap", "other",
)


@dataclass(frozen=True, slots=True)
class PageKind:
    """What one crawled page is, and why; ``confident`` False means not understood (→ 待复核, never 不合格)."""

    url: str
    kind: str                        # see PAGE_KINDS
    evidence: str                    # e.g. "12条带日期列表项，分页3页"
    confident: bool = True


@dataclass(frozen=True, slots=True)
class Understanding:
    """How much of a site the extractor understood (the result JSON's ``sites[].understanding``)."""

    pages: int = 0                   # readable HTML pages
    pages_confident: int = 0         # pages with a confident kind
    kinds: dict[str, int] = field(default_factory=dict)
    columns: int = 0                 # judged columns (not containers, not unread)
    columns_dated: int = 0           # of those, columns with a parsed newest date
    columns_unread: int = 0          # column pages not fetched or failed (未能检测)
    not_understood: tuple[tuple[str, str], ...] = ()   # (reason, url), capped
    other_hosts: tuple[str, ...] = ()                  # hosts of the same government read as part of the site

    @property
    def page_share(self) -> float:
        return self.pages_confident / self.pages if self.pages else 0.0

    @property
    def column_share(self) -> float:
        return self.columns_dated / self.columns if self.columns else 0.0


@dataclass(frozen=True, slots=True)
class FooterInfo:
    """Footer (页面底部功能区) items found on one page; None/False = not found."""

    url: str
    conac_badge: bool = False
    site_code: str | None = None
    icp: str | None = None
    police_filing: str | None = None
    organizer: str | None = None
    contact: str | None = None
    error_report_entry: bool = False     # 我为政府网站找错
    loaded_by_script: bool = False       # footer written at run time (footer.js, frame, empty #footer):
                                         # items missing from the static page are not proven missing


@dataclass(frozen=True, slots=True)
class Message:
    """A published 留言 record."""

    url: str
    title: str = ""
    asked_at: date | None = None
    replied_at: date | None = None
    reply_unit: str | None = None
    reply_text: str | None = None
    status: str | None = None        # the board's status word (已办结, 办理中, 未回复…), None when not shown


@dataclass(frozen=True, slots=True)
class ServiceGuide:
    """A 办事指南 page and which element headings it carries."""

    url: str
    title: str
    elements: tuple[str, ...]    # subset of SERVICE_GUIDE_ELEMENTS found on the page


SERVICE_GUIDE_ELEMENTS = (
    "事项名称", "设定依据", "申请条件", "办理材料", "办理地点",
    "办理机构", "收费标准", "办理时间", "联系电话", "办理流程",
)


@dataclass(frozen=True, slots=True)
class Article:
    """A detail page (文章页)."""

    url: str
    title: str
    column_path: tuple[str, ...] = ()
    pub_date: date | None = None
    pub_date_label: str = ""          # 发布时间 / 发布日期 / 成文日期 / PubDate
    source: str | None = None         # 来源
    kind: str = "article"             # article | policy | interpretation
    related_urls: tuple[str, ...] = ()   # links to a paired policy / 解读
    text: str = ""
    future_date: bool = False            # pub_date after the 监测时间点 (伪造发稿日期?): flag it


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An 机构 entry (信息公开目录>政府机构) and whether it shows contacts (D3)."""

    url: str
    name: str
    has_phone: bool
    has_address: bool
    location: str = ""


@dataclass(frozen=True, slots=True)
class PageMeta:
    """<meta> SiteIDCode/SiteName/ColumnName/PubDate, viewport, search form."""

    url: str
    site_code: str | None = None
    site_name: str | None = None
    column_name: str | None = None
    pub_date: str | None = None
    content_source: str | None = None
    viewport: bool = False
    search_form: bool = False
    title: str = ""


@dataclass(frozen=True, slots=True)
class NetworkFacts:
    """Site-level facts gathered outside page crawling."""

    host: str
    https_ok: bool | None = None       # valid certificate over 443
    http_redirects_to_https: bool | None = None
    ipv6: bool | None = None           # AAAA + fetch over IPv6; None = not tested
    robots_honoured: bool = True


@dataclass(frozen=True, slots=True)
class Post:
    """A new-media post seen through an adapter."""

    published_at: date | None
    title: str = ""
    text: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """How far an adapter's posts can be trusted. Only ``ok`` and ``manual`` are evidence."""

    status: str            # ok | empty | http_error | parse_error | dead | timeout | manual | none
    detail: str = ""
    http_status: int | None = None
    newest: date | None = None
    post_count: int = 0


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    """An attachment (docx, xlsx, pdf …) linked from the site, as fetched. Its bytes cross to extract and are
    never stored: only what was read from them (``AttachmentRead``, masked ``PersonalDataHit``)."""

    url: str
    source_url: str
    status: int | None = None
    content_type: str = ""
    size: int = 0
    fetch_ms: float = 0.0
    error_class: str | None = None
    error_detail: str | None = None
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class AttachmentRead:
    """How one attachment was read for personal data, with the bounds it was read within."""

    url: str
    source_url: str
    kind: str                 # docx | xlsx | xls | pdf | wps | et | doc | …
    outcome: str              # read | truncated | too_large | timeout | http | unsupported | unreadable | no_text
    size: int = 0
    fetch_ms: float = 0.0
    read_ms: float = 0.0
    chars: int = 0
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PersonalDataHit:
    """Personal data or a secret marking seen on a page or in an attachment. ``masked`` and ``excerpt`` are
    masked (4201**********1234, 张*明): no artifact ever holds the full number."""

    url: str                  # the page or the attachment
    kind: str                 # id_card | bank_card | mobile | secret_marking
    masked: str
    excerpt: str = ""
    where: str = "page"       # page | attachment
    place: str = ""           # sheet / page / line inside the file
    source_url: str = ""      # for an attachment: the page that links it


@dataclass(slots=True)
class SiteArtifacts:
    """Everything gathered and extracted for one site in one run; checks read only this.

    A field left ``None`` means "not gathered": a check that requires it returns an
    ``error`` finding (未能检测), never a pass or a fail.
    """

    site_code: str
    url: str
    homepage: PageSnapshot | None = None
    homepage_items: list[ListItem] | None = None
    homepage_navigation_only: bool | None = None
    probes: list[Probe] | None = None
    columns: list[Column] | None = None
    footers: list[FooterInfo] | None = None
    links: list[Link] | None = None             # links on crawled pages (with hiding hints)
    link_checks: list[LinkCheck] | None = None
    messages: list[Message] | None = None
    service_guides: list[ServiceGuide] | None = None
    articles: list[Article] | None = None
    org_entries: list[OrgEntry] | None = None
    metas: list[PageMeta] | None = None
    network: NetworkFacts | None = None
    pages: list[PageSnapshot] | None = None     # fetched pages, without their HTML (it is in the gather store)
    page_analyses: list[PageAnalysis] | None = None   # content-security reading of each HTML page
    content_reading: ContentReading | None = None      # what the content checks judge (extract/security/read_site)
    spider_views: dict[str, PageSnapshot] | None = None  # UA name → homepage as a spider sees it
    gather_errors: list[str] = field(default_factory=list)
    blocked: bool = False          # the site refused us (403/WAF): whole site is 未能检测
    page_kinds: list[PageKind] | None = None
    understanding: Understanding | None = None
    attachments: list[AttachmentRead] | None = None         # attachments read for personal data
    personal_data: list[PersonalDataHit] | None = None      # masked personal data / secret markings

    def missing(self, kinds: tuple[str, ...]) -> list[str]:
        return [k for k in kinds if getattr(self, k) is None]


@dataclass(slots=True)
class AccountArtifacts:
    """What one new-media account's adapter saw."""

    key: str
    record: AccountRecord | None = None
    posts: list[Post] | None = None
    health: FeedHealth | None = None

    def missing(self, kinds: tuple[str, ...]) -> list[str]:
        return [k for k in kinds if getattr(self, k) is None]


@dataclass(slots=True)
class AccountSetArtifacts:
    """All accounts of one run (for cross-account checks such as duplicate_accounts)."""

    accounts: list[AccountRecord] | None = None

    def missing(self, kinds: tuple[str, ...]) -> list[str]:
        return [k for k in kinds if getattr(self, k) is None]


# classes a page's digest holds by the hundred: pickled by field tuple (fast_pickle.py)
for _cls in (PageSnapshot, Link, ListItem, Message, PageMeta, FooterInfo, Article, PageKind, PersonalDataHit):
    fast_pickle(_cls)
