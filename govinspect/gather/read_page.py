"""Fetched bytes → a read page: decoded, parsed once into its digest, packed for the gather store.

The CPU-heavy half of crawling, a plain function of picklable values, so the crawl runs it in a process
pool (``parse_pool``) on other cores while the event loop keeps fetching; without a pool it runs inline.
What comes back to the crawl is small: the snapshot without its HTML, the links for the frontier, the
packed HTML and digest for the store, and whether a browser should read the page.
"""
from __future__ import annotations

import time
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass, replace
from datetime import date

from govinspect.extract.page_digest import digest_page, strip_text
from govinspect.extract.scan_personal_data import scan_pages
from govinspect.gather.batched_pool_calls import call_in_batch
from govinspect.gather.check_links import crawled_soft_404
from govinspect.gather.crawl_journal import pack_json
from govinspect.gather.fetch_result import FetchResult
from govinspect.gather.page_snapshot import to_snapshot
from govinspect.gather.page_store import pack_digest
from govinspect.gather.script_pages import list_written_by_script, looks_script_built, looks_script_written
from govinspect.model.artifacts import Link, PageSnapshot
from govinspect.model.serialize import to_jsonable


@dataclass(slots=True)
class PageRead:
    snap: PageSnapshot                # without its HTML (``text_chars`` says how much there was)
    links: list[Link]
    packed: bytes                     # the whole snapshot, HTML included, for the gather store
    digest: bytes | None              # packed PageDigest (None: nothing to parse)
    script_nav: bool = False          # navigation written by scripts
    script_list: bool = False         # a list page whose items a script loads
    script_built: bool = False        # little visible text or links beside scripts (--render-js)
    seconds: tuple[float, float] = (0.0, 0.0)   # (wall, CPU) of reading it, where it was read


def read_snapshot(snap: PageSnapshot, as_of: date, home_url: str) -> PageRead:
    started = (time.perf_counter(), time.process_time())
    read = _read(snap, as_of, home_url)
    read.seconds = (time.perf_counter() - started[0], time.process_time() - started[1])
    return read


def _read(snap: PageSnapshot, as_of: date, home_url: str) -> PageRead:
    if not snap.text:
        return PageRead(snap, [], pack_json(to_jsonable(snap)), None)
    # personal numbers are masked before the page is read or stored: nothing kept holds a full number
    (snap,), hits = scan_pages([snap], as_of)
    snap = replace(snap, soft_404=crawled_soft_404(snap))
    packed = pack_json(to_jsonable(snap))
    digest = digest_page(snap, as_of, home_url)
    digest.personal_hits = hits
    html, url = snap.text, snap.final_url or snap.url
    lower = html.lower()
    return PageRead(strip_text(snap), digest.links, packed, pack_digest(digest),
                    script_nav=looks_script_written(html, lower), script_list=list_written_by_script(url, html),
                    script_built=looks_script_built(html, lower))


def read_page(res: FetchResult, depth: int, referrer: str | None, url: str, as_of: date,
              home_url: str) -> PageRead:
    return read_snapshot(to_snapshot(res, depth, referrer, url=url), as_of, home_url)


def reread(snap: PageSnapshot, html: str, headers: dict[str, str], as_of: date, home_url: str) -> PageRead:
    """The same page with the HTML a browser rendered."""
    return read_snapshot(replace(snap, text=html, text_chars=0, headers=headers), as_of, home_url)


async def in_pool(pool: Executor | None, fn, *args):
    if pool is not None:
        try:
            return await call_in_batch(pool, fn, *args)
        except (BrokenExecutor, RuntimeError):    # the pool died or was replaced: read here instead
            pass
    return fn(*args)
