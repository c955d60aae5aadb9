"""A bounded memo for what a site's template repeats on every page (menus, node markers, joined links).

A worker reads page after page of one site, so results keyed by the markup (and the part of the page URL it
depends on) come back; the memo is emptied when full rather than tracking recency, which keeps it cheap and
its memory fixed.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TemplateMemo(Generic[V]):
    def __init__(self, size: int):
        self._size = size
        self._values: dict[Hashable, V] = {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        value = self._values.get(key)
        if value is None:
            if len(self._values) >= self._size:
                self._values.clear()
            value = self._values[key] = compute()
        return value
