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
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __getstate__(self: Any) -> tuple:
        return values(self)                 # attrgetter of several names: one tuple, built in C

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = _state_setter(cls, names)  # type: ignore[attr-defined]
    return cls


def _state_setter(cls: type, names: tuple[str, ...]) -> Any:
    """``__setstate__`` written out for the class: the state unpacked into locals and each value stored by
    its slot's own descriptor (no loop, no zip, no attribute lookup by name): half the cost of unpickling
    an object, which the assessment pays for every record of every page's digest."""
    slots = [vars(cls).get(n) for n in names]
    if not all(hasattr(d, "__set__") and type(d).__name__ == "member_descriptor" for d in slots):
        setter = object.__setattr__          # not slotted: the generic way

        def __setstate__(self: Any, state: tuple) -> None:
            for n, v in zip(names, state, strict=True):
                setter(self, n, v)
        return __setstate__
    env = {f"_set{i}": d.__set__ for i, d in enumerate(slots)}
    unpack = ", ".join(f"_v{i}" for i in range(len(names))) + ("," if len(names) == 1 else "")
    body = "".join(f"    _set{i}(obj, _v{i})\n" for i in range(len(names)))
    exec(f"def __setstate__(obj, state):\n    {unpack} = state\n{body}", env)  # noqa: S102 - our own field names, by index
    return env["__setstate__"]
