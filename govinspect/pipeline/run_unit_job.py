"""One unit of a distributed run, on whichever worker took it, and the run's result when it was the last.

A site unit does the whole work of its site — gather (its crawl journal mirrored to the shared store),
extract, checks, scoring — and stores its result entry; an accounts unit reads its batch of feeds (one
主办单位's accounts are never split: duplicate accounts are judged within it). The job that ends the
last unit composes the run's result from the stored entries, so no process holds the whole run while it
is scanned and a closed terminal loses nothing. Broker-agnostic: ``workers/`` wraps these as dramatiq
actors; tests may call them directly.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from govinspect.gather.crawl_journal import CrawlJournal
from govinspect.gather.gather_site import gather_site
from govinspect.gather.mirrored_journal import MirroredJournal
from govinspect.model.artifacts import AccountArtifacts
from govinspect.model.records import AccountRecord, SiteRecord
from govinspect.model.result import Verdict, account_entry, revise_site
from govinspect.model.serialize import from_jsonable, to_jsonable
from govinspect.pipeline.assess_accounts import assess_accounts, judge_accounts
from govinspect.pipeline.assess_in_pool import SiteWork, understand_and_assess, unextracted
from govinspect.pipeline.compose_result import compose_result
from govinspect.pipeline.probe_sites import monitored_probes
from govinspect.scoring.rulebook import build_rulebook, load_rulebook
from govinspect.settings import Settings
from govinspect.store import Store
from govinspect.store.run_jobs_store import RunJobs

log = logging.getLogger(__name__)

MAX_STARTS = 6          # a unit whose worker keeps dying (a page that crashes the parser, memory) gives up
MAX_FAILURES = 3        # attempts that raised; then the unit is 未能检测 with the last error
PUSH_S = 1.0            # the crawl journal goes to the shared store this often
KILLED_REASON = "检测进程多次中断（可能是网站页面导致崩溃或内存不足），本站未能完成检测"


def rulebook_of(run: dict[str, Any]) -> Any:
    """The rulebook the coordinator loaded (its data travels with the run: a local rulebook file need not
    exist on the workers' machines)."""
    raw = run["source"].get("rulebook_raw")
    return build_rulebook(raw, source=f"run {run['id']}") if raw else load_rulebook(run["rulebook"])


def worker_name() -> str:
    """One attempt's identity: a duplicate delivery to the same process is a different attempt and must
    not take over a unit its twin is still working on."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class UnitAttemptFailed(RuntimeError):
    """An attempt raised and the unit went back to the queue: the broker should retry it."""


async def run_unit(settings: Settings, store: Store, run_id: str, unit: str, worker: str | None = None) -> str:
    """Do ``unit`` unless it ended already or a live twin holds it; returns what happened
    (done | failed | ended | busy | missing). Raises UnitAttemptFailed when the broker should retry.

    ``settings`` are this worker's (its store, its workspace for the local journal file); how to crawl
    (budget, politeness, resolve map, probe window) comes from the run, as the coordinator set it."""
    jobs = RunJobs(store)
    worker = worker or worker_name()
    run = await store.get_run(run_id)
    if run is None:
        return "missing"
    # The lease is half the broker's heartbeat timeout: when the broker redelivers a dead worker's
    # message, that worker's lease has run out and the new one may take the unit.
    lease_s = settings.worker_heartbeat_s / 2
    claim = await jobs.claim(run_id, unit, worker, lease_s, MAX_STARTS)
    if claim.outcome in ("busy", "missing"):
        return claim.outcome
    kind, payload = claim.kind, claim.payload
    settings = settings.with_crawl_part(run["source"].get("settings") or {})
    as_of = run["as_of"] if isinstance(run["as_of"], date) else date.fromisoformat(str(run["as_of"]))
    rulebook = rulebook_of(run)
    outcome = "ended"
    if claim.outcome == "gave_up":
        await _end_not_assessed(jobs, run_id, unit, kind, payload, as_of, rulebook, KILLED_REASON)
        outcome = "failed"
    elif claim.outcome == "claimed":
        pages = [0]
        keeper = asyncio.create_task(_keep_lease(jobs, run_id, unit, worker, lease_s, pages))
        try:
            if kind == "site":
                entry, counts = await _site(settings, store, jobs, run_id, from_jsonable(SiteRecord, payload),
                                            as_of, rulebook, pages)
            else:
                records = [from_jsonable(AccountRecord, a) for a in payload]
                entry, counts = await _accounts(settings, records, as_of, rulebook)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"[:500]
            log.exception("unit %s of run %s failed", unit, run_id)
            await _stop(keeper)
            if not await jobs.failed_attempt(run_id, unit, reason, MAX_FAILURES):
                raise UnitAttemptFailed(reason) from exc
            await _end_not_assessed(jobs, run_id, unit, kind, payload, as_of, rulebook,
                                    f"检测任务 {MAX_FAILURES} 次出错，本站未能完成检测（{reason}）")
            outcome = "failed"
        else:
            await _stop(keeper)
            await jobs.end(run_id, unit, entry, counts)
            outcome = "done"
            if kind == "site":
                await jobs.drop_journal(run_id, unit)
    await finish_if_last(store, run_id)
    return outcome


async def _keep_lease(jobs: RunJobs, run_id: str, unit: str, worker: str, lease_s: float, pages: list[int]) -> None:
    """Renew the lease three times per lease period for as long as the attempt runs (a big site's
    assessment included), with the pages gathered so far for the progress display."""
    while True:
        await asyncio.sleep(lease_s / 3)
        try:
            await jobs.renew(run_id, unit, worker, lease_s, pages[0])
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("lease renewal for %s failed; retrying", unit, exc_info=True)


async def _stop(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def finish_if_last(store: Store, run_id: str) -> bool:
    """Compose and store the run's result when every unit has ended. The one caller that moves the run to
    ``finishing`` does it; a job redelivered after that caller died finds ``finishing`` and does it again
    (the result is the same)."""
    jobs = RunJobs(store)
    if not await jobs.claim_finish(run_id):
        run = await store.get_run(run_id)
        if run is None or run["status"] != "finishing":
            return False
    result = await compose_stored_result(store, run_id)
    await store.finish_run(run_id, result)
    await jobs.drop_journal(run_id)
    return True


async def compose_stored_result(store: Store, run_id: str) -> dict[str, Any]:
    run = await store.get_run(run_id)
    assert run is not None
    as_of = run["as_of"] if isinstance(run["as_of"], date) else date.fromisoformat(str(run["as_of"]))
    jobs = RunJobs(store)
    order = {code: i for i, code in enumerate(run["source"].get("sites", []))}
    sites: list[tuple[int, dict[str, Any]]] = []
    gathered = {"pages": 0, "links": 0, "probes": 0, "sites": 0}
    async for unit, entry, counts in jobs.entries(run_id, "site"):
        sites.append((order.get(unit, len(order)), entry))
        gathered["sites"] += 1
        for key in ("pages", "links", "probes"):
            gathered[key] += int(counts.get(key, 0))
    account_order = {key: i for i, key in enumerate(run["source"].get("accounts", []))}
    accounts: list[tuple[int, dict[str, Any]]] = []
    async for _unit, batch, _counts in jobs.entries(run_id, "accounts"):
        accounts.extend((account_order.get(item["entry"].get("key"), len(account_order)), item) for item in batch)
    accounts.sort(key=lambda pair: pair[0])
    return compose_result(run_id=run_id, as_of=as_of, rulebook=rulebook_of(run),
                          site_entries=[e for _, e in sorted(sites, key=lambda pair: pair[0])],
                          account_entries=[item["entry"] for _, item in accounts],
                          manual_look=[item["look"] for _, item in accounts if item.get("look")],
                          gathered=gathered)


async def _site(settings: Settings, store: Store, jobs: RunJobs, run_id: str, site: SiteRecord, as_of: date,
                rulebook: Any, pages: list[int]) -> tuple[dict[str, Any], dict[str, int]]:
    journal = MirroredJournal(_journal_path(settings, run_id, site.site_code))
    try:
        journal.restore(*await jobs.pull_journal(run_id, site.site_code))
        mirror = asyncio.create_task(_mirror(jobs, journal, run_id, site.site_code, pages))
        try:
            outcome = await gather_site(site, settings, None, as_of=as_of, journal=journal)
        finally:
            await _stop(mirror)
        await _push(jobs, journal, run_id, site.site_code)
        work = SiteWork(site=site, as_of=as_of, rulebook=rulebook, outcome=outcome,
                        monitored=await monitored_probes(store, site.site_code, as_of))
        # a thread, not the loop: a big site's assessment takes seconds and other sites' probes are timed
        done = await asyncio.to_thread(understand_and_assess, work)
        if done.data is not None:
            await store.save_site_artifacts(run_id, site.site_code, done.data)
        return done.entry, done.counts
    finally:
        journal.close()


async def _mirror(jobs: RunJobs, journal: MirroredJournal, run_id: str, site_code: str, pages: list[int]) -> None:
    """Push the journal about once a second; a failed push is kept for the next."""
    while True:
        await asyncio.sleep(PUSH_S)
        try:
            await _push(jobs, journal, run_id, site_code)
            pages[0] = journal.page_count()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("journal push for %s failed; retrying", site_code, exc_info=True)


async def _push(jobs: RunJobs, journal: MirroredJournal, run_id: str, site_code: str) -> None:
    pages, facts = journal.take_outbox()
    try:
        await jobs.push_journal(run_id, site_code, pages, facts)
    except BaseException:
        journal.requeue(pages, facts)
        raise


async def _accounts(settings: Settings, accounts: list[AccountRecord], as_of: date, rulebook: Any
                    ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    entries, manual_look = await assess_accounts(accounts, settings, as_of, rulebook)
    looks = {(m["name"], m["platform"], m["region"]): m for m in manual_look}
    batch = [{"entry": e, "look": looks.get((e.get("name"), e.get("platform"), e.get("region")))} for e in entries]
    return batch, {"accounts": len(entries)}


async def _end_not_assessed(jobs: RunJobs, run_id: str, unit: str, kind: str, payload: Any, as_of: date,
                            rulebook: Any, reason: str) -> None:
    """The unit could not be done: 未能检测 with the reason, never a verdict."""
    if kind == "site":
        site = from_jsonable(SiteRecord, payload)
        work = SiteWork(site=site, as_of=as_of, rulebook=rulebook,
                        stored=to_jsonable(unextracted(site, None, reason)))
        entry: Any = revise_site(understand_and_assess(work).entry, result=Verdict.NOT_ASSESSED, score=None,
                                 not_assessed_reason=reason)
    else:   # the accounts' checks on nothing read: each 未能检测 through the same scoring
        records = [from_jsonable(AccountRecord, a) for a in payload]
        verdicts = judge_accounts([AccountArtifacts(key=r.key, record=r) for r in records], as_of, rulebook)
        entry = [{"entry": account_entry({**e, "result": Verdict.NOT_ASSESSED, "not_assessed_reason": reason}),
                  "look": {"name": e["name"], "platform": e["platform"], "region": e["region"],
                           "feed_url": e.get("feed_url") or "", "reason": reason}} for e in verdicts.entries]
    await jobs.end(run_id, unit, entry, {}, state="failed", reason=reason)


def _journal_path(settings: Settings, run_id: str, site_code: str) -> Path:
    return CrawlJournal.path_for(Path(settings.workspace) / "runs" / run_id, site_code)


def account_batches(accounts: list[AccountRecord], size: int = 500) -> list[tuple[str, list[dict[str, Any]]]]:
    """Accounts in batches of about ``size``, one 主办单位's accounts always in one batch."""
    from govinspect.checks.accounts.duplicate_accounts import organizer_key

    groups: dict[str, list[AccountRecord]] = {}
    for i, account in enumerate(accounts):
        groups.setdefault(organizer_key(account.organizer) or f"\0{i}", []).append(account)
    batches: list[list[AccountRecord]] = [[]]
    for group in groups.values():
        if batches[-1] and len(batches[-1]) + len(group) > size:
            batches.append([])
        batches[-1].extend(group)
    return [(f"accounts:{n:05d}", [to_jsonable(a) for a in batch]) for n, batch in enumerate(batches) if batch]
