"""The run's result document from its units' entries, the same for a local and a distributed scan:
run-level rules first (our own outage is nobody's 不合格), then the one result builder."""
from __future__ import annotations

from datetime import date
from typing import Any

from govinspect import __version__
from govinspect.model.result import build_result
from govinspect.pipeline.guard_scanner_outage import guard_scanner_outage


def compose_result(*, run_id: str, as_of: date, rulebook: Any, site_entries: list[dict[str, Any]],
                   account_entries: list[dict[str, Any]], manual_look: list[dict[str, str]],
                   gathered: dict[str, int]) -> dict[str, Any]:
    return build_result(as_of=as_of, rulebook=rulebook.summary(), sites=guard_scanner_outage(list(site_entries)),
                        accounts=account_entries, tool_version=__version__, run_id=run_id,
                        accounts_manual_look=manual_look, gathered=gathered)
