"""The one-way data flow holds: import-linter's layers contract (pyproject.toml) is kept."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_layers_contract_is_kept() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    out = subprocess.run([exe], check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def _contracts() -> list[dict]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_architecture_doc_names_every_contract_and_layer() -> None:
    """docs/architecture.md's contract table lists the contracts pyproject.toml has (by name and type), and its
    layer table names every package of the layers contract, so the page and the CI check cannot drift apart."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip()
            for line in doc.split("## Import contracts", 1)[1].split("\n## ", 1)[0].splitlines()
            if line.startswith("| ") and not line.startswith("| contract") and "---" not in line}
    assert rows == {c["name"]: c["type"] for c in _contracts()}
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    table = doc.split("## Layers", 1)[1].split("\n## ", 1)[0]
    for layer in layers:
        for package in layer.split("|"):
            name = package.strip().removeprefix("govinspect.")
            assert f"`{name}/`" in table or f"`{name}.py`" in table, f"{name} missing from the layer table"


def test_ci_runs_the_import_contracts() -> None:
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.strip() == "lint-imports" for line in (ROOT / "scripts" / "test.sh").read_text().splitlines())
