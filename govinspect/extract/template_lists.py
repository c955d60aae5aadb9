"""Pages of one site share their list templates: where the other column pages of a template print their
items, an empty container on this page is an explicitly empty list (``<div class="ztzxkList"><ul></ul>``),
even with no "暂无信息" text. Record-structure mining in the spirit of MDR/DEPTA, reduced to what the
blank check needs: the tag path of each list's item container, learnt from the site's own list pages.
"""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.links import clean_text
from govinspect.extract.list_items import ListPage

_ROW_TAGS = ("li", "tr", "dd", "dt", "p")
_CHAIN = 4                       # container + 3 ancestors
Signature = tuple[tuple[str, str], ...]


def _chain(node: LexborNode) -> Signature:
    out = []
    cur: LexborNode | None = node
    while cur is not None and len(out) < _CHAIN and cur.tag not in ("body", "html"):
        out.append((cur.tag or "", (cur.attributes.get("class") or "").strip()))
        cur = cur.parent
    return tuple(out)


def list_signature(tree: LexborHTMLParser, listing: ListPage) -> Signature | None:
    """The tag path of the container that holds the page's dated main items as repeated rows (the
    container of at least two of its first dated items)."""
    if tree.body is None:
        return None
    heads = [i.title[:8] for i in listing.main_items() if i.date and i.title][:6]
    if len(heads) < 2:
        return None
    counts: dict[Signature, int] = {}
    for a in tree.body.css("a[href]"):
        text = clean_text(a.text(deep=True)) or clean_text(a.attributes.get("title"))
        if not text or not any(text.startswith(h) for h in heads):
            continue
        row = a.parent
        while row is not None and row.tag not in _ROW_TAGS and row.tag not in ("body", "html"):
            row = row.parent
        if row is None or row.tag in ("body", "html") or row.parent is None:
            continue
        chain = _chain(row.parent)
        if any(cls for _, cls in chain):          # a bare <ul> path says nothing
            counts[chain] = counts.get(chain, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= 2 else None


def empty_template_list(tree: LexborHTMLParser, signatures: set[Signature]) -> str | None:
    """Evidence text when this page holds one of the site's list containers with nothing in it."""
    if tree.body is None or not signatures:
        return None
    tags = {sig[0][0] for sig in signatures}
    for node in tree.body.css(",".join(sorted(tags))):
        if node.css_first("a[href]") is not None or clean_text(node.text(deep=True)):
            continue
        chain = _chain(node)
        if chain in signatures:
            where = ">".join(f"{t}.{c.split()[0]}" if c else t for t, c in reversed(chain))
            return f"列表容器（{where}）为空，同模板的其他栏目页在此处列有条目"
    return None
