"""Every distinct link target seen on crawled pages, with where it was first seen.

One entry per target keeps memory to the number of distinct targets, not pages × links; a target
on the homepage is marked so (F1 costs more than F2).
"""
from __future__ import annotations

from dataclasses import dataclass
from sys import intern

from govinspect.gather.canonical_url import canonical_url
from govinspect.model.artifacts import Link

CHECKED_TAGS = frozenset({"a", "img", "attachment", "iframe", "embed", "area"})


@dataclass(slots=True)
class LinkRef:
    source_url: str
    anchor: str
    position: str
    tag: str
    on_homepage: bool


class LinkIndex:
    def __init__(self, home: str):
        self.home = home
        self.targets: dict[str, LinkRef] = {}

    def add_page(self, page_url: str, links: list[Link]) -> None:
        on_home = page_url == self.home
        for link in links:
            if link.tag not in CHECKED_TAGS:
                continue
            target = canonical_url(link.url)
            if target is None:
                continue
            ref = self.targets.get(target)
            # position and tag are a handful of words: interned, not one copy per target
            if ref is None:
                self.targets[target] = LinkRef(page_url, link.text or link.title, intern(link.position),
                                               intern(link.tag), on_home)
            elif on_home and not ref.on_homepage:
                self.targets[target] = LinkRef(page_url, link.text or link.title, intern(link.position),
                                               intern(link.tag), True)

    def drop(self, targets: set[str]) -> None:
        """Forget targets the trap guards refused (an endless calendar is not 10,000 links to check)."""
        for t in targets:
            self.targets.pop(t, None)

    def __len__(self) -> int:
        return len(self.targets)
