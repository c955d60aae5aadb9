"""One unit, one account per platform (国办发〔2018〕123号, indicators.md §6.2; seed 000 has 崇阳医保 twice,
通山财政 twice, 咸安政务服务 and 咸安政务 by the same 主办单位).

Accounts are grouped by normalised 主办单位 (whitespace and full-width punctuation folded) and
platform; each group of two or more is one finding whose subject is ``主办单位|平台`` and whose
evidence lists the account keys (scoring attaches the finding to every account in the group).
Accounts without an organizer are never grouped. Not a veto.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from govinspect.checks.check_spec import CheckSpec
from govinspect.model.artifacts import AccountSetArtifacts
from govinspect.model.findings import Finding, RunContext
from govinspect.model.records import AccountRecord

SPEC = CheckSpec(
    id="duplicate_accounts",
    name="重复建设账号",
    subject="主办单位|平台",
    title="同一主办单位同一平台重复开设账号",
    failure_title="同一平台重复开设政务新媒体账号",
    description="国办发〔2018〕123号：原则上一个单位在同一第三方平台只开设一个政务新媒体账号。"
                "按主办单位和平台分组，两个及以上账号列出供整合；不是单项否决。",
    requires=("accounts",),
    target="account_set",
    automation="A",
)


def organizer_key(organizer: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", organizer or ""))


def duplicate_groups(accounts: list[AccountRecord]) -> list[list[AccountRecord]]:
    groups: dict[tuple[str, str], list[AccountRecord]] = defaultdict(list)
    for acc in accounts:
        key = organizer_key(acc.organizer)
        if key:
            groups[(key, acc.platform)].append(acc)
    return [g for g in groups.values() if len(g) > 1]     # identical rows count: seed 000 lists 崇阳医保 twice


def run(s: AccountSetArtifacts, ctx: RunContext) -> Iterable[Finding]:
    out = []
    for group in duplicate_groups(s.accounts or []):
        first = group[0]
        names = "、".join(a.name for a in group)
        out.append(Finding("duplicate_accounts", f"{first.organizer}|{first.platform}",
                           message=f"{first.organizer}在{first.platform}平台开设了{len(group)}个账号：{names}",
                           evidence={"as_of": ctx.as_of.isoformat(), "accounts": [a.name for a in group], "keys": [a.key for a in group]}))
    return out
