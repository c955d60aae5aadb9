"""How much of a site was understood: pages with a confident kind, columns with a parsed newest date,
and what was not understood (grouped by reason), for the result and the summary."""
from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from govinspect.model.artifacts import Column, PageKind, Understanding

_JUDGED_KINDS = ("list", "board", "other", "")


def other_hosts(kinds: list[PageKind], home_url: str) -> tuple[str, ...]:
    """Hosts other than the homepage's whose pages were read as part of the site (a 信息公开 or 互动
    platform of the same government that the site's menus lead to)."""
    home = (urlsplit(home_url).hostname or "").removeprefix("www.")
    hosts = {(urlsplit(k.url).hostname or "") for k in kinds}
    return tuple(sorted(h for h in hosts if h and h.removeprefix("www.") != home))


def coverage(kinds: list[PageKind], columns: list[Column], cap: int, home_url: str = "") -> Understanding:
    parents = {c.path[:n] for c in columns for n in range(1, len(c.path))}
    judged = [c for c in columns if c.path not in parents and not c.historical
              and c.page_kind in _JUDGED_KINDS and not c.blank]
    unread = [c for c in columns if c.fetch_error]
    read = [c for c in judged if not c.fetch_error]
    not_understood = [(k.evidence, k.url) for k in kinds if not k.confident]
    not_understood += [(f"栏目未读取：{c.fetch_error}", c.url) for c in unread]
    not_understood += [("栏目列表未解析出日期", c.url) for c in read if c.newest_date is None and c.items]
    return Understanding(
        pages=len(kinds), pages_confident=sum(1 for k in kinds if k.confident),
        kinds=dict(Counter(k.kind for k in kinds)), columns=len(read),
        columns_dated=sum(1 for c in read if c.newest_date is not None), columns_unread=len(unread),
        not_understood=tuple(not_understood[:cap]), other_hosts=other_hosts(kinds, home_url) if home_url else ())
