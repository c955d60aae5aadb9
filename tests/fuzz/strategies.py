"""Shared input shapes: Chinese-heavy text, JSON-like values, and mutations of real documents."""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# CJK, ASCII, the punctuation and control characters that break parsers, and the formula prefixes
ALPHABET = st.sampled_from(list("网站政府咸宁市人民县局办公室信息公开栏目首页决定的一二三〇") + list(
    "abcXYZ0129 .,;:'\"<>&=+-@#/\\\t\r\n\x00\x0b\u3000\ufeff\u200b\xa0{}[]()%$!?|~`\ud800")) | st.characters()
TEXT = st.text(ALPHABET, max_size=60)
SCALAR = st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats(allow_nan=True) | TEXT
JSONISH = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=5)
                       | st.dictionaries(TEXT, inner, max_size=5), max_leaves=25)


def _paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, prefix + (i,))
    return out


@st.composite
def mutated(draw: st.DrawFn, doc: Any, max_changes: int = 4) -> Any:
    """``doc`` (JSON-like) with a few values replaced, keys deleted or lists emptied, at random places."""
    import copy

    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, max_changes))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(["replace", "delete", "huge", "deep"]))
        if how == "delete":
            del parent[path[-1]]
        elif how == "huge":
            parent[path[-1]] = draw(TEXT) * 5000
        elif how == "deep":
            value: Any = draw(SCALAR)
            for _ in range(draw(st.integers(10, 200))):
                value = [value]
            parent[path[-1]] = value
        else:
            parent[path[-1]] = draw(JSONISH)
    return doc


def truncated(data: bytes) -> st.SearchStrategy[bytes]:
    """A prefix of ``data``; drawn as a share, so the draw does not depend on the length (an .xlsx made
    twice differs in its timestamps, and hypothesis replays draws)."""
    return st.integers(0, 10_000).map(lambda k: data[: len(data) * k // 10_000])
