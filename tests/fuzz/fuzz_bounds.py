"""What every fuzz target asserts: the input ends in a result or in a known error class with a Chinese
message, within a time bound and a memory bound — never any other exception (that would reach the user
as a traceback or as the CLI's "内部错误" line).

Profiles (GOVINSPECT_FUZZ_PROFILE): ``fuzz-ci`` (default: a few seconds per target) and ``fuzz-long``
(docs/durability.md gives the command). Applied per test with ``@FUZZ``, so other hypothesis tests in
the same session keep their own settings.
"""
from __future__ import annotations

import os
import re
import resource
import signal
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import HealthCheck, settings

settings.register_profile("fuzz-ci", max_examples=int(os.environ.get("GOVINSPECT_FUZZ_EXAMPLES", "25")),
                          deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz-long", max_examples=int(os.environ.get("GOVINSPECT_FUZZ_EXAMPLES", "2000")),
                          deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
FUZZ = settings(settings.get_profile(os.environ.get("GOVINSPECT_FUZZ_PROFILE", "fuzz-ci")))
LONG = os.environ.get("GOVINSPECT_FUZZ_PROFILE") == "fuzz-long"

CHINESE = re.compile(r"[\u4e00-\u9fff]")
MAX_SECONDS = 20.0        # per input; a hang (catastrophic regex, endless loop) trips it
MAX_PYTHON_MB = 400       # peak Python heap per input (tracemalloc)
MAX_PROCESS_MB = 2048     # the process's high-water RSS after a target (C parsers included)
TRACED_SLOWDOWN = 8


class OverTime(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` in the code under test eats it."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(_sig: int, _frame: Any) -> None:
        raise OverTime(f"over {seconds}s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def bounded(fn: Callable[..., Any], *args: Any, known: tuple[type[BaseException], ...] = (),
            seconds: float = MAX_SECONDS, python_mb: float = MAX_PYTHON_MB) -> tuple[Any, BaseException | None]:
    """(value, None) or (None, known error). Anything else fails the example.

    Run twice: untraced against the time bound (what the user waits), then under tracemalloc against the
    memory bound (tracemalloc slows allocation-heavy Python several-fold, so it gets a looser alarm)."""
    started = time.perf_counter()
    try:
        with _alarm(seconds):
            value, error = fn(*args), None
    except known as exc:
        assert CHINESE.search(str(exc)), f"{type(exc).__name__} without a Chinese message: {exc!r}"
        value, error = None, exc
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"took {elapsed:.1f}s"
    tracemalloc.start()
    try:
        with _alarm(seconds * TRACED_SLOWDOWN):
            fn(*args)
    except known:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < python_mb * 2 ** 20, f"peak Python heap {peak / 2 ** 20:.0f} MB"
    return value, error


def process_high_water_ok() -> None:
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert rss_mb < MAX_PROCESS_MB, f"process RSS high-water {rss_mb:.0f} MB"
