"""The pool's worker loop: concurrent.futures' own (CPython 3.11), plus one thing — a task whose result
says ``retire_worker`` ends its worker once that result is sent (the mechanism of ``max_tasks_per_child``,
decided per task instead of by count), and the scan starts a fresh process in its place
(assess_in_pool._top_up: the pool itself may not).

Why: a worker that has assessed a large site keeps much of the heap that site needed — pymalloc's arenas
stay mapped while a few long-lived objects (caches filled during the assessment) pin them — about 40 MB
over a worker that has only parsed pages, for the rest of the run. A fresh worker costs ~0.3 s of CPU.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import process as futures_process
from typing import Any


def worker_loop(call_queue: Any, result_queue: Any, initializer: Any, initargs: tuple, max_tasks: int | None = None
                ) -> None:
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:   # noqa: BLE001 — as concurrent.futures does: logged, the pool sees the worker gone
            futures_process._base.LOGGER.critical("Exception in initializer:", exc_info=True)
            return              # the parent sees the process gone and marks the pool broken
    done = 0
    while True:
        call_item = call_queue.get(block=True)
        if call_item is None:
            result_queue.put(os.getpid())          # a clean shutdown: wakes the pool's manager thread
            return
        done += 1
        exit_pid = os.getpid() if max_tasks is not None and done >= max_tasks else None
        try:
            result = call_item.fn(*call_item.args, **call_item.kwargs)
        except BaseException as exc:   # noqa: BLE001 — the task's failure goes back to its future
            failed = futures_process._ExceptionWithTraceback(exc, exc.__traceback__)
            futures_process._sendback_result(result_queue, call_item.work_id, exception=failed, exit_pid=exit_pid)
        else:
            if getattr(result, "retire_worker", False):
                exit_pid = os.getpid()
            futures_process._sendback_result(result_queue, call_item.work_id, result=result, exit_pid=exit_pid)
            del result
        del call_item
        if exit_pid is not None:
            _leave()


def _leave() -> None:
    """End a retiring worker at once. Its result is already in the pipe (a ``SimpleQueue`` writes as it is
    put; nothing of the worker's is buffered or open for writing), and a normal interpreter exit would first
    tear down the whole heap the assessment left — about half a second, during which the scan has already
    started the successor and both processes' memory is held (seen as +30 MB summed peaks)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):   # closed or missing: nothing to lose
            pass
    os._exit(0)
