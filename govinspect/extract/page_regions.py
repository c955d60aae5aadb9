"""Where an element sits on a page (nav / body / footer) and inline hints that it is hidden.

Static only: the markers are tags, ids and classes that CMS templates use for headers, menus
and footers, and inline ``style``/``hidden`` attributes. Computed visibility (stylesheets,
scripts) needs a browser. Results are memoised per node so a page costs one walk per element.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from govinspect.extract.page_text import KNOWN_TAG_IDS, UNDEF_ID, tag_ids
from govinspect.extract.template_memo import TemplateMemo

# Matched against "id class1 class2 …" at once; short tokens only as whole words (split by space, - or _).
_FOOTER_MARK = re.compile(
    r"foot|bottom|copyright|copy_right|banquan|bqxx|dibu|(?:^|[-_\s])(?:ft|btm|bq|db)(?:[-_\s]|$)", re.IGNORECASE)
_NAV_MARK = re.compile(
    r"nav|menu|daohang|(?:^|[-_\s])(?:dh|mainnav|topbar|top|header|head|banner)(?:[-_\s]|$)"
    r"|(?:^|\s)(?:header|top[-_]?(?:bar|menu|nav))", re.IGNORECASE)
_FOOTER_TAGS = {"footer"}
_NAV_TAGS = {"nav", "header"}

_OFFSCREEN_PX = 500


@dataclass(slots=True)
class _NodeInfo:
    region: str | None                     # nearest marker: "nav" | "footer" | None
    hints: tuple[str, ...] = field(default_factory=tuple)


def _style_hints(style: str) -> list[str]:
    s = style.lower().replace(" ", "")
    hints: list[str] = []
    if "display:none" in s:
        hints.append("display:none")
    if "visibility:hidden" in s:
        hints.append("visibility:hidden")
    if re.search(r"(^|;)opacity:0(\.0*)?(;|$)", s):
        hints.append("opacity:0")
    if "position:absolute" in s or "position:fixed" in s:
        for prop in ("top", "left", "right", "bottom"):
            m = re.search(rf"(^|;){prop}:(-\d+)(px|em|rem)?", s)
            if m and abs(int(m.group(2))) >= _OFFSCREEN_PX:
                hints.append("offscreen")
                break
    m = re.search(r"text-indent:(-\d+)", s)
    if m and abs(int(m.group(1))) >= _OFFSCREEN_PX:
        hints.append("offscreen")
    m = re.search(r"font-size:(\d*\.?\d+)(px|pt|em|rem)?", s)
    if m:
        size = float(m.group(1))
        unit = m.group(2) or "px"
        if (unit in ("px", "pt") and size <= 2) or (unit in ("em", "rem") and size <= 0.2):
            hints.append("font-size:tiny")
    if re.search(r"(^|;)(width|height):0(px)?(;|$)", s) or (
            "overflow:hidden" in s and re.search(r"(^|;)(width|height):[01]px", s)):
        hints.append("size:0")
    color = re.search(r"(^|;)color:([^;!]+)", s)
    background = re.search(r"background(-color)?:([^;!]+)", s)
    if color and background and color.group(2) == background.group(2).split()[0]:
        hints.append("same-colour")
    return hints


_OWN_SEEN: TemplateMemo[_NodeInfo] = TemplateMemo(4_096)
_NOWHERE = _NodeInfo(None, ())       # above every marker (shared: a _NodeInfo is never changed)
_ABOVE_BODY = tag_ids(("html",)) | {UNDEF_ID}


def _own_info(tag: str, attrs: dict) -> _NodeInfo:
    region: str | None = None
    if tag in _FOOTER_TAGS:
        region = "footer"
    elif tag in _NAV_TAGS:
        region = "nav"
    else:
        ident, cls = attrs.get("id"), attrs.get("class")
        if ident or cls:
            marker = f"{ident or ''} {cls or ''}".strip()
            if _FOOTER_MARK.search(marker):
                region = "footer"
            elif _NAV_MARK.search(marker):
                region = "nav"
    hints: list[str] = []
    if "hidden" in attrs:
        hints.append("hidden-attr")
    style = attrs.get("style")
    if style:
        hints.extend(_style_hints(style))
    if tag == "marquee":
        hints.append("marquee")
    return _NodeInfo(region, tuple(hints))


class PageRegions:
    """Memoised region and hiding hints for the nodes of one parsed page."""

    def __init__(self) -> None:
        self._cache: dict[int, _NodeInfo] = {}

    def _own(self, node: LexborNode) -> _NodeInfo:
        attrs = node.attributes
        # templates repeat the same few tag/id/class/style combinations on every page of a site; a tag
        # lexbor does not know (its id is an address) is none of the tags _own_info looks for
        tag_id = node.tag_id
        key = (tag_id if tag_id < KNOWN_TAG_IDS else -1, attrs.get("id"), attrs.get("class"), attrs.get("style"),
               "hidden" in attrs)
        return _OWN_SEEN.get(key, lambda: _own_info(node.tag or "", attrs))

    def info(self, node: LexborNode | None) -> _NodeInfo:
        """Region and accumulated hints of ``node`` (walks ancestors, memoised)."""
        cache = self._cache
        chain: list[tuple[LexborNode, int]] = []
        cur = node
        inherited = None
        while cur is not None:
            mid = cur.mem_id
            inherited = cache.get(mid)
            if inherited is not None or cur.tag_id in _ABOVE_BODY:
                break
            chain.append((cur, mid))
            cur = cur.parent
        if inherited is None:
            inherited = _NOWHERE
        for n, mid in reversed(chain):
            own = self._own(n)
            if own.region or own.hints:     # most nodes change nothing: share the parent's info
                region = own.region or inherited.region
                hints = inherited.hints + tuple(h for h in own.hints if h not in inherited.hints)
                inherited = _NodeInfo(region, hints)
            cache[mid] = inherited
        return inherited

    def own_region(self, node: LexborNode) -> str | None:
        """The region ``node`` itself opens ("nav" | "footer"), ignoring its ancestors."""
        return self._own(node).region

    def region(self, node: LexborNode) -> str:
        return self.info(node).region or "body"

    def hints(self, node: LexborNode) -> tuple[str, ...]:
        return self.info(node).hints
