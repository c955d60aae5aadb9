"""Pairing 政策文件 and 解读稿 (D7, D8): by links either way, else by the policy title inside the 解读 title."""
from __future__ import annotations

import re

from govinspect.model.artifacts import Article, SiteArtifacts

_WRAP = re.compile(r"[《》〈〉“”\"'\s]")
_SUFFIX = re.compile(r"(的)?(政策)?(图解|解读|问答|答记者问|一图读懂|一图看懂)+.*$")


def norm_url(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/")


def core_title(title: str) -> str:
    return _SUFFIX.sub("", _WRAP.sub("", title.replace("关于印发", "").replace("的通知", "")))


def _listed_in(artifacts: SiteArtifacts, column_type: str) -> set[str]:
    return {norm_url(i.url) for c in artifacts.columns or [] if c.column_type == column_type for i in c.items}


def policies(artifacts: SiteArtifacts) -> list[Article]:
    """Policy documents: listed in a 政策文件 column when the site has one (a 文号 in a 人事 notice does not
    make it a policy the rule samples), else every article extract calls a policy."""
    listed = _listed_in(artifacts, "policy")
    docs = [a for a in artifacts.articles or [] if a.kind == "policy"]
    if listed:
        docs = [a for a in docs if norm_url(a.url) in listed]
    return list({a.url: a for a in docs}.values())


def interpretations(artifacts: SiteArtifacts) -> list[Article]:
    return list({a.url: a for a in artifacts.articles or [] if a.kind == "interpretation"}.values())


def interpretation_titles(artifacts: SiteArtifacts) -> list[str]:
    """解读 titles from 解读 articles and from the list items of 解读 columns (pages not crawled too)."""
    titles = [a.title for a in interpretations(artifacts)]
    titles += [i.title for c in artifacts.columns or [] if c.column_type == "interpretation" for i in c.items]
    return titles


_BOOK = re.compile(r"《([^》]{4,})》")


def title_matches(policy_title: str, interp_title: str) -> bool:
    """The policy's name (the 《…》 it issues or forwards, else its stripped title) inside the 解读 title."""
    target = _WRAP.sub("", interp_title)
    names = [_WRAP.sub("", b) for b in _BOOK.findall(policy_title)] + [core_title(policy_title)]
    return any(len(n) >= 6 and n in target for n in names)


def explains(interp: Article, policy: Article) -> bool:
    """The 解读 is tied to the policy by a link in either direction or by title."""
    p_url, i_url = norm_url(policy.url), norm_url(interp.url)
    return (p_url in {norm_url(u) for u in interp.related_urls}
            or i_url in {norm_url(u) for u in policy.related_urls}
            or title_matches(policy.title, interp.title))
