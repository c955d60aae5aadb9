"""One click in the dashboard: re-check one site of a run (整改 verification) and say what changed."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from govinspect.model.records import SiteRecord
from govinspect.pipeline.assess_site import assess_site
from govinspect.pipeline.gather_and_extract import gather_and_extract
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings
from govinspect.store import Store


def _record(entry: dict[str, Any]) -> SiteRecord:
    return SiteRecord(site_code=entry["site_code"], name=entry.get("name", ""), url=entry["url"],
                      organizer=entry.get("organizer", ""), is_portal=bool(entry.get("is_portal")),
                      region=entry.get("region", ""), has_services=bool(entry.get("has_services", True)))


async def recheck_site(store: Store, run_id: str, site_code: str, settings: Settings,
                       as_of: date | None = None) -> dict[str, Any]:
    """Gathers the site again now and scores it with the run's rulebook. ``as_of`` defaults to the
    run's 监测时间点 so the comparison with the run is like for like."""
    run = await store.get_run(run_id)
    if run is None or not run.get("result"):
        raise ValueError(f"找不到已完成的运行 {run_id}")
    entry = next((s for s in run["result"]["sites"] if s["site_code"] == site_code), None)
    if entry is None:
        raise ValueError(f"运行 {run_id} 中没有网站 {site_code}")
    day = as_of or (run["as_of"] if isinstance(run["as_of"], date) else date.fromisoformat(str(run["as_of"])))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    journal = settings.workspace / "runs" / run_id / f"recheck-{stamp}"
    journal.mkdir(parents=True, exist_ok=True)
    artifacts = await gather_and_extract(_record(entry), settings, day, journal)
    new_entry = assess_site(_record(entry), artifacts, day, load_rulebook(run["rulebook"]))
    before = {f["fingerprint"]: f for f in entry.get("findings", []) if f.get("status") == "fail"}
    after = {f["fingerprint"]: f for f in new_entry.get("findings", []) if f.get("status") == "fail"}
    return {
        "site": new_entry,
        "changes": {
            "resolved": [before[k] for k in before.keys() - after.keys()],
            "added": [after[k] for k in after.keys() - before.keys()],
            "result_before": entry.get("result"), "result_after": new_entry.get("result"),
            "score_before": entry.get("score"), "score_after": new_entry.get("score"),
        },
    }
