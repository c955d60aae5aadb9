"""The one place the dashboard calls the pipeline's single-site re-check.

``govinspect.pipeline.recheck_site(store, run_id, site_code, settings) -> dict`` is provided by the
pipeline (lead). Until it exists the dashboard says so instead of pretending a re-check happened.
"""
from __future__ import annotations

import importlib
from typing import Any

from govinspect.settings import Settings
from govinspect.store import Store


class RecheckUnavailable(RuntimeError):
    pass


def _pipeline_recheck() -> Any:
    for module_name in ("govinspect.pipeline.recheck_site", "govinspect.pipeline"):
        try:
            fn = getattr(importlib.import_module(module_name), "recheck_site", None)
        except ImportError:
            continue
        if callable(fn):
            return fn
    raise RecheckUnavailable("单站复查功能尚未接入（govinspect.pipeline.recheck_site 不可用）")


async def recheck(store: Store, run_id: str, site_code: str, settings: Settings, override: Any = None
                  ) -> dict[str, Any]:
    """The re-checked site entry (result-JSON shape)."""
    fn = override or _pipeline_recheck()
    out = await fn(store, run_id, site_code, settings)
    entry = out.get("site", out) if isinstance(out, dict) else None
    if not isinstance(entry, dict) or "findings" not in entry:
        raise RecheckUnavailable("复查没有返回网站结果")
    return entry
