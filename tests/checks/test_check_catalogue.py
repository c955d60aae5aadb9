"""Every check id of the contract has a module and a fixture file with a failing and a passing case."""
from __future__ import annotations

from pathlib import Path

from govinspect.checks.catalogue import all_checks
from govinspect.model.check_ids import ALL_CHECKS, WEBSITE_CHECKS

FIXTURES = Path(__file__).parent / "fixtures"


def _reports_problem(expected: dict) -> bool:
    # a check whose verdict is itself an error (account_feed_unavailable) fails with status error
    return expected.get("status") == "fail" or (expected.get("status") == "error"
                                                and expected.get("subject") != "未能检测")


def _fixture_problems(check: str) -> str | None:
    import yaml

    path = FIXTURES / f"{check}.yaml"
    if not path.exists():
        return "no fixture file"
    cases = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []
    if not any(any(_reports_problem(e) for e in c.get("expect") or []) for c in cases):
        return "no failing case"
    if not any(not c.get("expect") for c in cases):
        return "no passing case (expect: [])"
    return None


def test_every_check_id_has_module_and_fixtures() -> None:
    registered = all_checks()
    problems = {}
    for check in sorted(ALL_CHECKS):
        issues = []
        if check not in registered:
            issues.append(f"no module checks/<topic>/{check}.py with SPEC and run")
        if (p := _fixture_problems(check)):
            issues.append(p)
        if issues:
            problems[check] = issues
    assert not problems, "checks incomplete:\n" + "\n".join(f"  {k}: {'; '.join(v)}" for k, v in problems.items())


def test_no_module_outside_the_contract() -> None:
    assert set(all_checks()) <= set(ALL_CHECKS), set(all_checks()) - set(ALL_CHECKS)


def test_specs_are_documented_in_chinese() -> None:
    for check, reg in all_checks().items():
        spec = reg.spec
        assert spec.title and spec.failure_title and spec.description and spec.subject, check
        assert any("\u4e00" <= ch <= "\u9fff" for ch in spec.name), check
        assert any("\u4e00" <= ch <= "\u9fff" for ch in spec.failure_title), check
        if check in WEBSITE_CHECKS:
            assert spec.target == "site", check
