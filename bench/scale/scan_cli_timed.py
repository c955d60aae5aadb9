"""`govinspect …` exactly as the console script runs it, plus the scan's stage timers written to a file.

    python bench/scale/scan_cli_timed.py TIMINGS_JSON [govinspect arguments…]
    GOVINSPECT_PROFILE_OUT=scan.prof python bench/scale/scan_cli_timed.py …   # cProfile the scanning process
The CLI builds its own ``ScanTimings`` inside ``scan_sources``; this wrapper swaps the class for one
that remembers its instances and dumps them at exit (an empty list when the scan no longer uses it).
"""
from __future__ import annotations

import atexit
import os
import json
import sys
from pathlib import Path

from govinspect.pipeline import scan_run
from govinspect.pipeline.scan_timings import ScanTimings

MADE: list[ScanTimings] = []


class RememberedTimings(ScanTimings):
    def __init__(self) -> None:
        super().__init__()
        MADE.append(self)


def dump(path: Path) -> None:
    import govinspect

    path.write_text(json.dumps({"govinspect": govinspect.__file__, "timings": [t.as_dict() for t in MADE if t.seconds]},
                               indent=1), encoding="utf-8")


if __name__ == "__main__":
    out = Path(sys.argv[1])
    scan_run.ScanTimings = RememberedTimings      # looked up when scan_sources runs
    atexit.register(dump, out)
    sys.argv = ["govinspect", *sys.argv[2:]]
    from govinspect.cli import main

    if profile := os.environ.get("GOVINSPECT_PROFILE_OUT"):     # the scanning process only (not the pool)
        import cProfile
        import time

        prof = cProfile.Profile(time.process_time)      # CPU, not wall: the loop mostly waits
        try:
            prof.runcall(main)
        finally:
            prof.dump_stats(profile)
    else:
        main()
