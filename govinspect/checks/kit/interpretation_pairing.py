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


def policy_names(title: str) -> list[str]:
    """The names a 解读 title would quote: the 《…》 the policy issues or forwards, else its stripped title."""
    names = [_WRAP.sub("", b) for b in _BOOK.findall(title)] + [core_title(title)]
    return [n for n in names if len(n) >= 6]


class Pairing:
    """Indexes built once per site so pairing stays linear in the number of documents (hostile sites may
    list thousands): links in either direction, and policy names found inside 解读 titles. Give ``titles``
    to ask has_interpretation(), none to ask policy_of()."""

    def __init__(self, docs: list[Article], interps: list[Article], titles: list[str]):
        self.by_url = {norm_url(d.url): d for d in docs}
        self.interp_urls = {norm_url(i.url) for i in interps}
        self.linked_from_interps = {norm_url(u) for i in interps for u in i.related_urls}
        self.back_links: dict[str, list[Article]] = {}
        for d in docs:
            for u in d.related_urls:
                self.back_links.setdefault(norm_url(u), []).append(d)
        self.haystack = "\x00".join(_WRAP.sub("", t) for t in titles)
        self.named = [(d, policy_names(d.title)) for d in docs] if not titles else []

    def has_interpretation(self, doc: Article) -> bool:
        return (norm_url(doc.url) in self.linked_from_interps
                or any(norm_url(u) in self.interp_urls for u in doc.related_urls)
                or any(n in self.haystack for n in policy_names(doc.title)))

    def policy_of(self, interp: Article) -> Article | None:
        for u in interp.related_urls:
            if (doc := self.by_url.get(norm_url(u))) is not None:
                return doc
        if (back := self.back_links.get(norm_url(interp.url))):
            return back[0]
        title = _WRAP.sub("", interp.title)
        return next((d for d, names in self.named if any(n in title for n in names)), None)
