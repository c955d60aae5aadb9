"""Calls to a process pool, sent in batches.

concurrent.futures costs about 0.4 ms of CPU per task between its two ends (the call item pickled, the
feeder thread, a pipe write to wake a worker, the result's way back), which is a tenth of a page's parse.
Pages that are ready while the pool is busy wait here and go to a worker together, one task per batch: an
idle pool gets a page one loop turn after it arrived, a busy pool larger batches. One failing call fails
only its own caller; a broken pool fails every caller in the batch (each then reads its page inline).
"""
from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

MAX_BATCH = 16          # ~16 pages ≈ 0.1 s of a worker: small enough to spread over the workers


def run_batch(calls: list[tuple[Callable[..., Any], tuple]]) -> list[tuple[bool, Any]]:
    """In the worker: every call of the batch, each failure kept to its own call."""
    out: list[tuple[bool, Any]] = []
    for fn, args in calls:
        try:
            out.append((True, fn(*args)))
        except Exception as exc:  # noqa: BLE001 - goes back to that call's caller
            out.append((False, exc))
    return out


@dataclass
class _Batches:
    pool: Executor
    loop: asyncio.AbstractEventLoop
    in_flight_limit: int        # one batch per worker, plus one queued so a worker never waits for the loop
    in_flight: int = 0
    waiting: list[tuple[Callable[..., Any], tuple, asyncio.Future]] = field(default_factory=list)
    flush_due: bool = False

    def add(self, fn: Callable[..., Any], args: tuple) -> asyncio.Future:
        fut = self.loop.create_future()
        self.waiting.append((fn, args, fut))
        if len(self.waiting) >= MAX_BATCH:
            self._send()
        elif self.in_flight < self.in_flight_limit and not self.flush_due:
            self.flush_due = True           # the calls made in this loop turn go together
            self.loop.call_soon(self._flush)
        return fut

    def _flush(self) -> None:
        self.flush_due = False
        if self.waiting and self.in_flight < self.in_flight_limit:
            self._send()

    def _send(self) -> None:
        batch = [(fn, args, fut) for fn, args, fut in self.waiting[:MAX_BATCH] if not fut.cancelled()]
        del self.waiting[:MAX_BATCH]
        if not batch:
            return
        try:
            done = asyncio.wrap_future(self.pool.submit(run_batch, [(fn, args) for fn, args, _ in batch]),
                                       loop=self.loop)
        except Exception as exc:  # noqa: BLE001 - shut down or broken: every caller hears it
            _fail(batch, exc)
            return
        self.in_flight += 1
        done.add_done_callback(lambda d: self._landed(batch, d))

    def _landed(self, batch: list, done: asyncio.Future) -> None:
        self.in_flight -= 1
        if done.cancelled():         # the pool shut down with the batch still queued
            for _, _, fut in batch:
                fut.cancel()
        elif (exc := done.exception()) is not None:
            _fail(batch, exc)
        else:
            for (_, _, fut), (ok, value) in zip(batch, done.result()):
                if fut.done():
                    continue
                if ok:
                    fut.set_result(value)
                else:
                    fut.set_exception(value)
        if self.waiting and not self.flush_due:
            self.flush_due = True
            self.loop.call_soon(self._flush)


def _fail(batch: list, exc: BaseException) -> None:
    for _, _, fut in batch:
        if not fut.done():
            fut.set_exception(exc)


_BATCHES: weakref.WeakKeyDictionary[Executor, _Batches] = weakref.WeakKeyDictionary()


async def call_in_batch(pool: Executor, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in ``pool``, batched with the other calls waiting for it."""
    loop = asyncio.get_running_loop()
    batches = _BATCHES.get(pool)
    if batches is None or batches.loop is not loop:
        workers = int(getattr(pool, "_max_workers", 1) or 1)
        batches = _BATCHES[pool] = _Batches(pool, loop, workers + 1)
    return await batches.add(fn, args)
