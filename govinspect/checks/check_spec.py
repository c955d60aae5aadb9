"""What a check is: metadata (its documentation) plus a pure run function."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from govinspect.model.findings import Finding, RunContext


@dataclass(frozen=True)
class CheckSpec:
    """Metadata of one check. ``description`` cites the indicator it serves (shown in docs/checks.md).

    ``requires`` names the artifact fields (``SiteArtifacts``/``AccountArtifacts`` attributes)
    the check reads; when one is missing the runner records an ``error`` finding instead.
    """

    id: str
    title: str                 # what is checked, Chinese
    failure_title: str         # the problem as a notice words it, Chinese
    description: str           # which rule / indicator, how it decides
    requires: tuple[str, ...]
    target: str = "site"       # site | account | account_set
    automation: str = "A"      # A automatic, H heuristic (reviewable), R reviewer


RunFn = Callable[[Any, RunContext], Iterable[Finding]]
