"""Which CSS declarations hide an element, from inline styles and ``<style>``/stylesheet rules.

Static analysis: conditional rules (``@media``, ``@supports``) and rules with state pseudo-classes
(``:hover``, ``:focus``) are ignored — they are how drop-down and mobile menus work, not how 暗链 hide.
"""
from __future__ import annotations

import re

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DECL = re.compile(r"([-a-zA-Z]+)\s*:\s*([^;]+)")
_LENGTH = re.compile(r"(-?\d*\.?\d+)\s*(px|pt|em|rem|%|vw|vh)?")
_STATEFUL = re.compile(r":(hover|focus|active|focus-within|focus-visible|checked|target|visited)")
OFFSCREEN_PX = -500.0
NAMED_COLOURS = {"white": "#ffffff", "black": "#000000", "red": "#ff0000", "blue": "#0000ff",
                 "green": "#008000", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0",
                 "yellow": "#ffff00", "transparent": "transparent"}


def parse_declarations(style: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop, value in _DECL.findall(_COMMENT.sub("", style or "")):
        out[prop.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


def _px(value: str) -> float | None:
    m = _LENGTH.match(value.strip())
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2) or "px"
    return {"pt": number * 4 / 3, "em": number * 16, "rem": number * 16}.get(unit, number)


def normalise_colour(value: str) -> str | None:
    v = value.strip().lower().split()[0] if value.strip() else ""
    v = NAMED_COLOURS.get(v, v)
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        return "#" + "".join(c * 2 for c in v[1:])
    if re.fullmatch(r"#[0-9a-f]{6}", v):
        return v
    m = re.fullmatch(r"rgba?\((\d+)\s*,\s*(\d+)\s*,\s*(\d+)(?:\s*,\s*([\d.]+))?\)", v)
    if m:
        if m.group(4) is not None and float(m.group(4)) == 0:
            return "transparent"
        return "#" + "".join(f"{min(int(x), 255):02x}" for x in m.groups()[:3])
    return None


def background_colour(decls: dict[str, str]) -> str | None:
    for prop in ("background-color", "background"):
        if prop in decls:
            for token in re.split(r"\s+(?![^(]*\))", decls[prop]):
                colour = normalise_colour(token)
                if colour:
                    return colour
    return None


def hiding_hints(decls: dict[str, str]) -> list[str]:
    """Hints that these declarations alone hide the element (colour is judged with ancestors)."""
    hints: list[str] = []
    if decls.get("display", "").startswith("none"):
        hints.append("display:none")
    if decls.get("visibility", "") in ("hidden", "collapse"):
        hints.append("visibility:hidden")
    opacity = decls.get("opacity")
    if opacity is not None and (_px(opacity) or 0.0) <= 0.05 and _px(opacity) is not None:
        hints.append("opacity:0")
    if re.search(r"alpha\(\s*opacity\s*=\s*0\s*\)", decls.get("filter", "")):
        hints.append("opacity:0")
    if decls.get("position") in ("absolute", "fixed"):
        for prop in ("left", "top", "right", "margin-left", "margin-top"):
            px = _px(decls.get(prop, ""))
            if px is not None and px <= OFFSCREEN_PX:
                hints.append("offscreen")
                break
    indent = _px(decls.get("text-indent", ""))
    if indent is not None and indent <= OFFSCREEN_PX:
        hints.append("text-indent")
    size = _px(decls.get("font-size", ""))
    if size is not None and size <= 1.0 and not decls.get("font-size", "").endswith("%"):
        hints.append("font-size:tiny")
    overflow_hidden = "hidden" in decls.get("overflow", "") or "hidden" in decls.get("overflow-y", "")
    width, height = _px(decls.get("width", "")), _px(decls.get("height", ""))
    line = _px(decls.get("line-height", ""))
    if overflow_hidden and ((width is not None and width <= 1) or (height is not None and height <= 1)
                            or (line is not None and line <= 1 and height is not None and height <= 2)):
        hints.append("zero-size")
    if re.search(r"rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)", decls.get("clip", "")):
        hints.append("clip")
    return hints


_BRACE = re.compile(r"[{}]")


Rule = tuple[str, dict[str, str]]


def stylesheet_parts(css: str) -> tuple[list[Rule], list[Rule]]:
    """(selector, declarations) of the unconditional rules that hide something and of those that colour
    something, apart: callers evaluate hiding rules first and cap how many on hostile stylesheets, and a
    script-written fragment's own rules go before its page's in each part without parsing the page's again."""
    css = _COMMENT.sub("", css)
    hiding: list[Rule] = []
    colouring: list[Rule] = []
    depth, start, body_start, selector = 0, 0, 0, ""
    for m in _BRACE.finditer(css):
        i = m.start()
        if m.group() == "{":
            if depth == 0:
                selector, body_start = css[start:i].strip(), i + 1
            depth += 1
            continue
        depth -= 1
        if depth < 0:
            depth, start = 0, i + 1
            continue
        if depth > 0:
            continue
        start = i + 1
        if selector.startswith("@"):
            continue                       # @media / @supports: responsive design, not hiding
        decls = parse_declarations(css[body_start:i])
        target = hiding if hiding_hints(decls) else colouring if "color" in decls else None
        if target is None:
            continue
        for sel in selector.split(","):
            sel = sel.strip()
            if sel and not _STATEFUL.search(sel) and "::" not in sel:
                target.append((sel, decls))
    return hiding, colouring
