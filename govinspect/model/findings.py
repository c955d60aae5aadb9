"""Findings and the run context every check receives."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATUSES = ("fail", "needs_review", "error", "not_applicable")


def fingerprint(unit_key: str, check: str, subject: str) -> str:
    """Stable across runs while the unit, check and subject hold (reviewers' decisions key on it)."""
    raw = f"{unit_key}\x1f{check}\x1f{subject}".encode()
    return hashlib.sha1(raw).hexdigest()[:20]


@dataclass(slots=True)
class Finding:
    """One problem (or an undecidable point) a check reports for a site or an account.

    ``indicator``, ``veto`` and ``deduction`` are filled by scoring from the rulebook, never
    by the check itself (checks do not know points).
    """

    check: str
    subject: str
    status: str = "fail"
    location: str = ""
    url: str = ""
    message: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    indicator: str | None = None
    veto: bool = False
    deduction: float = 0.0
    manual: bool = False           # entered by a reviewer

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check, "subject": self.subject, "status": self.status,
            "indicator": self.indicator, "veto": self.veto, "deduction": self.deduction,
            "location": self.location, "url": self.url, "message": self.message,
            "evidence": self.evidence, "fingerprint": self.fingerprint, "manual": self.manual,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            check=d["check"], subject=d.get("subject", ""), status=d.get("status", "fail"),
            location=d.get("location", ""), url=d.get("url", ""), message=d.get("message", ""),
            evidence=dict(d.get("evidence") or {}), fingerprint=d.get("fingerprint", ""),
            indicator=d.get("indicator"), veto=bool(d.get("veto", False)),
            deduction=float(d.get("deduction") or 0.0), manual=bool(d.get("manual", False)),
        )


@dataclass(frozen=True, slots=True)
class RunContext:
    """What a check may know besides artifacts. The only clock is ``as_of`` (监测时间点)."""

    as_of: date
    seed: int = 20190401              # sampling (3 policies, 3 解读, 5 messages) is seeded
    site_code: str = ""
    site_name: str = ""
    is_portal: bool = False
    has_services: bool = True
    organizer: str = ""
    region: str = ""
    portal_host: str | None = None    # the region portal's host, for department domain rules
    options: dict[str, Any] = field(default_factory=dict)
