"""A child process (pool worker, forked renderer) that ends when the process that started it dies —
however it dies, SIGKILL and out-of-memory kills included, when no ``finally`` or ``atexit`` runs.

Call ``die_with_parent`` first thing in the child, e.g. as a ``ProcessPoolExecutor`` initializer:

    ProcessPoolExecutor(n, mp_context=..., initializer=die_with_parent)

On Linux the kernel does it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``. Elsewhere (or if prctl is refused) a
daemon thread waits on the parent's multiprocessing sentinel (a pipe the parent's death closes) or, failing
that, polls the parent's pid. A worker that is killed holds nothing to clean up: the parent is gone, and
with it whoever wanted the result.

Caveat of PDEATHSIG (why only pools started from a long-lived thread use it): the signal fires when the
*thread* that created the child exits, not only the process. Our pools are created from the main thread.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_S = 1.0


def die_with_parent(parent_pid: int | None = None) -> None:
    """Arrange for this process to die with its parent; exits at once if the parent is already gone."""
    parent = multiprocessing.parent_process()
    pid = parent_pid or (parent.pid if parent is not None else None) or os.getppid()
    if sys.platform.startswith("linux") and _set_pdeathsig():
        if os.getppid() != pid:          # the parent died before the signal was armed
            os._exit(1)
        return
    sentinel = parent.sentinel if parent is not None else None
    threading.Thread(target=_watch, args=(pid, sentinel), name="die-with-parent", daemon=True).start()


def _set_pdeathsig() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(pid: int, sentinel: int | None) -> None:
    if sentinel is not None:
        from multiprocessing.connection import wait

        wait([sentinel])                 # readable (EOF) once the parent is gone
        os._exit(1)
    while os.getppid() == pid:
        time.sleep(POLL_S)
    os._exit(1)
