"""Case-insensitive regex text spelt without IGNORECASE, so re can skip ahead.

A pattern whose every alternative starts with a plain character (or one class) is scanned for those characters
in C; IGNORECASE, a leading look-behind or a leading group makes re try the whole pattern at every position of
the text — 5 to 10 times slower on a page. ``letters`` and ``any_case`` write a word the way IGNORECASE matches it
(Python's re also folds ı and İ to i, K to k and ſ to s), with one alternative per case of its first letter.
"""
from __future__ import annotations

import re

_FOLDS = {"i": "iIİı", "k": "kKK", "s": "sSſ"}


def _cases(c: str) -> str:
    return _FOLDS.get(c.lower(), c.lower() + c.upper()) if c.isalpha() and c.isascii() else c


def letters(word: str) -> str:
    """``word`` with each ASCII letter as the class of what IGNORECASE matches for it."""
    return "".join(f"[{_cases(c)}]" if c.isalpha() and c.isascii() else re.escape(c) for c in word)


def any_case(word: str, tail: str = "", boundary: bool = False) -> str:
    """Alternatives matching ``word`` as IGNORECASE does, then ``tail``, each starting with one character.
    ``boundary``: ``\\b`` before the word (checked after its first character, which is a word character)."""
    rest = letters(word[1:]) + tail
    return "|".join(re.escape(f) + (rf"(?<!\w{re.escape(f)})" if boundary else "") + rest for f in _cases(word[0]))
