"""Discovers every check module (checks/<topic>/<check_id>.py with SPEC and run) and answers, from the
specs alone, what other stages ask about checks (their names, the evidence a rulebook may match)."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType

import govinspect.checks as checks_pkg
from govinspect.checks.check_spec import CheckSpec, RunFn

_NOT_CHECKS = {"check_spec", "catalogue", "run_checks"}
_KIT = checks_pkg.__name__ + ".kit."     # shared helpers, never checks


@dataclass(frozen=True)
class RegisteredCheck:
    spec: CheckSpec
    run: RunFn
    module: ModuleType


@cache
def all_checks() -> dict[str, RegisteredCheck]:
    found: dict[str, RegisteredCheck] = {}
    for info in pkgutil.walk_packages(checks_pkg.__path__, checks_pkg.__name__ + "."):
        short = info.name.rsplit(".", 1)[-1]
        if info.ispkg or short in _NOT_CHECKS or short.startswith("_") or info.name.startswith(_KIT):
            continue
        mod = importlib.import_module(info.name)
        spec = getattr(mod, "SPEC", None)
        if not isinstance(spec, CheckSpec):
            continue
        if spec.id != short:
            raise RuntimeError(f"check module {info.name} declares id {spec.id!r}")
        found[spec.id] = RegisteredCheck(spec, mod.run, mod)
    return found


def check_names() -> dict[str, str]:
    """Short Chinese name of every check (tables, dashboard, CLI)."""
    return {cid: reg.spec.name for cid, reg in all_checks().items()}


def evidence_keys() -> dict[str, tuple[str, ...]]:
    """Evidence fields each check records that a rulebook ``where`` may match on."""
    return {cid: reg.spec.evidence_keys for cid, reg in all_checks().items() if reg.spec.evidence_keys}
