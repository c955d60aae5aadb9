"""Builds fixtures/result_demo.json from the demo's result (``govinspect demo`` → govinspect-data/demo/result.json).

The dashboard tests of grouping, bulk decisions and Chinese evidence read this realistic document (six
sites, twenty accounts, every kind of evidence the checks write). ``columns`` and ``understanding`` are
dropped (the dashboard does not show them) to keep the file small. Run ``python tests/web/build_demo_fixture.py``
after the checks change what they record.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "govinspect-data" / "demo" / "result.json"
OUT = Path(__file__).resolve().parent / "fixtures" / "result_demo.json"
RUN_ID = "20200717-demo-review"


def build(source: Path = SOURCE) -> dict:
    doc = json.loads(source.read_text(encoding="utf-8"))
    for site in doc["sites"]:
        site.pop("columns", None)
        site.pop("understanding", None)
    doc["run_id"] = RUN_ID
    return doc


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    OUT.write_text(json.dumps(build(src), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(OUT)
