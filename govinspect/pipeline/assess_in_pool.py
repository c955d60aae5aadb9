"""The CPU-bound half of a site's scan — extract → serialise for the store → checks → scoring — in
worker processes, so it runs on another core while the event loop keeps gathering other sites.

``understand_and_assess`` is pure (no I/O): the same inputs give the same site entry whether it runs in
a worker or inline (``workers=0``), which tests/pipeline compares.
"""
from __future__ import annotations

import asyncio
import contextlib
import ctypes
import functools
import gc
import json
import logging
import multiprocessing.context
import os
import sys
import time
import zlib
from collections.abc import AsyncIterator
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from concurrent.futures import process as futures_process
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from itertools import islice
from multiprocessing import popen_spawn_posix
from typing import Any, Self

from govinspect.die_with_parent import die_with_parent
from govinspect.gather.gather_outcome import GatherOutcome
from govinspect.model.artifacts import Probe, SiteArtifacts
from govinspect.model.packed_list import PackedList
from govinspect.model.records import SiteRecord
from govinspect.model.result import Verdict, revise_site
from govinspect.model.serialize import from_jsonable, to_jsonable
from govinspect.pipeline.assess_site import assess_site
from govinspect.pipeline.gather_and_extract import artifacts_from_outcome
from govinspect.pipeline.retiring_worker import worker_loop

log = logging.getLogger(__name__)
ANALYSIS_FAILED = "网页分析"      # prefix of the gather_errors entry when extraction could not run
# A worker holding more than this after assessing a site (its heap trimmed) is replaced by a fresh one
# (retiring_worker.py); fresh, a worker is ~35 MB, ~50 MB once it has parsed pages.
RETIRE_ABOVE_MB = float(os.environ.get("GOVINSPECT_WORKER_RETIRE_MB", "64"))
# A site this large is assessed in room its worker's parse memos no longer hold (drop_parse_memos)
DROP_MEMOS_AT_PAGES = 1000
# Pages of the sites assessed at once (an assessment holds its site's digests): two 1,600-page sites' together
# (the last sites of a scan finish their crawls together, and one at a time leaves a core idle), a larger
# site alone.
ASSESS_PAGES_AT_ONCE = 4000


@dataclass
class SiteWork:
    """What crosses to the worker: either a fresh gather outcome or the run's stored artifacts."""

    site: SiteRecord
    as_of: date
    rulebook: Any
    outcome: GatherOutcome | None = None
    stored: dict[str, Any] | None = None
    monitored: list[Probe] = field(default_factory=list)


@dataclass
class SiteDone:
    entry: dict[str, Any]
    data: str | None                     # artifacts to store, as JSON text (None: they came from the store)
    counts: dict[str, int]
    seconds: dict[str, tuple[float, float]]   # stage → (wall, cpu) inside the worker
    packed: bytes | None = None          # instead of ``data``: that text zlib-compressed (from a worker)
    retire_worker: int = 0               # pid of the worker that made it, ending after sending it (retiring_worker.py)

    @property
    def to_store(self) -> bool:
        return self.data is not None or self.packed is not None

    def artifacts_text(self) -> str | None:
        return zlib.decompress(self.packed).decode("utf-8") if self.packed is not None else self.data

    def stored_form(self) -> str | bytes | None:
        """What the store takes: the compressed text as it came (never decompressed here), else the text."""
        return self.packed if self.packed is not None else self.data


PACK_ITEMS = 8        # list items turned into JSON at a time (pack_artifacts): one column with its items is ~30 k characters


def pack_artifacts(artifacts: SiteArtifacts) -> bytes:
    """``json.dumps(to_jsonable(artifacts), ensure_ascii=False)`` zlib-compressed, written field by field and
    every list field ``PACK_ITEMS`` items at a time: neither the whole JSON tree nor the whole text of a large
    site, nor of its largest field, is ever held (the text of a 4,000-page site is ~14 M characters, ~28 MB
    as a str; its articles alone made a transient ~18 MB, its 28 columns written whole ~6 MB), and the bytes
    are the same."""
    z = zlib.compressobj(1)
    out = [z.compress(b"{")]
    for i, f in enumerate(dataclass_fields(artifacts)):
        value = getattr(artifacts, f.name)
        head = (", " if i else "") + json.dumps(f.name, ensure_ascii=False) + ": "
        if not isinstance(value, list | PackedList) or not value:
            out.append(z.compress((head + _json(value)).encode("utf-8")))
            continue
        out.append(z.compress((head + "[").encode("utf-8")))
        items, sep = iter(value), ""
        while batch := list(islice(items, PACK_ITEMS)):
            out.append(z.compress((sep + ", ".join(_json(item) for item in batch)).encode("utf-8")))
            sep = ", "
        out.append(z.compress(b"]"))
    out.append(z.compress(b"}"))
    out.append(z.flush())
    return b"".join(out)


def _json(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, default=str)


def understand_and_assess(work: SiteWork, packed: bool = False) -> SiteDone:
    seconds: dict[str, tuple[float, float]] = {}

    def timed(name: str, started: tuple[float, float]) -> tuple[float, float]:
        now = (time.perf_counter(), time.process_time())
        seconds[name] = (now[0] - started[0], now[1] - started[1])
        return now

    t = (time.perf_counter(), time.process_time())
    data: str | None = None
    packed_data: bytes | None = None
    if work.outcome is not None:
        try:
            artifacts = artifacts_from_outcome(work.site, work.outcome, work.as_of)
        except Exception as exc:
            log.exception("extraction failed for %s", work.site.site_code)
            artifacts = unextracted(work.site, work.outcome, f"{ANALYSIS_FAILED}出错：{type(exc).__name__}: {exc}"[:300])
        t = timed("extract", t)
        # stored as gathered (before monitored probes are merged), as text: a compact reply to the scan
        if packed:
            packed_data = pack_artifacts(artifacts)
        else:
            data = json.dumps(to_jsonable(artifacts), ensure_ascii=False, default=str)
        t = timed("serialise", t)
    else:
        artifacts = from_jsonable(SiteArtifacts, work.stored or {})
        t = timed("load", t)
    if work.monitored:   # a monitored week decides V2; one-shot probes alone cannot
        artifacts.probes = list(work.monitored) + list(artifacts.probes or [])
    entry = assess_site(work.site, artifacts, work.as_of, work.rulebook)
    failed = [e for e in artifacts.gather_errors if e.startswith(ANALYSIS_FAILED)]
    if failed and entry.get("result") == Verdict.NOT_ASSESSED:   # say why the extracted fields are missing
        entry = revise_site(entry, not_assessed_reason="；".join([*failed, *filter(None, [entry.get("not_assessed_reason")])]))
    timed("checks+scoring", t)
    counts = {"pages": len(artifacts.pages or []), "links": len(artifacts.link_checks or []),
              "probes": len(artifacts.probes or [])}
    return SiteDone(entry=entry, data=data, counts=counts, seconds=seconds, packed=packed_data)


def assess_and_release(work: SiteWork) -> SiteDone:
    """``understand_and_assess`` in a worker, its artifacts sent back compressed, then its heap handed
    back: a site's digests and artifacts are garbage once it returns, and without a trim the process
    would keep the largest site's peak for good."""
    if _site_pages(work) >= DROP_MEMOS_AT_PAGES:
        drop_parse_memos()
    done = understand_and_assess(work, packed=True)
    release_heap()
    done.retire_worker = os.getpid() if _rss_mb() > RETIRE_ABOVE_MB else 0
    return done


def _site_pages(work: SiteWork) -> int:
    if work.outcome is not None:
        return len(work.outcome.pages)
    return len((work.stored or {}).get("pages") or [])


def drop_parse_memos() -> None:
    """Empty the bounded memos (``lru_cache``) of govinspect's modules and hand the heap back, before a large
    assessment. A worker that has parsed a few thousand pages holds ~12 MB in them (text windows' spam
    verdicts, canonical URLs, link contexts); the assessment would be allocated beside them. Without them the
    worker usually ends under RETIRE_ABOVE_MB and goes on parsing (its memos fill again) instead of being
    replaced by a fresh process that pays its imports. Unbounded caches (the lexicons, the wording tables)
    stay: they are loaded once and needed. Memos only: no reading changes."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("govinspect.") or module is None:
            continue
        for value in list(vars(module).values()):
            if (isinstance(value, functools._lru_cache_wrapper) and getattr(value, "__module__", None) == name
                    and value.cache_info().maxsize):
                value.cache_clear()
    release_heap()


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):     # no procfs: never retire
        return 0.0


def release_heap() -> None:
    """Collect a finished site's cyclic garbage now (a full collection otherwise waits for many more
    allocations) and hand the freed heap back to the system: a scan's processes live for the whole run,
    and glibc keeps what a large site's transient buffers took unless asked."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: the memory is reused, only not returned
        pass


def unextracted(site: SiteRecord, outcome: GatherOutcome | None, reason: str,
                keep_pages: bool = True) -> SiteArtifacts:
    """What the network gave, without the extracted fields: the checks that need them are not assessed
    (with ``reason`` among the gather errors), those on probes, links and network facts still judge."""
    if outcome is None:
        return SiteArtifacts(site_code=site.site_code, url=site.url, gather_errors=[reason])
    return SiteArtifacts(
        site_code=site.site_code, url=site.url,
        probes=None if outcome.probes is None else list(outcome.probes),
        link_checks=None if outcome.link_checks is None else list(outcome.link_checks),
        network=outcome.network, pages=list(outcome.pages) if keep_pages else None,
        spider_views=dict(outcome.spider_views) if outcome.spider_views is not None else None,
        blocked=bool(outcome.blocked), gather_errors=[*outcome.errors, reason])


def default_workers() -> int:
    """One process per core, at most four: each parses pages for the crawl and assesses whole sites, so
    both cores stay busy whichever the scan needs at the moment (the event loop takes about a third of one)."""
    return max(1, min(4, os.cpu_count() or 2))


class _PopenWithoutMain(popen_spawn_posix.Popen):
    """Spawn without re-running the parent's main script in the child. The console script imports the
    whole CLI (click, sqlalchemy, alembic: ~35 MB a process) that a worker never uses; what it is sent are
    functions of govinspect modules, imported by name when unpickled."""

    def _launch(self, process_obj: Any) -> None:
        main = sys.modules["__main__"]
        path = main.__dict__.pop("__file__", None)
        try:
            super()._launch(process_obj)
        finally:
            if path is not None:
                main.__file__ = path


class _LeanSpawnProcess(multiprocessing.context.SpawnProcess):
    def __init__(self, *args: Any, **kwargs: Any):
        if kwargs.get("target") is futures_process._process_worker:    # the pool's loop, + retiring a worker
            kwargs["target"] = worker_loop
        super().__init__(*args, **kwargs)

    @staticmethod
    def _Popen(process_obj: Any) -> _PopenWithoutMain:
        return _PopenWithoutMain(process_obj)


class _LeanSpawn(multiprocessing.context.SpawnContext):
    Process = _LeanSpawnProcess


def _processes(n: int) -> ProcessPoolExecutor:
    # spawned: the scanning process has threads and an event loop
    return ProcessPoolExecutor(n, mp_context=_LeanSpawn(), initializer=die_with_parent)   # no orphans (issue 17)


async def _top_up(pool: ProcessPoolExecutor, retired: int, wait_s: float = 5.0) -> None:
    """Start the process that replaces a retired worker. concurrent.futures replaces a worker that exits
    after its task only when no other worker has been idle since (3.11: its idle count, which finished
    parse tasks keep raising); otherwise a pool whose workers all retired would keep its tasks queued
    with no process to run them. Once the pool has let go of the retired process, start its successor —
    under the pool's own lock, so a successor it starts itself is not doubled."""
    deadline = time.monotonic() + wait_s
    while retired in pool._processes and time.monotonic() < deadline:
        await asyncio.sleep(0.005)      # the pool's manager thread sets the result, then lets go of the process
    with pool._shutdown_lock:
        if not (pool._broken or pool._shutdown_thread) and len(pool._processes) < pool._max_workers:
            pool._spawn_process()


class _PageBudget:
    """Assessments at once: at most ``most`` of them, their sites' pages together within ``pages`` — except
    that one always may run, however large its site."""

    def __init__(self, pages: int, most: int):
        self.pages, self.most = pages, most
        self.used = self.running = 0
        self._turn = asyncio.Condition()

    @contextlib.asynccontextmanager
    async def hold(self, pages: int) -> AsyncIterator[None]:
        async with self._turn:
            await self._turn.wait_for(lambda: self.running == 0 or (
                self.running < self.most and self.used + pages <= self.pages))
            self.used += pages
            self.running += 1
        try:
            yield
        finally:
            async with self._turn:
                self.used -= pages
                self.running -= 1
                self._turn.notify_all()


class AssessPool:
    """One pool of ``workers`` processes parses the crawl's pages and assesses whole sites (one pool, not
    one per task: each Python process weighs ~50 MB before it does anything); ``workers=0`` runs both
    inline on the loop (small scans, tests).

    An assessment holds its whole site's light digests (~15 MB of heap for 4,500 pages): sites of up to
    ASSESS_PAGES_AT_ONCE pages together are assessed at once, a larger one alone, so the peak stays that of
    one large site; the last sites of a scan finish their crawls together, and assessed one at a time they
    would leave the other cores idle."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._assessing = _PageBudget(ASSESS_PAGES_AT_ONCE, max(1, workers))

    def __enter__(self) -> Self:
        if self.workers > 0:
            self._pool = _processes(self.workers)
        return self

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self._pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = _processes(self.workers)

    @property
    def executor(self) -> Executor | None:
        """The processes that parse pages for the crawl (None: inline); a pool a crashed parse broke is
        replaced for the next site (that page itself is read inline, gather/read_page.in_pool)."""
        if self._pool is not None and getattr(self._pool, "_broken", False):
            self._replace(self._pool)
        return self._pool

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    async def run(self, work: SiteWork) -> SiteDone:
        if self._pool is None:
            return understand_and_assess(work)
        for attempt in (1, 2):
            pool = self._pool
            try:
                async with self._assessing.hold(_site_pages(work)):
                    done = await asyncio.get_running_loop().run_in_executor(pool, assess_and_release, work)
                if done.retire_worker:
                    await _top_up(pool, done.retire_worker)
                return done
            except BrokenExecutor:
                # A worker died (out of memory, a crash in a parser). The pool also parses other sites'
                # pages, so the death may not be this site's: one more try in a fresh pool, then 未能检测.
                log.error("a pool worker died while %s was assessed (attempt %d)", work.site.site_code, attempt)
                self._replace(pool)
        reason = f"{ANALYSIS_FAILED}进程异常退出（内存不足或解析器崩溃），本站未能完成分析"
        fallback = SiteWork(site=work.site, as_of=work.as_of, rulebook=work.rulebook, monitored=work.monitored,
                            stored=to_jsonable(unextracted(work.site, work.outcome, reason, keep_pages=False)))
        return understand_and_assess(fallback)
