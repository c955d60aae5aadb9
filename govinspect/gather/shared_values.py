"""Equal immutable values held once across a site's pages.

Every page of a site repeats its template: the same footer texts, column paths, list items, header names,
and the page's own URL in half a dozen of its records. Each page arrives on its own (unpickled from the
parse pool or the gather store), so each brings its own copies; a 4,000-page site's digests held ~43 MB,
about half of it such repeats. ``ValuePool.share`` walks a page's record and replaces each string, date,
frozen dataclass and tuple of strings, Nones and frozen dataclasses by the first equal one the pool has seen. Only immutable values are
shared; mutable records (lists, dicts, non-frozen dataclasses) are walked and kept per page, so nothing
that code later changes in place is shared between pages.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any, TypeVar

T = TypeVar("T")
_PLANS: dict[type, tuple[tuple[str, ...], bool] | None] = {}
_SCALARS = frozenset((int, float, bool, type(None), bytes))


def _plan(cls: type) -> tuple[tuple[str, ...], bool] | None:
    """(field names, frozen) of a dataclass; None for other types. Looked up once per class."""
    if cls not in _PLANS:
        _PLANS[cls] = ((tuple(f.name for f in fields(cls)), bool(cls.__dataclass_params__.frozen))  # type: ignore[attr-defined]
                       if is_dataclass(cls) else None)
    return _PLANS[cls]


def _frozen(cls: type) -> bool:
    plan = _plan(cls)
    return plan is not None and plan[1]


class ValuePool:
    """One pool per site (its values repeat); dropped with the site."""

    def __init__(self, max_entries: int = 200_000):
        self._pool: dict[Any, Any] = {}
        self.max_entries = max_entries     # a bound: past it, values are still walked but no more are kept

    def __len__(self) -> int:
        return len(self._pool)

    def _get(self, value: Any) -> Any:
        try:
            got = self._pool.get(value)
        except TypeError:         # holds a list or a dict: not hashable
            return None
        # (1,) == (True,): a tuple is only taken when its items are of the same types
        if got is not None and type(got) is tuple and any(type(a) is not type(b) for a, b in zip(got, value)):
            return None
        return got

    def _keep(self, value: Any) -> Any:
        got = self._pool.get(value)
        if got is not None:
            return got
        if len(self._pool) < self.max_entries:
            self._pool[value] = value
        return value

    def share(self, value: T) -> T:
        cls = type(value)
        if cls is str:
            return self._keep(value)
        if cls in _SCALARS:
            return value
        if cls is tuple:
            if not value:
                return value
            got = self._get(value)
            if got is not None:
                return got
            items = tuple(self.share(v) for v in value)      # type: ignore[attr-defined]
            # only tuples of strings, Nones and frozen records are pooled: (True,) == (1,) would swap a bool for an int
            return self._keep(items) if all(v is None or type(v) is str or _frozen(type(v)) for v in items) \
                else items  # type: ignore[return-value]
        if cls is list:
            for i, v in enumerate(value):                      # type: ignore[arg-type]
                nv = self.share(v)
                if nv is not v:
                    value[i] = nv                               # type: ignore[index]
            return value
        if cls is dict:
            return {self.share(k): self.share(v) for k, v in value.items()}   # type: ignore[attr-defined,return-value]
        if cls is date:
            return self._keep(value)
        plan = _plan(cls)
        if plan is None:
            return value
        names, frozen = plan
        if frozen:
            got = self._get(value)        # a repeat (a menu link, a list item): found by hash, not walked
            if got is not None:
                return got
        for name in names:
            old = getattr(value, name)
            new = self.share(old)
            if new is not old:
                object.__setattr__(value, name, new)
        if not frozen:
            return value
        try:
            return self._keep(value)
        except TypeError:         # a frozen record holding a list or dict: not hashable, kept as it is
            return value
