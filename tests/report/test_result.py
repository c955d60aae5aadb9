"""The result document: build, validation with Chinese messages, upgrade of the older form, atomic write."""
from __future__ import annotations

import json

import pytest

from govinspect.model.result import SCHEMA_VERSION, ResultError, build_result, load_result, write_result

from .conftest import CURRENT


def test_build_result_computes_summary_from_entries(current):
    assert current["schema_version"] == SCHEMA_VERSION
    assert current["summary"] == {
        "sites": 12, "sites_qualified": 9, "sites_failed": 2, "sites_not_assessed": 1,
        "accounts": 20, "accounts_qualified": 13, "accounts_failed": 6, "accounts_not_assessed": 1,
    }
    site = next(s for s in current["sites"] if s["name"] == "咸宁市公安局")
    assert site["result"] == "未能检测" and site["score"] is None and "探测" in site["not_assessed_reason"]
    assert {"organizer", "has_services", "not_assessed_reason", "deductions", "bonus"} <= set(site)


def test_load_recomputes_a_tampered_summary(tmp_path):
    doc = json.loads(CURRENT.read_text("utf-8"))
    doc["summary"]["sites_qualified"] = 12          # a hand-edited, wrong summary
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    assert load_result(path)["summary"]["sites_qualified"] == 9


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["sites"][0].update(result="优秀"), "结果应为 合格/不合格/未能检测"),
    (lambda d: d["sites"][0].update(vetoes=["homepage_not_updated"]), "结果不能为合格"),
    (lambda d: d["sites"][0].update(score="九十"), "应为数字"),
    (lambda d: d["sites"][0].update(name=""), "缺少名称"),
    (lambda d: d["accounts"][0]["findings"].append({"subject": "x"}), "缺少 check"),
    (lambda d: d.update(as_of="2020/13/45"), "YYYY-MM-DD"),
    (lambda d: d.update(schema_version=9), "请升级 govinspect"),
    (lambda d: d.update(sites={"a": 1}), "sites 应为列表"),
])
def test_bad_input_gets_a_chinese_message_naming_the_entry(mutate, message):
    doc = json.loads(CURRENT.read_text("utf-8"))
    mutate(doc)
    with pytest.raises(ResultError, match=message):
        load_result(doc)


def test_unreadable_files(tmp_path):
    with pytest.raises(ResultError, match="找不到结果文件"):
        load_result(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"sites": [', "utf-8")
    with pytest.raises(ResultError, match="不是有效的 JSON（第1行"):
        load_result(bad)
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes('{"as_of": "2020-07-17", "sites": [{"name": "咸宁"}]}'.encode("gbk"))
    with pytest.raises(ResultError, match="UTF-8"):
        load_result(gbk)


def test_older_form_without_schema_version_is_upgraded():
    old = {"date": "2020-07-17", "websites": [{"name": "咸宁市人民政府", "qualified": True, "score": 98}],
           "new_media": [{"name": "咸宁发布", "platform": "微信", "qualified": False}]}
    doc = load_result(old)
    assert doc["as_of"] == "2020-07-17" and doc["schema_version"] == SCHEMA_VERSION
    assert doc["sites"][0]["result"] == "合格" and doc["accounts"][0]["result"] == "不合格"
    assert doc["summary"]["sites_qualified"] == 1 and doc["summary"]["accounts_failed"] == 1


def test_control_characters_from_crawled_text_are_dropped_and_names_are_one_line():
    doc = build_result(as_of="2020-07-17", rulebook={}, tool_version="t", accounts=[], sites=[{
        "name": "咸宁市\n民政局\x00", "result": "合格", "score": 99,
        "findings": [{"check": "stale_columns", "subject": "首页>动态\x0b", "location": "首页>动态\x1f"}]}])
    site = doc["sites"][0]
    assert site["name"] == "咸宁市 民政局"
    assert site["findings"][0]["subject"] == "首页>动态" and site["findings"][0]["location"] == "首页>动态"


def test_write_result_is_atomic_and_round_trips(tmp_path, current):
    path = write_result(current, tmp_path / "sub" / "result.json")
    assert load_result(path) == current
    assert [p.name for p in path.parent.iterdir()] == ["result.json"]    # no temp file left behind


def test_write_validates_before_writing(tmp_path, current):
    """A stage that patched an entry into an impossible state cannot write it: nothing is written."""
    bad = json.loads(json.dumps(current))
    bad["sites"][0]["vetoes"] = ["homepage_not_updated"]        # a veto on a 合格 site
    with pytest.raises(ResultError, match="结果不能为合格"):
        write_result(bad, tmp_path / "result.json")
    assert not list(tmp_path.iterdir())


def test_verdicts_and_statuses_are_enums_whose_json_is_the_same_words():
    from govinspect.model.result import FindingStatus, Verdict, revise_site
    assert [v.value for v in Verdict] == ["合格", "不合格", "未能检测"]
    assert [s.value for s in FindingStatus] == ["fail", "needs_review", "error", "not_applicable"]
    doc = build_result(as_of="2020-07-17", rulebook={}, tool_version="t", accounts=[], sites=[{
        "name": "咸宁市民政局", "result": Verdict.QUALIFIED, "score": 99,
        "findings": [{"check": "stale_columns", "subject": "首页>动态", "status": FindingStatus.NEEDS_REVIEW}]}])
    text = json.dumps(doc, ensure_ascii=False)
    assert '"result": "合格"' in text and '"status": "needs_review"' in text
    revised = revise_site(doc["sites"][0], result=Verdict.NOT_ASSESSED, score=None)
    assert revised["result"] == "未能检测" and revised["score"] is None and revised["not_assessed_reason"] == "未记录原因"


def test_a_scans_own_fields_follow_the_summary(current):
    doc = build_result(as_of=current["as_of"], rulebook=current["rulebook"], sites=current["sites"],
                       accounts=current["accounts"], tool_version="t", gathered={"pages": 3}, run_id="r1",
                       accounts_manual_look=[])
    assert list(doc)[-4:] == ["summary", "run_id", "accounts_manual_look", "gathered"]
    assert load_result(doc) == doc


def test_a_version_1_result_gets_its_rulebook_block_completed_on_read(current):
    from govinspect.scoring.rulebook import rulebook_facts
    v1 = json.loads(json.dumps(current))
    v1["schema_version"] = 1
    v1["rulebook"] = {"id": "xianning-2020", "title": "咸宁口径",
                      "vetoes": {"V3": {"title": "首页不更新", "rule": "本文件自己的措辞"}}}
    doc = load_result(v1, rulebook_facts)
    assert doc["schema_version"] == SCHEMA_VERSION
    book = doc["rulebook"]
    assert book["title"] == "咸宁口径" and book["vetoes"]["V3"]["rule"] == "本文件自己的措辞"   # its own words kept
    assert book["vetoes"]["V3"]["checks"] == ["homepage_not_updated"]
    assert set(book["account_vetoes"]) == {"M1", "M2", "M3"} and "D12" in book["indicators"]
