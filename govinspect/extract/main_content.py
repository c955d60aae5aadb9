"""The text of a page's main content region: the body without header, menus, footer and sidebars.

Entry pages (机构 profiles, 办事指南) are judged on what THEY print: the site footer's 联系电话/地址
on every page must not make an 机构 entry look complete (D3), nor give a 办事指南 its 联系电话 or
办理地点 (V6). Two layers, because real CMS templates mark their footers in many ways or not at all:

1. prune subtrees that PageRegions marks nav/footer (tags, ids, classes) and sidebars (aside, *side*);
2. an unmarked footer is found by its signature (ICP备, 公网安备, 网站标识码, 版权所有…): the largest
   small block (< ``_FOOTER_BLOCK_CHARS``) around the first signature in the page's second half that
   does not also hold the page's first words is dropped with everything after it.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import child_nodes

_INVISIBLE = frozenset(("script", "style", "noscript", "template", "textarea", "select", "option"))
_SKIP_TAGS = _INVISIBLE | {"aside", "nav", "header", "footer"}
_MENU_CHARS = 200          # a marked "nav" box shorter than this is left out whatever its links
_SIDEBAR_MARK = re.compile(r"sidebar|side[-_]?(?:bar|nav|menu|box|col)|(?:^|[-_\s])(?:aside|side|sidenav)(?:[-_\s]|$)",
                           re.IGNORECASE)
FOOTER_SIGNATURE = re.compile(r"ICP\s*备|公网安备|网站标识码|版权所有|Copyright|©|技术支持\s*[:：]|主办单位\s*[:：]",
                              re.IGNORECASE)
_FOOTER_BLOCK_CHARS = 600
_FOOTER_BLOCK_DEPTH = 30


class _Sizes:
    """Visible characters (whitespace left out) under every element, and those inside links, from one
    post-order walk: the pruning decisions below then cost O(1) each, even on hostile nesting."""

    def __init__(self, root: LexborNode):
        self.chars: dict[int, int] = {}
        self.links: dict[int, int] = {}
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            if node.tag in _INVISIBLE:
                self.chars[node.mem_id] = self.links[node.mem_id] = 0
                continue
            children = []
            child = node.child
            while child is not None:
                if child.tag not in ("-text", "-comment"):
                    children.append(child)
                child = child.next
            if not done:
                stack.append((node, True))
                stack.extend((c, False) for c in children)
                continue
            total = sum(len("".join((c.text_content or "").split())) for c in _text_children(node))
            total += sum(self.chars.get(c.mem_id, 0) for c in children)
            link = total if node.tag == "a" else sum(self.links.get(c.mem_id, 0) for c in children)
            self.chars[node.mem_id], self.links[node.mem_id] = total, link

    def of(self, node: LexborNode) -> int:
        return self.chars.get(node.mem_id, 0)


def _text_children(node: LexborNode) -> list[LexborNode]:
    out = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            out.append(child)
        child = child.next
    return out


def _pruned(node: LexborNode, regions: PageRegions, sizes: _Sizes, page_chars: int) -> bool:
    """Leave ``node`` out? A marked box that holds half the page is the content itself (templates name
    content wrappers ``menu_con`` or ``margin-top-15``); a "nav" box must also read like a menu."""
    tag = node.tag or ""
    if tag in _SKIP_TAGS:
        return tag not in ("header", "nav") or sizes.of(node) < page_chars / 2
    region = regions.own_region(node)
    if region is None:
        marker = f"{node.attributes.get('id') or ''} {node.attributes.get('class') or ''}".strip()
        if not marker or not _SIDEBAR_MARK.search(marker):
            return False
        region = "side"
    chars = sizes.of(node)
    if chars >= page_chars / 2:
        return False
    if region != "nav" or chars < _MENU_CHARS:
        return True
    return sizes.links.get(node.mem_id, 0) >= chars / 2


def _text_nodes(root: LexborNode, regions: PageRegions, sizes: _Sizes) -> list[LexborNode]:
    """Text nodes under ``root`` in document order, pruned subtrees left out."""
    page_chars = sizes.of(root)
    out: list[LexborNode] = []
    stack: list[LexborNode] = [root]
    while stack:
        node = stack.pop()
        if node.tag == "-text":
            parent = node.parent
            if node.text_content and not node.text_content.isspace() and parent is not None \
                    and parent.tag not in _INVISIBLE:
                out.append(node)
            continue
        if node is not root and node.tag != "-comment" and _pruned(node, regions, sizes, page_chars):
            continue
        stack.extend(reversed(child_nodes(node)))
    return out


def _holds(block: LexborNode, node: LexborNode) -> bool:
    cur = node.parent
    while cur is not None:
        if cur.mem_id == block.mem_id:
            return True
        cur = cur.parent
    return False


def _footer_block_start(nodes: list[LexborNode], root: LexborNode, sizes: _Sizes) -> int | None:
    """Index of the first text node of an unmarked footer block, if the page's second half has one."""
    lengths = [len(n.text_content or "") for n in nodes]
    total = sum(lengths)
    seen = 0
    for i, node in enumerate(nodes):
        if seen >= total / 2 and FOOTER_SIGNATURE.search(node.text_content or ""):
            block = node.parent
            first = nodes[0]
            for _ in range(_FOOTER_BLOCK_DEPTH):
                parent = block.parent if block is not None else None
                if (parent is None or parent.mem_id == root.mem_id or sizes.of(parent) >= _FOOTER_BLOCK_CHARS
                        or _holds(parent, first)):
                    break
                block = parent
            if block is None or _holds(block, first):
                return i
            inside = {n.mem_id for n in block.traverse(include_text=True) if n.tag == "-text"}
            return next((j for j, n in enumerate(nodes) if n.mem_id in inside), i)
        seen += lengths[i]
    return None


def main_content_text(tree: LexborHTMLParser, regions: PageRegions | None = None) -> str:
    """Visible text of the main content region (header, menus, footer and sidebars left out)."""
    root = tree.body
    if root is None:
        return ""
    sizes = _Sizes(root)
    nodes = _text_nodes(root, regions or PageRegions(), sizes)
    if not nodes:       # a template that wraps everything in a "top"/"bottom" box: signature cut only
        nodes = [n for n in root.traverse(include_text=True) if n.tag == "-text" and n.parent is not None
                 and n.parent.tag not in _INVISIBLE and not (n.text_content or "").isspace()]
    cut = _footer_block_start(nodes, root, sizes)
    if cut is not None:
        nodes = nodes[:cut]
    return " ".join(" ".join(n.text_content or "" for n in nodes).split())
