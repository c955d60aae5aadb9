"""docs/checks.md, model/check_table.json and scoring/check_evidence_keys.json are generated from the CheckSpecs;
none may be stale."""
from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_check_docs.py"


def test_checks_doc_is_current() -> None:
    spec = importlib.util.spec_from_file_location("generate_check_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.DOC.exists(), "run: python scripts/generate_check_docs.py"
    assert module.DOC.read_text(encoding="utf-8") == module.render(), \
        "docs/checks.md is stale: run python scripts/generate_check_docs.py"


def test_evidence_key_table_is_current() -> None:
    spec = importlib.util.spec_from_file_location("generate_check_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.KEYS.read_text(encoding="utf-8") == module.render_keys(), \
        "scoring/check_evidence_keys.json is stale: run python scripts/generate_check_docs.py"
    assert module.TABLE.read_text(encoding="utf-8") == module.render_table(), \
        "model/check_table.json is stale: run python scripts/generate_check_docs.py"
