"""The text a reader sees in a node: text nodes outside script/style/noscript/template, no comments."""
from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode


def tag_ids(names: Iterable[str]) -> frozenset[int]:
    """lexbor's ids of these tags: a walk compares a node's ``tag_id`` (an int) rather than its ``tag``, which
    decodes a new string at every node."""
    parser = LexborHTMLParser("")
    return frozenset(parser.create_node(name).tag_id for name in names)


TEXT_ID = LexborHTMLParser("<p>x</p>").css_first("p").child.tag_id     # a text node's
UNDEF_ID = 0                # lexbor's LXB_TAG__UNDEF
KNOWN_TAG_IDS = 1024        # lexbor's own tags are numbered below this; an unknown tag's id is an address
_SKIP = tag_ids(("script", "style", "noscript", "template", "textarea"))
_WS = re.compile(r"[\s\u3000\xa0\u2002\u2003]+")


def visible_text(node: LexborNode | None, separator: str = " ") -> str:
    if node is None:
        return ""
    parts: list[str] = []
    for n in node.traverse(include_text=True):
        if n.tag_id == TEXT_ID:
            text = n.text_content       # before the parent: half the text nodes are layout whitespace
            if text and not text.isspace():
                parent = n.parent
                if parent is not None and parent.tag_id not in _SKIP:
                    parts.append(text)
    return " ".join(separator.join(parts).split())     # every _WS character is whitespace to split()


def script_text(node: LexborNode | None) -> str:
    """Inline script bodies with markup removed (footers written by document.write)."""
    if node is None:
        return ""
    chunks = [s.text() or "" for s in node.css("script") if not s.attributes.get("src")]
    joined = " ".join(chunks)
    joined = re.sub(r"<[^>]+>|['\"]\s*\+\s*['\"]|\\[nrt]", " ", joined)
    return _WS.sub(" ", joined)


def child_nodes(node: LexborNode) -> list[LexborNode]:
    """Every child of ``node``, text and comments included, in document order."""
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out
