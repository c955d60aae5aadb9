"""Every check's YAML fixture cases (tests/checks/fixtures/<check_id>.yaml), run through run_checks.

Format (docs/adding_a_check.md):
  check: <id>
  cases:
    - name: ...
      as_of: YYYY-MM-DD                 # 监测时间点
      context: {RunContext overrides}   # optional
      artifacts: {SiteArtifacts / AccountArtifacts / AccountSetArtifacts fields, to_jsonable form}
      expect: [{subject, status}]       # exactly the findings produced; [] = none
A missing artifact gives `error` because the runner, not the check, handles it. What the extract stage derives
from the given fields (the content reading) is derived before the check runs, as in a scan.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from govinspect.checks.catalogue import all_checks
from govinspect.checks.run_checks import run_checks
from govinspect.extract.security.read_site import read_content
from govinspect.model.artifacts import AccountArtifacts, AccountSetArtifacts, SiteArtifacts
from govinspect.model.findings import RunContext
from govinspect.model.serialize import from_jsonable

FIXTURES = Path(__file__).parent / "fixtures"
TARGETS = {"site": SiteArtifacts, "account": AccountArtifacts, "account_set": AccountSetArtifacts}
# a read homepage unless the case says `homepage: null` (checks that conclude absence need it)
SITE_DEFAULTS = {"site_code": "4212000001", "url": "http://www.xianning.gov.cn/",
                 "homepage": {"url": "http://www.xianning.gov.cn/", "final_url": "http://www.xianning.gov.cn/",
                              "status": 200, "fetched_at": "2020-07-17T08:00:00+08:00", "elapsed_ms": 50.0,
                              "text": "<html><body>首页</body></html>"}}


def load_fixture(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("check") == path.stem, f"{path.name}: check must be {path.stem!r}"
    assert data.get("cases"), f"{path.name}: no cases"
    return data


def _params() -> list[Any]:
    out = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = load_fixture(path)
        for case in data["cases"]:
            out.append(pytest.param(data["check"], case, id=f"{data['check']}:{case['name']}"))
    return out


def build_artifacts(target: str, raw: dict[str, Any] | None, as_of: date) -> Any:
    """The case's artifacts as the extract stage leaves them: what extract derives from the given fields
    (the content reading) is derived here the same way, unless the case gives it."""
    data = dict(raw or {})
    if target == "site":
        data = {**SITE_DEFAULTS, **data}
    elif target == "account":
        data.setdefault("key", "微信:fixture:fixture")
    artifacts = from_jsonable(TARGETS[target], data)
    if target == "site" and "content_reading" not in data:
        artifacts.content_reading = read_content(artifacts, as_of)
    return artifacts


def run_case(check: str, case: dict[str, Any]) -> list[tuple[str, str]]:
    reg = all_checks().get(check)
    assert reg is not None, f"no check module for {check!r}"
    as_of = case["as_of"] if isinstance(case["as_of"], date) else date.fromisoformat(str(case["as_of"]))
    ctx = RunContext(as_of=as_of, **{"site_code": SITE_DEFAULTS["site_code"], **(case.get("context") or {})})
    artifacts = build_artifacts(reg.spec.target, case.get("artifacts"), as_of)
    findings = run_checks(artifacts, ctx, unit_key="fixture", target=reg.spec.target, only=[check])
    for f in findings:
        assert f.check == check and f.fingerprint and f.message, f
        if f.status != "error":
            assert f.evidence.get("as_of") == as_of.isoformat(), "findings record the 监测时间点"
    return sorted((f.subject, f.status) for f in findings)


@pytest.mark.parametrize(("check", "case"), _params())
def test_fixture_case(check: str, case: dict[str, Any]) -> None:
    expected = sorted((str(e["subject"]), e["status"]) for e in case["expect"] or [])
    assert run_case(check, case) == expected
