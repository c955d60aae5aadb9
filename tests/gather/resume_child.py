"""Child process of the kill -9 test: gather one site into a journal and dump the comparable outcome.

    python -m tests.gather.resume_child PORT JOURNAL_DIR OUT_JSON [CRAWL_STATE_IN_MEMORY]
"""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from govinspect.gather.gather_site import GatherOutcome, gather_site
from govinspect.model.records import SiteRecord
from govinspect.model.serialize import to_jsonable
from tests.gather.loopback import loopback_settings

HOST = "resume.test"
VOLATILE = {"fetched_at", "elapsed_ms", "at", "ttfb_ms", "total_ms", "fetch_ms"}


def comparable(outcome: GatherOutcome) -> dict:
    def strip(obj):
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k not in VOLATILE}
        if isinstance(obj, list):
            return [strip(v) for v in obj]
        return obj
    source = outcome.source
    outcome.pages = list(outcome.pages)    # read back from the journal (page_store.StoredPages)
    outcome.source = None          # a handle on the journal file, not a result
    data = to_jsonable(outcome)
    data["probes"] = len(data["probes"] or [])
    # the pages as the extract stage reads them back: each page's digest, compared by its reading
    digests = source.digests(outcome.as_of, outcome.site.url)
    data["digests"] = {u: [[(i.title, i.url, str(i.date)) for i in d.listing.items], to_jsonable(d.links), d.meta.title]
                       for u, d in sorted(digests.items())}
    return strip(data)


async def main(port: int, journal_dir: Path, out: Path, in_memory: int | None = None) -> None:
    settings = loopback_settings([HOST], per_host_connections=2, probe_interval_s=0.01)
    if in_memory is not None:          # a small bound: the queue and link index spill to disk
        settings = settings.with_(crawl_state_in_memory=in_memory)
    site = SiteRecord(site_code="4200000001", name="续采测试", url=f"http://{HOST}:{port}/")
    outcome = await gather_site(site, settings, journal_dir)
    out.write_text(json.dumps(comparable(outcome), ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]),
                     int(sys.argv[4]) if len(sys.argv) > 4 else None))
