"""Fuzz: decisions YAML/JSON, rulebook YAML and the result JSON given to `rescore` / `report` — each ends
in a rescored result / rendered notice, or in DecisionError / RulebookError / ResultError (Chinese)."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.model.result import ResultError, load_result
from govinspect.pipeline.rescore_file import rescore_file
from govinspect.report.render_report import render_report
from govinspect.review.decisions import DecisionError
from govinspect.scoring.rulebook import RULEBOOK_DIR, RulebookError

from .fuzz_bounds import FUZZ, LONG, bounded, process_high_water_ok
from .strategies import JSONISH, TEXT, mutated

FIXTURE = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "result_2020q3.json"
RESULT = json.loads(FIXTURE.read_text(encoding="utf-8"))
# rescoring is the costly part: the rulebook target scores a few sites (with findings) and accounts
SMALL = {**RESULT, "sites": [x for x in RESULT["sites"] if x["findings"]][:4], "accounts": RESULT["accounts"][:4]}
RULEBOOK = yaml.safe_load((RULEBOOK_DIR / "national-2019.yaml").read_text(encoding="utf-8"))
KNOWN = (DecisionError, RulebookError, ResultError)
SITE_CODES = [s["site_code"] for s in RESULT["sites"]]
FINGERPRINTS = [f["fingerprint"] for s in RESULT["sites"] for f in s["findings"] if f.get("fingerprint")] or ["x"]
_counter = itertools.count()


def capped(n: int) -> int:
    """The costliest targets run fewer examples in CI (a few seconds each); the long run is not capped."""
    return FUZZ.max_examples if LONG else min(FUZZ.max_examples, n)

decision = st.fixed_dictionaries({}, optional={
    "unit": st.sampled_from(SITE_CODES) | TEXT, "action": st.sampled_from(["confirm", "dismiss", "add", "bonus"]) | TEXT,
    "fingerprint": st.sampled_from(FINGERPRINTS) | TEXT, "reason": TEXT, "who": TEXT,
    "finding": st.fixed_dictionaries({}, optional={
        "check": st.sampled_from(["stale_columns", "broken_links", "nope"]) | TEXT,
        "indicator": st.sampled_from(["D1", "D12", "V1", "X9"]) | TEXT, "subject": TEXT, "location": TEXT,
        "count": JSONISH, "deduction": JSONISH, "veto": JSONISH}) | JSONISH,
    "payload": JSONISH | st.sampled_from(['{"check": "x"', "[]", "null", '{"points": 1e400}']),
    "item": TEXT, "points": JSONISH})


def _write(tmp: Path, name: str, text: str | bytes) -> Path:
    path = tmp / f"{next(_counter)}{name}"
    # a lone surrogate cannot be UTF-8: written as is it makes an invalid UTF-8 file (another real input)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return path


def _rescore(result: Path, rulebook: str | None, decisions: Path | None) -> None:
    value, _ = bounded(rescore_file, result, rulebook, decisions, known=KNOWN)
    if value is not None:
        assert isinstance(value["sites"], list) and value["summary"]


@FUZZ
@given(rows=st.lists(decision, max_size=6), form=st.sampled_from(["json", "yaml", "wrapped", "raw", "bytes"]),
       raw=TEXT, blob=st.binary(max_size=200))
def test_any_decisions_file_rescores_or_is_refused_in_chinese(tmp_path_factory, rows, form, raw, blob) -> None:
    tmp = tmp_path_factory.mktemp("dec")
    if form == "json":
        path = _write(tmp, ".json", json.dumps(rows, ensure_ascii=False))
    elif form == "wrapped":
        path = _write(tmp, ".yaml", yaml.safe_dump({"decisions": rows}, allow_unicode=True))
    elif form == "yaml":
        path = _write(tmp, ".yaml", yaml.safe_dump(rows, allow_unicode=True))
    else:
        path = _write(tmp, ".yaml", raw if form == "raw" else blob)
    _rescore(FIXTURE, None, path)


@settings(FUZZ, max_examples=capped(12))
@given(book=mutated(RULEBOOK), raw=TEXT, form=st.sampled_from(["mutated", "mutated", "raw"]))
def test_any_rulebook_scores_or_is_refused_in_chinese(tmp_path_factory, book, raw, form) -> None:
    tmp = tmp_path_factory.mktemp("rb")
    text = yaml.safe_dump(book, allow_unicode=True) if form == "mutated" else raw
    small = _write(tmp, ".json", json.dumps(SMALL, ensure_ascii=False))
    _rescore(small, str(_write(tmp, ".yaml", text)), None)


@FUZZ
@given(doc=mutated(RESULT, max_changes=6), ascii_only=st.booleans())
def test_any_result_json_loads_or_is_refused_in_chinese(tmp_path_factory, doc, ascii_only) -> None:
    tmp = tmp_path_factory.mktemp("res")
    path = _write(tmp, ".json", json.dumps(doc, ensure_ascii=ascii_only))
    _rescore(path, None, None)


@settings(FUZZ, max_examples=capped(8))
@given(doc=mutated(RESULT, max_changes=4), data=st.data())
def test_any_loadable_result_renders_the_notice(tmp_path_factory, doc, data) -> None:
    """What `report` does with a result that loads: docx, xlsx and html come out (pdf in the long run)."""
    tmp = tmp_path_factory.mktemp("rep")
    path = _write(tmp, ".json", json.dumps(doc, ensure_ascii=True))     # \ud800 escapes are valid JSON
    loaded, _ = bounded(load_result, path, known=(ResultError,))
    if loaded is None:
        return
    formats = ["docx", "xlsx", "html"] + (["pdf"] if LONG and data.draw(st.booleans()) else [])
    written, _ = bounded(render_report, loaded, formats, tmp / "out", {}, seconds=120)
    assert len(written) == len(formats) and all(p.stat().st_size > 0 for p in written)
    process_high_water_ok()
