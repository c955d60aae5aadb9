"""Which hosts belong to the site being inspected.

The registrable domain alone is too wide for Chinese government sites: ``jyj.xianning.gov.cn`` (a
bureau, its own 网站标识码) shares ``xianning.gov.cn`` with the city portal. So the site is its own
host (with or without ``www.``), configured aliases, hosts the homepage redirected to, and the usual
same-site sub-hosts of its registrable domain (信息公开 platforms, mobile skins).
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from govinspect.gather.canonical_url import url_host

SAME_SITE_LABELS = frozenset({"xxgk", "zwgk", "gk", "gkml", "wap", "m", "www2", "zfxxgk"})
# A menu or footer entry that puts the site's 信息公开 or 互动 on another host of the same government.
# The entry names the site's own platform, not another unit's ("教育局信息公开" leads to that bureau's site).
PLATFORM_ENTRY = re.compile(r"^(?:政府)?信息公开(?:平台|专栏|网|目录)?$|^政务公开$|^(?:政民)?互动(?:交流)?(?:平台)?$|"
                            r"^(?:领导|书记|市长|县长|区长|局长|主任)?信箱$|^(?:网上|在线)?咨询$|^留言板?$|^(?:网络)?问政$")


@cache
def _extract() -> Any:
    """tldextract (with requests, and its suffix trie: ~10 MB) only in processes that decide scope — not
    in the parse workers, which import this module through the frontier's patterns."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str:
    parts = _extract()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def _bare(host: str) -> str:
    return host.removeprefix("www.")


class SiteScope:
    def __init__(self, site_url: str, aliases: tuple[str, ...] = ()):
        self.home_host = url_host(site_url)
        self.domain = registrable_domain(self.home_host)
        self._hosts = {_bare(self.home_host)} | {_bare(a.lower()) for a in aliases}
        self._portal_of_domain = _bare(self.home_host) == self.domain

    @property
    def size(self) -> int:
        """How many hosts the site spans: grows when a host is added or adopted (nothing else changes it)."""
        return len(self._hosts)

    def add_host(self, host: str) -> None:
        """The homepage redirected here: the site lives on this host too."""
        self._hosts.add(_bare(host.lower()))

    def adopt(self, url: str, text: str, position: str) -> bool:
        """A nav/footer entry named 信息公开/互动 that leads to another host of the same registrable domain
        (not the domain's portal): that platform is read as part of this site. True when newly adopted."""
        if position not in ("nav", "footer") or not PLATFORM_ENTRY.match(text.strip()):
            return False             # nearly every link: decided before its URL is parsed
        host = url_host(url).lower()
        if self.contains_host(host):
            return False
        if registrable_domain(host) != self.domain or _bare(host) == self.domain:
            return False
        self._hosts.add(_bare(host))
        return True

    def contains_host(self, host: str) -> bool:
        host = host.lower()
        if _bare(host) in self._hosts:
            return True
        if self._portal_of_domain and host.endswith("." + self.domain):
            label = host[: -len(self.domain) - 1]
            return label in SAME_SITE_LABELS
        return False

    def contains(self, url: str) -> bool:
        return self.contains_host(url_host(url))

    def same_domain(self, url: str) -> bool:
        """Same registrable domain (another unit's site, possibly): checked, never crawled."""
        return registrable_domain(url_host(url)) == self.domain
