"""One site's assessment, from a kept gather journal, as a scan's pool worker runs it: peak RSS by stage.

    python bench/scale/site_memory.py CITY --site 0 --work /tmp/gi-site      # once: crawl a site, keep its journal
    python bench/scale/assess_memory.py /tmp/gi-site/4212000001.gather.sqlite            # a fresh worker
    python bench/scale/assess_memory.py /tmp/gi-site/4212000001.gather.sqlite --warm     # one that parsed first

The outcome is rebuilt from the journal (pages in the journal's order, probes, link checks, network facts and
spider views from its facts), then ``assess_and_release`` runs in this process. ``--warm`` first parses every
other page of the site, as one of a scan's two pool workers would have (its memos filled). Printed: the
process's RSS and peak RSS after each stage, the CPU of the assessment, and hashes of the packed artifacts
and of the site entry, so two versions of the code can be compared for memory and for identical output.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import hashlib
import json
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Any

AS_OF = date(2020, 7, 17)


def status_mb(key: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")          # VmHWM starts again from the current RSS


def outcome_from_journal(path: Path) -> Any:
    from govinspect.gather.crawl_journal import unpack_json
    from govinspect.gather.gather_outcome import GatherOutcome
    from govinspect.gather.page_store import PageSource, StoredPages
    from govinspect.model.artifacts import LinkCheck, NetworkFacts, PageSnapshot, Probe
    from govinspect.model.records import SiteRecord
    from govinspect.model.serialize import from_jsonable
    db = sqlite3.connect(path)
    try:
        urls = [u for (u,) in db.execute("SELECT url FROM pages ORDER BY seq")]
        facts = {k: unpack_json(v) for k, v in db.execute("SELECT kind, data FROM facts")}
    finally:
        db.close()
    code = path.name.split(".")[0]
    site = SiteRecord(site_code=code, name=code, url=urls[0], organizer=code)   # names: the result needs one
    views = facts.get("spider_views")
    return GatherOutcome(
        site=site, as_of=AS_OF, pages=StoredPages(PageSource(path=path), urls), source=PageSource(path=path),
        probes=[from_jsonable(Probe, p) for p in facts.get("probes") or []],
        link_checks=[from_jsonable(LinkCheck, c) for c in facts.get("link_checks") or []],
        network=from_jsonable(NetworkFacts, facts["network"]) if facts.get("network") else None,
        spider_views={k: from_jsonable(PageSnapshot, v) for k, v in views.items()} if views else None)


def parse_half(path: Path) -> None:
    from govinspect.gather.crawl_journal import unpack_json
    from govinspect.gather.read_page import read_snapshot
    from govinspect.model.artifacts import PageSnapshot
    from govinspect.model.serialize import from_jsonable
    db = sqlite3.connect(path)
    try:
        home = None
        for i, (data,) in enumerate(db.execute("SELECT data FROM pages ORDER BY seq")):
            snap = from_jsonable(PageSnapshot, unpack_json(data))
            home = home or snap.url
            if i % 2 == 0:
                read_snapshot(snap, AS_OF, home)
    finally:
        db.close()
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def staged(module: Any, name: str, label: str) -> None:
    inner = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = inner(*args, **kwargs)
        print(f"  after {label:22s} RSS {status_mb('VmRSS'):6.1f} MB   peak {status_mb('VmHWM'):6.1f} MB")
        return result
    setattr(module, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("journal", type=Path, help="a site's <site_code>.gather.sqlite")
    ap.add_argument("--warm", action="store_true", help="parse every other page first, as a pool worker has")
    args = ap.parse_args()
    from govinspect.gather import page_store
    from govinspect.pipeline import assess_in_pool, gather_and_extract
    from govinspect.scoring.rulebook import load_rulebook
    if args.warm:
        parse_half(args.journal)
        print(f"parsed every other page: RSS {status_mb('VmRSS'):.1f} MB (peak while parsing {status_mb('VmHWM'):.1f})")
    outcome = outcome_from_journal(args.journal)
    work = assess_in_pool.SiteWork(site=outcome.site, as_of=AS_OF, rulebook=load_rulebook("national-2019"),
                                   outcome=outcome)
    staged(page_store.StoredPages, "with_digests", "digests read")
    staged(gather_and_extract, "understand_digests", "site understood")
    staged(gather_and_extract, "read_content", "content read")
    staged(assess_in_pool, "pack_artifacts", "artifacts packed")
    staged(assess_in_pool, "assess_site", "checks and scoring")
    gc.collect()
    before = status_mb("VmRSS")
    reset_peak()
    print(f"{len(outcome.pages)} pages; RSS before the assessment {before:.1f} MB")
    cpu = time.process_time()
    done = assess_in_pool.assess_and_release(work)
    cpu = time.process_time() - cpu
    entry = json.dumps(done.entry, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    print(f"peak {status_mb('VmHWM'):.1f} MB (+{status_mb('VmHWM') - before:.1f}); after the trim "
          f"{status_mb('VmRSS'):.1f} MB; CPU {cpu:.2f} s; packed artifacts "
          f"{hashlib.sha256(done.packed or b'').hexdigest()[:16]}, entry {hashlib.sha256(entry).hexdigest()[:16]}")


if __name__ == "__main__":
    main()
