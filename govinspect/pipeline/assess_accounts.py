"""New-media accounts: adapters (feeds / manual dates) → account checks → verdicts (result-JSON entries)."""
from __future__ import annotations

from datetime import date
from typing import Any

from govinspect.gather.read_feeds import read_accounts
from govinspect.model.records import AccountRecord
from govinspect.scoring.score_account import score_accounts
from govinspect.settings import Settings


async def assess_accounts(accounts: list[AccountRecord], settings: Settings, as_of: date,
                          rulebook: Any = None) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """(account entries, accounts an inspector must look at by hand)."""
    if not accounts:
        return [], []
    artifacts = await read_accounts(accounts, settings)
    verdicts = score_accounts(artifacts, as_of)
    return verdicts.entries, verdicts.manual_look
