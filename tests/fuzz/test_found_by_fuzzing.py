"""The inputs the fuzzers found that ended in a traceback (the CLI's 内部错误) before the fixes, kept as
plain regression tests. Each now ends in the owning module's error class with a Chinese message."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from govinspect.gather.feeds.parse_feed import parse_feed_bytes
from govinspect.pipeline.rescore_file import rescore_file
from govinspect.report.result import ResultError, load_result
from govinspect.review.decisions import DecisionError, load_decisions
from govinspect.scoring.rulebook import RULEBOOK_DIR, RulebookError, load_rulebook

FIXTURE = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "result_2020q3.json"


def test_decision_payload_that_is_not_json(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text(json.dumps([{"unit": "4212000001", "action": "bonus",
                                                  "payload": '{"points": 1'}]), encoding="utf-8")
    with pytest.raises(DecisionError, match="payload 不是有效的 JSON"):
        load_decisions(tmp_path / "d.json")


def test_deeply_nested_decisions_result_and_rulebook(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "d.json").write_text(deep, encoding="utf-8")
    with pytest.raises(DecisionError, match="嵌套"):
        load_decisions(tmp_path / "d.json")
    (tmp_path / "r.json").write_text(deep, encoding="utf-8")
    with pytest.raises(ResultError, match="嵌套"):
        load_result(tmp_path / "r.json")
    (tmp_path / "b.yaml").write_text("a: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(RulebookError, match="嵌套"):
        load_rulebook(tmp_path / "b.yaml")


@pytest.mark.parametrize("change", [
    lambda b: b.update(scale=[1, 2]),                       # a list where a table belongs
    lambda b: b["indicators"].append(None),                 # a null indicator
    lambda b: b.update(vetoes=[["V1"]]),
    lambda b: b.update(no_double_deduction="stale_columns"),
    lambda b: b["scale"].update(score_decimals="一"),
])
def test_rulebook_values_of_the_wrong_shape(tmp_path: Path, change) -> None:
    book = yaml.safe_load((RULEBOOK_DIR / "national-2019.yaml").read_text(encoding="utf-8"))
    change(book)
    path = tmp_path / f"b{id(change)}.yaml"
    path.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulebookError, match="评分规则"):
        load_rulebook(path)


def test_rulebook_not_in_utf8(tmp_path: Path) -> None:
    (tmp_path / "gbk.yaml").write_bytes("id: 本地规则\ntitle: 规则\n".encode("gbk"))
    with pytest.raises(RulebookError, match="UTF-8"):
        load_rulebook(tmp_path / "gbk.yaml")


def test_result_finding_whose_indicator_is_a_list(tmp_path: Path) -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    site = next(s for s in doc["sites"] if s["findings"])
    site["findings"][0]["indicator"] = ["D7"]
    (tmp_path / "r.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ResultError, match="indicator"):
        rescore_file(tmp_path / "r.json", None, None)


def test_json_feed_nested_thousands_deep() -> None:
    parsed = parse_feed_bytes(b"[" * 50_000 + b"]" * 50_000, "application/json")
    assert parsed.status == "parse_error" and "嵌套" in parsed.detail
