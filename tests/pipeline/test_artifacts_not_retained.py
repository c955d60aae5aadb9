"""A scan's scanning process stores every site's artifacts (a 4,000-page site's are ~14 M characters of JSON):
once stored, nothing may keep the text referenced. Bound into the INSERT statement it was: SQLAlchemy's
compiled-statement cache kept the first site's text for the whole run."""
from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

from govinspect.pipeline.open_store import open_store
from govinspect.settings import Settings


def test_stored_artifacts_text_is_not_kept_referenced(tmp_path: Path) -> None:
    async def run() -> tuple[int, int, int]:
        store = await open_store(Settings(workspace=tmp_path, quiet=True))
        try:
            await store.create_run("r1", date(2020, 7, 17), "national-2019", {"sites": [], "accounts": []})
            text = '{"pages": [' + ", ".join(f'"咸宁市第{i}页"' for i in range(20_000)) + "]}"
            before = sys.getrefcount(text)
            await store.save_site_artifacts("r1", "4212000001", text)
            await store.save_site_artifacts("r1", "4212000002", text)
            after = sys.getrefcount(text)
            loaded = await store.load_site_artifacts("r1", "4212000002")
            return before, after, len(loaded["pages"]) if loaded else 0
        finally:
            await store.close()

    before, after, pages = asyncio.run(run())
    assert pages == 20_000
    assert after == before
