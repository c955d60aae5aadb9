"""One pass over a page for content security: every link with its hiding hints (inline styles, ``<style>``
rules, the hidden attribute, marquee, colour equal to the background, JavaScript-written markup) and the
text a visitor sees, split into blocks, with hidden subtrees left out.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.links import page_origin
from govinspect.extract.page_text import KNOWN_TAG_IDS, UNDEF_ID, tag_ids
from govinspect.extract.security.css_hiding import (
    Rule,
    background_colour,
    hiding_hints,
    normalise_colour,
    parse_declarations,
    stylesheet_parts,
)
from govinspect.extract.security.js_payloads import sniffs_spiders, written_html
from govinspect.extract.template_memo import TemplateMemo
from govinspect.model.page_analysis import PageAnalysis, PageLink, TextBlock

MAX_HTML_CHARS = 3_000_000
MAX_RULE_MATCHES = 400          # stylesheet rules evaluated per page (hostile pages)
MAX_ANCESTORS = 256             # ancestors inspected per link
_BLOCK_TAGS = frozenset(("p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "ul",
                         "ol", "table", "section", "article", "header", "footer", "nav", "dd", "dt", "dl",
                         "form", "title", "option", "blockquote", "center", "marquee"))
# cheap pre-filters before decoding a script
_WRITES_MARKUP = ("<", "atob", "\\x", "\\u", "fromCharCode", "unescape", "decodeURI")
_SNIFF_MARKERS = ("spider", "baidu", "sogou", "so.com", "referrer", "useragent")
_ABOVE_BODY = tag_ids(("html",)) | {UNDEF_ID}     # where an ancestor walk stops
_SKIP_TEXT = frozenset(("script", "style", "noscript", "template", "textarea", "head", "select"))


# (hints nearest first, outermost node with hints, nearest colour, nearest background, nodes counted)
_Chain = tuple[tuple[str, ...], "LexborNode | None", "str | None", "str | None", int]
_TOP: _Chain = ((), None, None, None, 0)


# what a set of declarations does to its element: hiding hints, text colour, background (none: None)
_Effect = tuple[tuple[str, ...], "str | None", "str | None"]
# a site's templates repeat the same inline styles on every page
_STYLE_EFFECTS: TemplateMemo[_Effect] = TemplateMemo(4_096)


def _effect(decls: dict[str, str]) -> _Effect:
    colour = normalise_colour(decls["color"]) if "color" in decls else None
    background = background_colour(decls)
    return tuple(hiding_hints(decls)), colour or None, background if background != "transparent" else None


class _Styles:
    """Hiding hints and colours per node, from the stylesheet rules and inline styles."""

    def __init__(self, tree: LexborHTMLParser, rules: list[tuple[str, dict[str, str]]]):
        self.hints: dict[int, list[str]] = {}
        self.colour: dict[int, str] = {}
        self.background: dict[int, str] = {}
        self._chains: dict[int, _Chain] = {}
        for selector, decls in rules[:MAX_RULE_MATCHES]:
            try:
                nodes = tree.css(selector)
            except Exception:  # noqa: BLE001, S112 - selectors lexbor cannot parse are skipped
                continue
            if nodes:
                effect = _effect(decls)
                for node in nodes:
                    self._apply(node.mem_id, effect)
        for node in tree.css("[style]"):
            style = node.attributes.get("style") or ""
            self._apply(node.mem_id, _STYLE_EFFECTS.get(style, lambda s=style: _effect(parse_declarations(s))))
        for node in tree.css("[hidden]"):
            self.hints.setdefault(node.mem_id, []).append("hidden-attr")
        for node in tree.css("marquee"):
            if _marquee_hides(node):
                self.hints.setdefault(node.mem_id, []).append("marquee")

    def _apply(self, mid: int, effect: _Effect) -> None:
        hints, colour, background = effect
        if hints:
            self.hints.setdefault(mid, []).extend(hints)
        if colour:
            self.colour[mid] = colour
        if background:
            self.background[mid] = background

    def link_hints(self, node: LexborNode) -> tuple[tuple[str, ...], LexborNode | None]:
        """Hints on the node or an ancestor, and the outermost hidden ancestor (the 暗链 container)."""
        if not (self.hints or self.colour):      # nothing on the page hides or colours text
            return (), None
        chain = self._chain(node)
        if chain is None:                        # deeper than MAX_ANCESTORS: only the nearest ones count
            return self._walk(node)
        hints, container, colour, background, _steps = chain
        if colour is not None and colour == background and colour != "transparent":
            return (*hints, "same-colour"), container or node
        return hints, container

    def _chain(self, node: LexborNode) -> _Chain | None:
        """What ``node`` and its ancestors say: the hints (nearest first, each once), the outermost node
        with hints, the nearest colour and background, and how many nodes that took. Remembered per node,
        so a page's links, which share most of their ancestors, walk each ancestor once."""
        path: list[tuple[LexborNode, int]] = []
        chains = self._chains
        cur: LexborNode | None = node
        while True:
            if cur is None:
                base: _Chain = _TOP
                break
            mid = cur.mem_id
            known = chains.get(mid)             # before the tag: most links' parent is known
            if known is not None:
                base = known
                break
            if cur.tag_id in _ABOVE_BODY:
                base = _TOP
                break
            path.append((cur, mid))
            if len(path) > MAX_ANCESTORS:
                return None
            cur = cur.parent
        for n, mid in reversed(path):
            hints, container, colour, background, steps = base
            own = self.hints.get(mid)
            if own:
                merged: list[str] = []
                merged.extend(h for h in (*own, *hints) if h not in merged)
                hints, container = tuple(merged), container if container is not None else n
            base = (hints, container, self.colour.get(mid, colour), self.background.get(mid, background),
                    steps + 1)
            chains[mid] = base
        return base if base[4] <= MAX_ANCESTORS else None

    def _walk(self, node: LexborNode) -> tuple[tuple[str, ...], LexborNode | None]:
        """The ancestor walk ``_chain`` remembers, bounded: hostile nesting costs bounded time."""
        hints: list[str] = []
        container = None
        colour = background = None
        cur: LexborNode | None = node
        for _ in range(MAX_ANCESTORS):
            if cur is None or cur.tag_id in _ABOVE_BODY:
                break
            mid = cur.mem_id
            if mid in self.hints:
                hints.extend(h for h in self.hints[mid] if h not in hints)
                container = cur
            if colour is None and mid in self.colour:
                colour = self.colour[mid]
            if background is None and mid in self.background:
                background = self.background[mid]
            cur = cur.parent
        if colour is not None and colour == background and colour != "transparent":
            hints.append("same-colour")
            container = container or node
        return tuple(hints), container

    def hides(self, node: LexborNode) -> bool:
        return node.mem_id in self.hints


def _marquee_hides(node: LexborNode) -> bool:
    attrs = node.attributes
    for name in ("height", "width"):
        value = (attrs.get(name) or "").strip().rstrip("px")
        if value.isdigit() and int(value) <= 5:
            return True
    amount = (attrs.get("scrollamount") or "").strip()
    return amount.isdigit() and int(amount) >= 1000


def _clean(text: str) -> str:
    return " ".join(text.split())


# what the text walk does at a node, by lexbor tag id (an unknown tag's id is an address, new per page)
_PLAIN, _TEXT, _SKIP, _BLOCK, _LINK = 0, 1, 2, 3, 4
_KINDS: dict[int, int] = {}


def _kind_of(node: LexborNode) -> int:
    tag = node.tag
    kind = (_TEXT if tag == "-text" else _SKIP if tag in _SKIP_TEXT or tag == "-comment" else
            _LINK if tag == "a" else _BLOCK if tag in _BLOCK_TAGS else _PLAIN)
    if node.tag_id < KNOWN_TAG_IDS:
        _KINDS[node.tag_id] = kind
    return kind


def _blocks(root: LexborNode, styles: _Styles) -> list[TextBlock]:
    """The visible text in blocks: a block or link element starts and ends one; hidden subtrees and
    script-like elements are left out. ``None`` on the stack marks where a block or link ends."""
    blocks: list[TextBlock] = []
    current: list[str] = []
    link: str | None = None
    hidden = styles.hints
    kinds = _KINDS
    stack: list[LexborNode | None] = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if node is None:
            if current:
                if text := _clean("".join(current)):
                    blocks.append(TextBlock(text, link))
                current.clear()
            link = None
            continue
        kind = kinds.get(node.tag_id)
        if kind is None:
            kind = _kind_of(node)
        if kind == _TEXT:
            current.append(node.text_content or "")
            continue
        if kind == _SKIP or (hidden and node.mem_id in hidden):
            continue
        if kind >= _BLOCK:
            if current:
                if text := _clean("".join(current)):
                    blocks.append(TextBlock(text, link))
                current.clear()
            link = (node.attributes.get("href") or "") if kind == _LINK else None
            push(None)
        children = list(node.iter(include_text=True))     # pushed last to first: popped in document order
        children.reverse()
        stack.extend(children)
    if current and (text := _clean("".join(current))):
        blocks.append(TextBlock(text, link))
    return blocks


_JOINED: TemplateMemo[str] = TemplateMemo(16_384)


def _join(base: str, origin: str, href: str) -> str:
    """``urljoin(base, href)``, remembered: a site's menus and footer repeat their links on every page.
    What of ``base`` decides the result: its scheme for an absolute href, its origin for a /path (and a
    //host one), all of it for a relative one."""
    if href[:1] == "/":
        key = (origin, href)
    elif href[:8].lower().startswith(("http://", "https://")):
        key = (origin[:origin.find(":") + 1], href)
    else:
        key = (base, href)
    return _JOINED.get(key, lambda: urljoin(base, href))


# decides, as the links are read, which a caller keeps: (url, text, title, hints, js_written, container_text)
KeepLink = Callable[[str, str, str, tuple[str, ...], bool, str], bool]


def _links(tree: LexborHTMLParser, styles: _Styles, base: str, js_written: bool,
           keep: KeepLink | None = None) -> list[PageLink]:
    out: list[PageLink] = []
    origin = page_origin(base) or base
    containers: dict[int, str] = {}        # a hidden menu holds many links: its text is read once
    for a in tree.css("a[href], area[href]"):
        attrs = a.attributes
        href = (attrs.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        hints, container = styles.link_hints(a)
        if container is None:
            around = ""
        elif (around := containers.get(container.mem_id)) is None:
            around = containers[container.mem_id] = _clean(container.text(deep=True))[:500]
        url, text, title = _join(base, origin, href), _clean(a.text(deep=True)), attrs.get("title") or ""
        if keep is None or keep(url, text, title, hints, js_written, around):
            # positional: url, text, title, hidden_hints, js_written, container_text
            out.append(PageLink(url, text, title, hints, js_written, around))
    return out


def analyse_page(html: str, url: str, extra_css: str = "", _depth: int = 0,
                 tree: LexborHTMLParser | None = None,
                 _page_rules: tuple[list[Rule], list[Rule]] | None = None,
                 keep_link: KeepLink | None = None) -> PageAnalysis:
    """``tree``: the page already parsed (the extract stage parses each page once). ``_page_rules``: for a
    script-written fragment, its page's stylesheet rules, which apply to it after its own. ``keep_link``:
    which links to keep (default all)."""
    tree = tree if tree is not None else LexborHTMLParser(html[:MAX_HTML_CHARS])
    base_node = tree.css_first("base[href]")
    base = urljoin(url, base_node.attributes.get("href") or "") if base_node is not None else url
    hiding, colouring = stylesheet_parts("\n".join(s.text() or "" for s in tree.css("style")) + "\n" + extra_css)
    if _page_rules is not None:
        hiding, colouring = hiding + _page_rules[0], colouring + _page_rules[1]
    styles = _Styles(tree, hiding + colouring)
    result = PageAnalysis(url=url)
    if (t := tree.css_first("title")) is not None:
        result.title = _clean(t.text())
    for m in tree.css("meta[name]"):
        name = (m.attributes.get("name") or "").lower()
        if name in ("keywords", "description"):
            result.meta[name] = _clean(m.attributes.get("content") or "")
    result.links = _links(tree, styles, base, _depth > 0, keep_link)
    body = tree.body or tree.root
    if body is not None:
        result.blocks = _blocks(body, styles)
    if _depth == 0:
        for script in tree.css("script"):
            if script.attributes.get("src"):
                continue
            code = script.text() or ""
            if any(marker in code for marker in _WRITES_MARKUP):
                fragment = written_html(code)
                if fragment:
                    inner = analyse_page(f"<html><body>{fragment}</body></html>", base, _depth=1,
                                         _page_rules=(hiding, colouring), keep_link=keep_link)
                    result.links.extend(inner.links)
            lowered = code.lower()
            if any(marker in lowered for marker in _SNIFF_MARKERS) and sniffs_spiders(code):
                result.spider_scripts.append(code[:20_000])
    return result
