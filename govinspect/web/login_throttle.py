"""Failed-login throttling per account name and per client address.

After ``free`` failures each further attempt must wait 2^(n-free) seconds after the last failure
(exponential back-off, capped); at ``lock_after`` failures the key is locked for LOCK. Counters are kept in
the store, for names that exist and names that do not alike, so the answers never tell which accounts exist.
A quiet spell of LOCK forgets the count. An admin unlocks from /admin/users.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from govinspect.store import Store, access_store
from govinspect.web.server_sessions import as_utc

LOCK = timedelta(minutes=15)
MAX_DELAY = timedelta(minutes=5)


@dataclass(frozen=True)
class Policy:
    free: int
    lock_after: int


ACCOUNT = Policy(free=3, lock_after=10)
CLIENT = Policy(free=10, lock_after=30)      # offices share one address behind NAT: more room


def account_key(username: str) -> str:
    return "account:" + " ".join(username.split()).casefold()[:200]


def client_key(address: str) -> str:
    return "client:" + address[:200]


@dataclass(frozen=True)
class Refusal:
    message: str
    retry_after: int        # seconds


def _delay(failures: int, policy: Policy) -> timedelta:
    if failures < policy.free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - policy.free)), MAX_DELAY)


def _refusal(row: dict[str, Any] | None, policy: Policy, now: datetime, whose: str) -> Refusal | None:
    if row is None:
        return None
    if row["locked_until"] is not None and as_utc(row["locked_until"]) > now:
        until = as_utc(row["locked_until"])
        wait = int((until - now).total_seconds()) + 1
        return Refusal(f"{whose}登录失败次数过多，已临时锁定，请 {max(1, wait // 60)} 分钟后再试，或联系管理员解锁", wait)
    ready = as_utc(row["last_failure"]) + _delay(row["failures"], policy)
    if ready > now and as_utc(row["last_failure"]) + LOCK > now:
        wait = int((ready - now).total_seconds()) + 1
        return Refusal(f"登录尝试过于频繁，请 {wait} 秒后再试", wait)
    return None


async def check(store: Store, username: str, address: str, now: datetime) -> Refusal | None:
    """Why this attempt may not even be tried now, or None."""
    rows = await access_store.get_throttles(store, [account_key(username), client_key(address)])
    return (_refusal(rows.get(account_key(username)), ACCOUNT, now, "该账号")
            or _refusal(rows.get(client_key(address)), CLIENT, now, "本机"))


def _next(policy: Policy) -> Callable[[dict[str, Any] | None, datetime], dict[str, Any]]:
    def next_state(row: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
        fresh = row is None or as_utc(row["last_failure"]) + LOCK < now
        failures = 1 if fresh else row["failures"] + 1
        locked = now + LOCK if failures >= policy.lock_after else None
        return {"failures": failures, "last_failure": now, "locked_until": locked}
    return next_state


async def record_failure(store: Store, username: str, address: str, now: datetime) -> bool:
    """Count a wrong password; True when this failure locked the account or the address."""
    # counters past the quiet spell count nothing any more; dropping them keeps guessed names from piling up
    await access_store.purge_throttles(store, now - LOCK, now)
    a = await access_store.bump_throttle(store, account_key(username), now, _next(ACCOUNT))
    c = await access_store.bump_throttle(store, client_key(address), now, _next(CLIENT))
    return a["failures"] == ACCOUNT.lock_after or c["failures"] == CLIENT.lock_after


async def record_success(store: Store, username: str) -> None:
    await access_store.clear_throttles(store, [account_key(username)])


def is_locked(row: dict[str, Any], now: datetime) -> bool:
    return row["locked_until"] is not None and as_utc(row["locked_until"]) > now
