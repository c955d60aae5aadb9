"""Site-wide features seen in links and metas (search box, mobile version, 找错 entry)."""
from __future__ import annotations

import re
from re import Pattern

from govinspect.model.artifacts import SiteArtifacts


def homepage_urls(artifacts: SiteArtifacts) -> set[str]:
    urls = {artifacts.url.rstrip("/")}
    if artifacts.homepage:
        urls |= {artifacts.homepage.url.rstrip("/"), artifacts.homepage.final_url.rstrip("/")}
    return urls


def link_matching(artifacts: SiteArtifacts, text: Pattern[str], href: Pattern[str] | None = None) -> str | None:
    """The first visible link whose text/title (or href) matches."""
    for link in artifacts.links or []:
        if link.hidden_hints:
            continue
        if text.search(link.text or "") or text.search(link.title or "") or (href and href.search(link.url)):
            return link.url
    return None


SEARCH_TEXT = re.compile(r"^(站内)?搜索$|全文检索|高级搜索|站内搜索")
SEARCH_HREF = re.compile(r"search|jsearch|sousuo|/so/|s\.jsp|searchweb", re.IGNORECASE)
MOBILE_TEXT = re.compile(r"手机版|移动版|移动端|WAP版", re.IGNORECASE)
ERROR_TEXT = re.compile(r"找错")
ERROR_HREF = re.compile(r"zfwzzc|pucha\.kaipuyun|zfwzgl\.www\.gov\.cn", re.IGNORECASE)
