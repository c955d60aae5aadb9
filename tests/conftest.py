"""Shared test fixtures. Third-party real data is read from ../shared/realdata (never copied)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REALDATA = SHARED / "realdata"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.fail(f"missing {REALDATA}: tests need ../shared/realdata beside the project")
    return REALDATA


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS
