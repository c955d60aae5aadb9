"""Where one site's memory is: crawl one site of an exported city, then assess it, and size what each holds.

    python bench/scale/serve_static_city.py /tmp/govinspect-scale/city-4x4000-p18480 &   # serve the city
    python bench/scale/site_memory.py /tmp/govinspect-scale/city-4x4000-p18480 --site 0

The crawl runs in this process with a parse pool of two processes (as in a scan) and the benchmark's
``scan.toml`` politeness; at its end the crawl's state is sized object by object (pages kept, link index,
frontier, absorbed-link set, the URL caches). The assessment then runs here on the same outcome under
tracemalloc, with the Python heap at each stage (digests read, site understood, content read, artifacts
packed, checks) and the process's peak RSS. Memory only: the machine is shared, its timings mean little.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import resource
import sys
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from govinspect.gather import crawl_site
from govinspect.model.records import SiteRecord
from govinspect.settings import load_settings

AS_OF = date(2020, 7, 17)
HERE = Path(__file__).resolve().parent


def deep_size(obj: Any, seen: set[int]) -> int:
    """Bytes of ``obj`` and everything it reaches that ``seen`` has not counted yet."""
    stack, total = [obj], 0
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, (str, bytes, int, float, bool, type(None), type)) or callable(o):
            continue
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        if isinstance(getattr(o, "__dict__", None), dict):
            stack.append(o.__dict__)
        for cls in type(o).__mro__:
            stack.extend(getattr(o, s) for s in getattr(cls, "__slots__", ()) if hasattr(o, s))
    return total


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB"


def _size_crawl(run: Any) -> None:
    from govinspect.gather.canonical_url import canonical_url, url_host
    seen: set[int] = set()
    print(f"crawl state: {len(run.pages)} pages, {len(run.links)} link targets ({len(run.links.targets)} in memory, "
          f"the rest in the spill file), {len(run.frontier.seen)} URLs seen (hashes), "
          f"{len(run._absorbed)} absorbed-link hashes; bound crawl_state_in_memory={run.settings.crawl_state_in_memory}")
    for name, obj in [("pages kept", run.pages), ("link index", run.links.targets),
                      ("frontier seen + queue", (run.frontier.seen, run.frontier._heap, run.frontier._variants)),
                      ("absorbed links", run._absorbed), ("in-memory store", run.store.rows)]:
        print(f"  {name:24s} {_mb(deep_size(obj, seen))}")
    print(f"  URL caches: canonical_url {canonical_url.cache_info().currsize} entries, "
          f"url_host {url_host.cache_info().currsize} (each ~0.3 KB)")
    print(f"  process RSS at the crawl's end {rss_mb():.1f} MB")


def site_of(city: Path, index: int) -> SiteRecord:
    with open(city / "sites.csv", encoding="utf-8-sig") as f:
        r = list(csv.reader(f))[1 + index]
    return SiteRecord(site_code=r[0], name=r[1], url=r[2], organizer=r[3])


async def crawl(city: Path, site: SiteRecord, work: Path, in_memory: int | None = None) -> Any:
    from govinspect.gather.gather_site import gather_site
    settings = _bench_settings(city)
    if in_memory is not None:
        settings = settings.with_(crawl_state_in_memory=in_memory)
    original = crawl_site._Crawl._outcome

    def sized(run: Any, robots: Any) -> Any:
        _size_crawl(run)
        return original(run, robots)
    crawl_site._Crawl._outcome = sized
    print(f"RSS before {rss_mb():.1f} MB; crawling {site.url}")
    with ProcessPoolExecutor(2) as pool:
        return await gather_site(site, settings, work, parse_pool=pool, as_of=AS_OF)


def _bench_settings(city: Path) -> Any:
    """The politeness-off settings run_scale.py writes for a city (its last run's scan.toml)."""
    tomls = sorted(city.parent.glob(f"run-*-{city.name.split('-')[1]}/scan.toml"))
    if not tomls:
        raise SystemExit("no scan.toml for this city: run bench/scale/run_scale.py on it once")
    return load_settings(tomls[-1])


def assess(outcome: Any) -> None:
    from govinspect.pipeline import assess_in_pool, gather_and_extract
    from govinspect.scoring.rulebook import load_rulebook
    work = assess_in_pool.SiteWork(site=outcome.site, as_of=AS_OF, rulebook=load_rulebook("national-2019"),
                                   outcome=outcome)
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]

    def mark(stage: str) -> None:
        now, peak = tracemalloc.get_traced_memory()
        print(f"  {stage:22s} held {_mb(now - base):>9s}   peak during the stage {_mb(peak - base):>9s}")
        tracemalloc.reset_peak()

    def wrap(module: Any, name: str, before: str | None, after: str) -> None:
        inner = getattr(module, name)

        def staged(*args: Any, **kwargs: Any) -> Any:
            if before:
                mark(before)
            result = inner(*args, **kwargs)
            mark(after)
            return result
        setattr(module, name, staged)
    wrap(gather_and_extract, "understand_digests", "digests read", "site understood")
    wrap(gather_and_extract, "read_content", "digests dropped", "content read")
    wrap(assess_in_pool, "pack_artifacts", None, "artifacts packed")
    wrap(assess_in_pool, "assess_site", None, "checks and scoring")
    print("assessment (Python heap, tracemalloc):")
    done = assess_in_pool.understand_and_assess(work, packed=True)
    tracemalloc.stop()
    print(f"  packed artifacts {_mb(len(done.packed or b''))}; process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB (tracemalloc's own included)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("city", type=Path, help="an exported city (export_city.py), served on its port")
    ap.add_argument("--site", type=int, default=0, help="row of the city's sites.csv (0 = first site)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/govinspect-site-memory"))
    ap.add_argument("--crawl-state-in-memory", type=int, default=None, help="override the setting (default: scan.toml's)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for old in args.work.glob("*.gather.sqlite*"):
        old.unlink()
    outcome = asyncio.run(crawl(args.city, site_of(args.city, args.site), args.work, args.crawl_state_in_memory))
    print(f"gathered {len(outcome.pages)} pages; RSS {rss_mb():.1f} MB")
    assess(outcome)


if __name__ == "__main__":
    main()
