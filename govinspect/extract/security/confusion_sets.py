"""Confusion sets: characters that sound the same (toneless pinyin, from pypinyin's character table) or look
alike (a curated table), restricted to the 3,755 level-1 GB2312 characters an input method offers first.

Only pypinyin's per-character JSON table is read: importing pypinyin loads its phrase dictionary too, ~55 MB
in every process that reads a site, for single-character readings that never use it."""
from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

_DATA = "govinspect.extract.security.data"


def is_common_char(ch: str) -> bool:
    """Level-1 GB2312 (rows 0xB0–0xD7): the characters typed most often."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


@cache
def _pinyin_table() -> dict[int, str]:
    """Code point → its readings with tones, comma-separated (pypinyin's ``pinyin_dict``)."""
    folder = Path(find_spec("pypinyin").submodule_search_locations[0])   # finds the package, imports nothing
    return {int(k): v for k, v in json.loads((folder / "pinyin_dict.json").read_text(encoding="utf-8")).items()}


def _toneless(reading: str) -> str:
    """pypinyin's Style.NORMAL: tone marks dropped, ü written v, ê kept (its circumflex is not a tone)."""
    for u in "üǖǘǚǜ":
        reading = reading.replace(u, "v")
    kept = (c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c) or c == "\u0302")
    return unicodedata.normalize("NFC", "".join(kept))


@cache
def readings(ch: str) -> tuple[str, ...]:
    """Toneless readings, in pypinyin's order (the character itself when it has none, as pypinyin does)."""
    raw = _pinyin_table().get(ord(ch)) if len(ch) == 1 else None
    return tuple(dict.fromkeys(_toneless(r) for r in raw.split(","))) if raw else (ch,)


@cache
def _by_sound() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for code in _pinyin_table():
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
