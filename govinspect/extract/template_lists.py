"""Pages of one site share their list templates: where the other column pages of a template print their
items, an empty container on this page is an explicitly empty list (``<div class="ztzxkList"><ul></ul>``),
even with no "暂无信息" text. Record-structure mining in the spirit of MDR/DEPTA, reduced to what the
blank check needs: the tag path of each list's item container, learnt from the site's own list pages.
"""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.links import clean_text
from govinspect.extract.list_items import ListPage
from govinspect.extract.page_text import child_nodes

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


_MAX_EMPTY = 1000


def empty_chains(tree: LexborHTMLParser) -> tuple[Signature, ...]:
    """Tag paths of the page's empty containers (no link, no text) that carry a class on their path, in
    document order: the candidates ``empty_template_list`` matches against the site's templates."""
    if tree.body is None:
        return ()
    order: list[LexborNode] = []
    stack = [tree.body]
    while stack:                       # document order, without recursion (hostile nesting)
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(child_nodes(node)))
    full: set[int] = set()             # nodes holding a link or text
    for node in reversed(order):       # descendants before their ancestors
        tag = node.tag or ""
        if (tag == "-text" and (node.text_content or "").strip()) or (tag == "a" and "href" in node.attributes):
            full.add(node.mem_id)
        if node.mem_id in full and node.parent is not None:
            full.add(node.parent.mem_id)
    out: dict[Signature, None] = {}
    for node in order[1:]:
        tag = node.tag or ""
        if tag.startswith("-") or node.mem_id in full:
            continue
        chain = _chain(node)
        if any(cls for _, cls in chain):
            out.setdefault(chain)
            if len(out) >= _MAX_EMPTY:
                break
    return tuple(out)


def empty_template_list(chains: tuple[Signature, ...], signatures: set[Signature]) -> str | None:
    """Evidence text when this page holds one of the site's list containers with nothing in it."""
    if not signatures:
        return None
    for chain in chains:
        if chain in signatures:
            where = ">".join(f"{t}.{c.split()[0]}" if c else t for t, c in reversed(chain))
            return f"列表容器（{where}）为空，同模板的其他栏目页在此处列有条目"
    return None
