"""A list of records held as compressed pickles, a chunk at a time: a large site's per-page artifacts
(articles, metas, footers, content-security readings, page snapshots) in the process that assesses it.

As objects, a 4,539-page site's per-page artifacts weigh ~10 MB (a few hundred bytes of object headers per
record); packed they weigh a tenth of that, so the assessment's memory hardly grows with the site's pages.
Readers iterate (each pass unpacks one chunk at a time, 5–10 µs a record); they get equal records, not the same
objects, and a change to one is not kept. Appending is the only change it takes. Pickled (sent to another
process), it stays packed.
"""
from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, SupportsIndex, TypeVar, overload

T = TypeVar("T")
CHUNK = 64          # records packed together: pickle's memo shares their repeated strings within a chunk


class PackedList(Sequence[T]):
    def __init__(self, items: Iterable[T] = ()):
        self._chunks: list[bytes] = []
        self._tail: list[T] = []
        self._len = 0
        self.extend(items)

    def append(self, item: T) -> None:
        self._tail.append(item)
        self._len += 1
        if len(self._tail) >= CHUNK:
            self._chunks.append(zlib.compress(pickle.dumps(self._tail, protocol=pickle.HIGHEST_PROTOCOL), 1))
            self._tail = []

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[T]:
        for chunk in self._chunks:
            yield from pickle.loads(zlib.decompress(chunk))
        yield from list(self._tail)

    @overload
    def __getitem__(self, i: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: SupportsIndex | slice) -> T | list[T]:
        if isinstance(i, slice):
            return list(self)[i]
        n = i.__index__()
        n = n + self._len if n < 0 else n
        if not 0 <= n < self._len:
            raise IndexError("PackedList index out of range")
        return next(islice(iter(self), n, None))

    def packed_bytes(self) -> int:
        return sum(len(c) for c in self._chunks)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedList | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]   # mutable, as a list

    def __reduce__(self) -> tuple[Any, ...]:
        return _packed, (self._chunks, self._tail, self._len)

    def __repr__(self) -> str:
        return f"PackedList({self._len} items, {self.packed_bytes()} bytes packed)"


def _packed(chunks: list[bytes], tail: list[Any], n: int) -> PackedList:
    out: PackedList = PackedList()
    out._chunks, out._tail, out._len = chunks, tail, n
    return out
