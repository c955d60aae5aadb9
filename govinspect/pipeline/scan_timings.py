"""Wall-clock seconds a scan spends per stage, summed over sites (benchmarks read them; cheap)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class ScanTimings:
    """Per-stage totals. Sites run concurrently, so the sums may exceed the scan's wall time."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}     # process CPU during the stage: exact for stages that block the loop

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu

    def add(self, name: str, wall: float, cpu: float) -> None:
        """Seconds measured elsewhere (a worker process reports its own stages)."""
        self.seconds[name] = self.seconds.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {k: {"wall_s": round(v, 2), "cpu_s": round(self.cpu.get(k, 0.0), 2)} for k, v in self.seconds.items()}
