"""Progress bars (rich) per site and overall; silent in quiet mode."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from govinspect.model.records import SiteRecord


class ScanProgress:
    def __init__(self, total_sites: int, quiet: bool = False):
        self.quiet = quiet
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), console=Console(stderr=True), transient=False,
                                  disable=quiet)
        self._overall = self._progress.add_task("全部网站", total=total_sites)
        self._tasks: dict[str, Any] = {}
        self._totals = {"pages": 0, "links": 0, "probes": 0, "sites": 0}
        self.timings: Any = None     # a ScanTimings when the scan measures its stages

    def __enter__(self) -> ScanProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)

    def site_started(self, site: SiteRecord, budget: int) -> None:
        self._tasks[site.site_code] = self._progress.add_task(f"  {site.name[:18]}", total=budget)

    def page_fetched(self, site: SiteRecord) -> None:
        task = self._tasks.get(site.site_code)
        if task is not None:
            self._progress.advance(task)

    def totals(self) -> dict[str, int]:
        return dict(self._totals)

    def site_done(self, site: SiteRecord, artifacts: Any = None) -> None:
        if artifacts is None:
            self._finish(site)
            return
        self.site_counted(site, pages=len(artifacts.pages or []), links=len(artifacts.link_checks or []),
                          probes=len(artifacts.probes or []))

    def site_counted(self, site: SiteRecord, pages: int, links: int, probes: int) -> None:
        """A site finished with these counts (the artifacts themselves stayed in a worker)."""
        self._totals["sites"] += 1
        self._totals["pages"] += pages
        self._totals["links"] += links
        self._totals["probes"] += probes
        self._finish(site)

    def _finish(self, site: SiteRecord) -> None:
        task = self._tasks.pop(site.site_code, None)
        if task is not None:
            self._progress.remove_task(task)
        self._progress.advance(self._overall)
