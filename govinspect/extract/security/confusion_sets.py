"""Confusion sets: characters that sound the same (toneless pinyin, via pypinyin) or look alike (a curated
table), restricted to the 3,755 level-1 GB2312 characters an input method offers first."""
from __future__ import annotations

from functools import cache
from importlib import resources

from pypinyin import Style, pinyin
from pypinyin.pinyin_dict import pinyin_dict

_DATA = "govinspect.extract.security.data"


def is_common_char(ch: str) -> bool:
    """Level-1 GB2312 (rows 0xB0–0xD7): the characters typed most often."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


@cache
def readings(ch: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]))


@cache
def _by_sound() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for code in pinyin_dict:
        ch = chr(code)
        if is_common_char(ch):
            for r in readings(ch):
                index.setdefault(r, set()).add(ch)
    return {k: frozenset(v) for k, v in index.items()}


@cache
def _by_shape() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    text = resources.files(_DATA).joinpath("shape_confusions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        chars = [c for c in line.split("\t") if len(c) == 1]
        for c in chars:
            groups.setdefault(c, set()).update(x for x in chars if x != c)
    return {k: frozenset(v) for k, v in groups.items()}


@cache
def same_sound(ch: str) -> frozenset[str]:
    out: set[str] = set()
    for r in readings(ch):
        out |= _by_sound().get(r, frozenset())
    out.discard(ch)
    return frozenset(out)


def similar_shape(ch: str) -> frozenset[str]:
    return _by_shape().get(ch, frozenset())


def confusable(ch: str) -> frozenset[str]:
    return same_sound(ch) | similar_shape(ch)


def one_char_variants(word: str) -> dict[str, str]:
    """Every string one confusable character away from ``word`` → how it differs ("音近"/"形近")."""
    out: dict[str, str] = {}
    for i, ch in enumerate(word):
        for kind, chars in (("形近", similar_shape(ch)), ("音近", same_sound(ch))):
            for alt in chars:
                out.setdefault(word[:i] + alt + word[i + 1:], kind)
    out.pop(word, None)
    return out
