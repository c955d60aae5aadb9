"""What gathering one site gave (gather_site.py): the network's facts, the crawled pages without their HTML,
and where their HTML and digests are stored.

Its own small module: an assessment process receives it (pickled by module and name) and must not import
the crawler — aiohttp, tldextract, the HTTP client — to read it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from govinspect.gather.page_store import PageSource
from govinspect.model.artifacts import AttachmentFile, Link, LinkCheck, NetworkFacts, PageSnapshot, Probe
from govinspect.model.records import SiteRecord


@dataclass
class GatherOutcome:
    site: SiteRecord
    pages: Sequence[PageSnapshot] = field(default_factory=list)   # a scan's: page_store.StoredPages
    probes: list[Probe] | None = None
    link_checks: list[LinkCheck] | None = None
    network: NetworkFacts | None = None
    spider_views: dict[str, PageSnapshot] | None = None
    blocked: bool = False
    errors: list[str] = field(default_factory=list)
    robots_text: str | None = None
    rendered_links: list[Link] | None = None        # --render-js: homepage links, computed visibility
    screenshots: dict[str, str] = field(default_factory=dict)
    attachments: list[AttachmentFile] | None = None  # read for personal data, never stored (fetch_attachments.py)
    source: PageSource = field(default_factory=PageSource)   # the pages' HTML and digests (gather store)
    as_of: date | None = None                        # the 监测时间点 the digests were made for
