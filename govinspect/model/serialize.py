"""JSON (de)serialisation of artifact dataclasses, for storing runs and re-checking offline."""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date, datetime
from typing import Any, TypeVar

from govinspect.model.packed_list import PackedList

T = TypeVar("T")


_SCALARS = frozenset((str, int, float, bool, type(None)))
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}   # dataclass → its field names; other types → None


def _field_names(cls: type) -> tuple[str, ...] | None:
    # Serialising a 1,000-page site walks ~10^6 values: look each class up once, not per value.
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELD_NAMES[cls]


def to_jsonable(obj: Any) -> Any:
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    names = _field_names(cls)
    if names is not None:
        return {name: to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, PackedList)):
        return [to_jsonable(v) for v in obj]
    return obj


def _coerce(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _coerce(args[0], value) if len(args) == 1 else value
    if tp is date:
        return date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if origin in (list, tuple):
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        seq = [_coerce(inner, v) for v in value]
        return tuple(seq) if origin is tuple else seq
    if origin is dict:
        k_t, v_t = typing.get_args(tp) or (Any, Any)
        return {k: _coerce(v_t, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return from_jsonable(tp, value)
    return value


@functools.cache
def _typed_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    # get_type_hints evaluates every annotation string: once per class, not once per object
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def from_jsonable(cls: type[T], data: dict[str, Any]) -> T:
    kwargs = {}
    for name, tp in _typed_fields(cls):
        if name in data:
            kwargs[name] = _coerce(tp, data[name])
    return cls(**kwargs)
