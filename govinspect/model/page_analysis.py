"""The content-security reading of one page (extract/security/analyse_page.py makes it): every link with
its hiding hints, and the text a visitor sees in blocks. A compact artifact the content checks read
instead of the page's HTML."""
from __future__ import annotations

from dataclasses import dataclass, field

from govinspect.model.fast_pickle import fast_pickle


@dataclass(slots=True)
class PageLink:
    url: str                       # absolute target
    text: str
    title: str = ""
    hidden_hints: tuple[str, ...] = ()
    js_written: bool = False
    container_text: str = ""       # text of the hidden container (a 暗链 block often holds several links)


@dataclass(slots=True)
class TextBlock:
    text: str
    link_url: str | None = None    # the link the text sits in, if any


@dataclass(slots=True)
class PageAnalysis:
    url: str
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)     # keywords / description
    links: list[PageLink] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)  # visible text, hidden subtrees removed
    spider_scripts: list[str] = field(default_factory=list)   # scripts that branch on spider UA/Referer

    @property
    def visible_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


for _cls in (PageLink, TextBlock, PageAnalysis):
    fast_pickle(_cls)
