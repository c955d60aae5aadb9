"""What a check is: metadata (its documentation) plus a pure run function."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from govinspect.model.findings import Finding, RunContext


@dataclass(frozen=True)
class CheckSpec:
    """Everything a check means, in one place (docs/checks.md, the dashboard's names, the rulebook's
    matchable evidence and the runner's guards all read it). ``description`` cites the indicator it serves.

    ``requires`` names the artifact fields (``SiteArtifacts``/``AccountArtifacts`` attributes) the check
    cannot do without; when one is missing the runner records an ``error`` finding instead. ``optional``
    names the fields it also reads when they were gathered (it handles ``None`` itself). A test fails when a
    check reads a field declared in neither. ``evidence_keys`` are the evidence fields a rulebook ``where``
    may match on. ``needs_readable_site``: on a site that refused us (``blocked``) the runner records
    未能检测 instead of running the check.
    """

    id: str
    name: str                  # short Chinese name (tables, dashboard, CLI)
    subject: str               # how a finding's subject is formed (ground truth and decisions match on it)
    title: str                 # what is checked, Chinese
    failure_title: str         # the problem as a notice words it, Chinese
    description: str           # which rule / indicator, how it decides
    requires: tuple[str, ...]
    target: str = "site"       # site | account | account_set
    automation: str = "A"      # A automatic, H heuristic (reviewable), R reviewer
    optional: tuple[str, ...] = ()
    evidence_keys: tuple[str, ...] = ()
    needs_readable_site: bool = True


RunFn = Callable[[Any, RunContext], Iterable[Finding]]
