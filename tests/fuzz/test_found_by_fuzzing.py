"""The inputs the fuzzers found that ended in a traceback (the CLI's 内部错误) before the fixes, kept as
plain regression tests. Each now ends in the owning module's error class with a Chinese message."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from govinspect.gather.feeds.parse_feed import parse_feed_bytes
from govinspect.model.result import ResultError, load_result
from govinspect.pipeline.rescore_file import rescore_file
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


def test_the_command_line_prints_one_chinese_line_for_each_found_input(tmp_path: Path) -> None:
    """End to end: what the user sees for these inputs is `错误：…`, never a traceback or 内部错误."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "d.json").write_text(json.dumps([{"unit": "4212000001", "action": "bonus", "payload": "{"}]),
                                     encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: x\nscale: [1, 2]\ntitle: t\ngroups: {a: {total: 100}}\nindicators: [1]\n",
                                     encoding="utf-8")
    (tmp_path / "cr.csv").write_bytes("网站标识码,网站名称,首页地址\r4212000001,咸宁,http://a.gov.cn/\r".encode())
    runs = [["rescore", str(FIXTURE), "--decisions", "d.json", "--json", "o.json"],
            ["report", "deep.json", "--format", "html", "--out", "out"],
            ["rescore", str(FIXTURE), "--rulebook", str(tmp_path / "b.yaml"), "--json", "o.json"],
            ["import", "cr.csv"]]
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "govinspect", "-q", "--workspace", "ws", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": str(root)})
        shown = done.stdout + done.stderr
        assert "Traceback" not in shown and "内部错误" not in shown, (args, shown)
        if args[0] == "import":
            assert done.returncode == 0, shown
        else:    # a Chinese explanation after 错误：, not an English exception text
            assert re.search(r"错误：.*[\u4e00-\u9fff]", done.stderr.replace(str(tmp_path), "")), (args, shown)


def test_result_whose_rulebook_is_not_an_object(tmp_path: Path) -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["rulebook"] = [1, 2]
    (tmp_path / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ResultError, match="rulebook"):
        load_result(tmp_path / "r.json")
    doc["rulebook"] = "national-2019"           # a bare id is read as one
    (tmp_path / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    assert load_result(tmp_path / "r.json")["rulebook"]["id"] == "national-2019"
