"""Discovers every check module (checks/<topic>/<check_id>.py with SPEC and run)."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType

import govinspect.checks as checks_pkg
from govinspect.checks.check_spec import CheckSpec, RunFn

_NOT_CHECKS = {"check_spec", "catalogue", "run_checks"}


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
        if info.ispkg or short in _NOT_CHECKS or short.startswith("_"):
            continue
        mod = importlib.import_module(info.name)
        spec = getattr(mod, "SPEC", None)
        if not isinstance(spec, CheckSpec):
            continue
        if spec.id != short:
            raise RuntimeError(f"check module {info.name} declares id {spec.id!r}")
        found[spec.id] = RegisteredCheck(spec, mod.run, mod)
    return found
