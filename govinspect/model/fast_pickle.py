"""Pickling of slotted dataclasses without ``dataclasses.fields`` on every object.

A page's digest crosses processes twice (parse pool → gather store → extract worker) and holds hundreds
of small frozen dataclasses (links, list items, column references); the state functions dataclasses
generate for ``slots=True`` look the fields up per object, a measurable share of a scan's CPU. These
take the field names once per class. The state is the tuple of field values, in field order.
"""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def fast_pickle(cls: type[T]) -> type[T]:
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    setter = object.__setattr__
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __getstate__(self: Any) -> tuple:
        return values(self)                 # attrgetter of several names: one tuple, built in C

    def __setstate__(self: Any, state: tuple) -> None:
        for n, v in zip(names, state, strict=True):
            setter(self, n, v)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
