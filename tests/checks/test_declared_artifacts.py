"""A check reads only the artifact fields its spec declares (``requires`` + ``optional``): every YAML fixture
case runs its check over a proxy that records each attribute read. An undeclared read fails here, so the
runner's missing-artifact guard and the docs (所需数据) stay true."""
from __future__ import annotations

import dataclasses
import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govinspect.checks.catalogue import all_checks
from govinspect.model.findings import RunContext

_path = Path(__file__).with_name("test_check_fixtures.py")
_spec = importlib.util.spec_from_file_location("check_fixture_cases", _path)
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

# the unit's identity, present on every artifacts object (never None)
ALWAYS = {"url", "site_code", "key"}


class RecordingArtifacts:
    """Stands in for SiteArtifacts/AccountArtifacts and notes which fields a check reads."""

    def __init__(self, real: Any) -> None:
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._real, name)


def _reads(check: str, case: dict[str, Any]) -> set[str] | None:
    reg = all_checks()[check]
    as_of = case["as_of"] if isinstance(case["as_of"], date) else date.fromisoformat(str(case["as_of"]))
    ctx = RunContext(as_of=as_of, **{"site_code": fixtures.SITE_DEFAULTS["site_code"], **(case.get("context") or {})})
    artifacts = fixtures.build_artifacts(reg.spec.target, case.get("artifacts"), as_of)
    if artifacts.missing(reg.spec.requires) or getattr(artifacts, "blocked", False):
        return None          # the runner answers these cases without running the check
    proxy = RecordingArtifacts(artifacts)
    list(reg.run(proxy, ctx))
    return proxy.read


def _cases() -> list[Any]:
    out = []
    for path in sorted(fixtures.FIXTURES.glob("*.yaml")):
        data = fixtures.load_fixture(path)
        out += [pytest.param(data["check"], case, id=f"{data['check']}:{case['name']}") for case in data["cases"]]
    return out


@pytest.mark.parametrize(("check", "case"), _cases())
def test_check_reads_only_declared_artifacts(check: str, case: dict[str, Any]) -> None:
    read = _reads(check, case)
    if read is None:
        return
    spec = all_checks()[check].spec
    undeclared = read - set(spec.requires) - set(spec.optional) - ALWAYS
    assert not undeclared, f"{check} reads {sorted(undeclared)} without declaring them (requires/optional)"


def test_every_declared_field_exists() -> None:
    for check, reg in all_checks().items():
        fields = {f.name for f in dataclasses.fields(fixtures.TARGETS[reg.spec.target])}
        declared = set(reg.spec.requires) | set(reg.spec.optional)
        assert declared <= fields, f"{check} declares unknown fields {sorted(declared - fields)}"
        assert not set(reg.spec.requires) & set(reg.spec.optional), check


def test_recorder_catches_an_undeclared_read() -> None:
    """The proxy sees reads made deep inside helpers, so the test above can fail."""
    artifacts = fixtures.build_artifacts("site", {"columns": [], "metas": []}, date(2020, 7, 17))
    proxy = RecordingArtifacts(artifacts)

    def helper(a: Any) -> int:
        return len(a.metas or []) + len(a.columns or [])

    assert helper(proxy) == 0
    assert proxy.read == {"metas", "columns"}
