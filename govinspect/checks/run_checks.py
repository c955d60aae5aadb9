"""Runs checks over artifacts with errors isolated per check (Lighthouse's runner rule)."""
from __future__ import annotations

import traceback
from collections.abc import Iterable
from typing import Any

from govinspect.checks.catalogue import all_checks
from govinspect.checks.kit.findings import NOT_ASSESSED, blocked
from govinspect.model.findings import Finding, RunContext, fingerprint


def run_checks(artifacts: Any, ctx: RunContext, unit_key: str, target: str = "site",
               only: Iterable[str] | None = None) -> list[Finding]:
    """All findings for one unit. A missing artifact or an exception becomes an ``error``
    finding for that check only (shown as 未能检测 for that item, never pass/fail); so does a site
    that refused us, for every check whose spec needs a readable site."""
    wanted = set(only) if only is not None else None
    out: list[Finding] = []
    for check_id, reg in sorted(all_checks().items()):
        if reg.spec.target != target or (wanted is not None and check_id not in wanted):
            continue
        missing = artifacts.missing(reg.spec.requires) if hasattr(artifacts, "missing") else []
        if missing:
            out.append(Finding(check=check_id, subject=NOT_ASSESSED, status="error",
                               message=f"{NOT_ASSESSED}：缺少采集数据（{', '.join(missing)}）",
                               evidence={"missing": missing}))
        elif reg.spec.needs_readable_site and getattr(artifacts, "blocked", False):
            out.extend(blocked(check_id, artifacts))
        else:
            try:
                out.extend(reg.run(artifacts, ctx))
            except Exception as exc:  # noqa: BLE001 - isolate one check's failure
                out.append(Finding(check=check_id, subject=NOT_ASSESSED, status="error",
                                   message=f"{NOT_ASSESSED}：检查出错（{type(exc).__name__}: {exc}）",
                                   evidence={"traceback": traceback.format_exc(limit=3)}))
    for f in out:
        if not f.fingerprint:
            f.fingerprint = fingerprint(unit_key, f.check, f.subject)
    return out
