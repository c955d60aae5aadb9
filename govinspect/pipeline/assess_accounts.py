"""New-media accounts: adapters (feeds / manual dates) → account checks → the rulebook's verdicts."""
from __future__ import annotations

from datetime import date
from typing import Any

from govinspect.checks.run_checks import run_checks
from govinspect.gather.read_feeds import read_accounts
from govinspect.model.artifacts import AccountArtifacts, AccountSetArtifacts
from govinspect.model.findings import Finding, RunContext, fingerprint
from govinspect.model.records import AccountRecord
from govinspect.model.result import DEFAULT_RULEBOOK
from govinspect.scoring.rulebook import Rulebook, load_rulebook
from govinspect.scoring.score_account import AccountVerdicts, score_accounts
from govinspect.settings import Settings

DEFAULT_ID = DEFAULT_RULEBOOK["id"]


def _set_findings_for(key: str, set_findings: list[Finding]) -> list[Finding]:
    """The account's share of the findings across the set (duplicates name their keys; errors go to all)."""
    out = []
    for f in set_findings:
        if f.status != "error" and key not in f.evidence.get("keys", []):
            continue
        out.append(Finding.from_dict({**f.to_dict(), "fingerprint": fingerprint(key, f.check, f.subject)}))
    return out


def check_accounts(artifacts: list[AccountArtifacts], as_of: date, rulebook: Rulebook | str = DEFAULT_ID,
                   options: dict[str, Any] | None = None) -> dict[str, list[Finding]]:
    """Run the account checks (per account and across the set) with the rulebook's ``check_options``
    (``options`` on top)."""
    book = load_rulebook(rulebook)
    ctx = RunContext(as_of=as_of, options={**(book.raw.get("check_options") or {}), **(options or {})})
    records = [a.record for a in artifacts if a.record is not None]
    set_findings = run_checks(AccountSetArtifacts(accounts=records), ctx, "account_set", target="account_set")
    return {art.key: run_checks(art, ctx, art.key, target="account") + _set_findings_for(art.key, set_findings)
            for art in artifacts}


def judge_accounts(artifacts: list[AccountArtifacts], as_of: date, rulebook: Rulebook | str = DEFAULT_ID,
                   options: dict[str, Any] | None = None) -> AccountVerdicts:
    """Checks then the rulebook's verdicts, for accounts already read."""
    return score_accounts(artifacts, check_accounts(artifacts, as_of, rulebook, options), rulebook)


async def assess_accounts(accounts: list[AccountRecord], settings: Settings, as_of: date,
                          rulebook: Rulebook | str = DEFAULT_ID,
                          ) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """(account entries, accounts an inspector must look at by hand)."""
    if not accounts:
        return [], []
    verdicts = judge_accounts(await read_accounts(accounts, settings), as_of, rulebook)
    return verdicts.entries, verdicts.manual_look
