"""Reviewers' decisions: from a file and from the real workspace store, applied and re-scored."""
from __future__ import annotations

from pathlib import Path

import pytest

from govinspect.model.check_ids import WEBSITE_CHECKS as WEBSITE_SITE_CHECKS
from govinspect.model.findings import Finding, fingerprint
from govinspect.model.records import SiteRecord
from govinspect.review import DecisionError, apply_decisions, from_store_rows, load_decisions, rescore_result
from govinspect.scoring import load_rulebook, score_site
from govinspect.scoring.site_entry import site_entry
from govinspect.store import Store

UNIT = "4212000001"
SITE = SiteRecord(site_code=UNIT, name="咸宁市人民政府", url="http://www.xianning.gov.cn/", is_portal=True,
                  region="市直")


def _findings() -> list[Finding]:
    out = [Finding("stale_columns", "首页>工作动态", location="首页>工作动态", evidence={"column_type": "news"}),
           Finding("missing_search", "全站", status="needs_review"),
           Finding("broken_links", "http://x/ggzy/", evidence={"on_homepage": True})]
    for f in out:
        f.fingerprint = fingerprint(UNIT, f.check, f.subject)
    return out


def _result() -> dict:
    score = score_site(load_rulebook("national-2019"), _findings(), is_portal=True, has_services=True)
    return {"as_of": "2020-07-17", "rulebook": {"id": "national-2019"}, "sites": [site_entry(SITE, score)],
            "accounts": []}


def test_decisions_file_dismiss_confirm_add_bonus(tmp_path: Path) -> None:
    path = tmp_path / "decisions.yaml"
    path.write_text(f"""
decisions:
  - {{unit: "{UNIT}", action: dismiss, fingerprint: "{fingerprint(UNIT, 'stale_columns', '首页>工作动态')}",
     reason: 历史性专题, who: 张三}}
  - {{unit: "{UNIT}", action: confirm, fingerprint: "{fingerprint(UNIT, 'missing_search', '全站')}", who: 张三}}
  - unit: "{UNIT}"
    action: add
    finding: {{indicator: D1, subject: 概况信息, location: 首页>走进咸宁, count: 2, message: 人口数据不准确}}
  - {{unit: "{UNIT}", action: bonus, item: 解读形式创新, points: 3}}
  - {{unit: "other", action: bonus, item: 不属于本网站, points: 9}}
""", encoding="utf-8")
    parts = rescore_result(_result(), None, load_decisions(path))
    site = parts["sites"][0]
    by_check = {f["check"]: f for f in site["findings"]}
    assert by_check["stale_columns"]["status"] == "not_applicable"
    assert by_check["stale_columns"]["evidence"]["review"]["reason"] == "历史性专题"
    assert by_check["missing_search"]["status"] == "fail"
    assert site["deductions"] == {"D1": 2, "F1": 0.2, "F5": 1}
    assert site["score"] == 100 - 3.2 + 3 and site["bonus"] == 3
    assert parts["rulebook"]["indicators"]["D1"]["rule"]


def test_rescore_with_another_rulebook_is_idempotent() -> None:
    first = rescore_result(_result(), "xianning-2020")
    again = rescore_result({**_result(), "sites": first["sites"]}, "xianning-2020")
    assert first["sites"][0]["score"] == again["sites"][0]["score"] == 98.8
    assert first["rulebook"]["id"] == "xianning-2020"


def test_bad_decisions_get_clear_chinese_errors(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('[{"unit": "x", "action": "dismiss"}]', encoding="utf-8")
    with pytest.raises(DecisionError, match="fingerprint"):
        load_decisions(path)
    path.write_text('[{"unit": "x", "action": "delete"}]', encoding="utf-8")
    with pytest.raises(DecisionError, match="action"):
        load_decisions(path)
    with pytest.raises(DecisionError, match="不存在"):
        load_decisions(tmp_path / "missing.yaml")


async def test_decisions_from_the_workspace_store(tmp_path: Path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'ws.db'}")
    try:
        fp = fingerprint(UNIT, "broken_links", "http://x/ggzy/")
        await store.append_decision(unit_key=UNIT, action="dismiss", who="李四", reason="链接已恢复", fingerprint=fp)
        await store.append_decision(unit_key=UNIT, action="add", who="李四",
                                    payload={"check": "missing_org_contacts", "subject": "http://x/jg/1.html",
                                             "location": "首页>政府机构", "deduction": 1})
        rows = await store.list_decisions(UNIT)
    finally:
        await store.close()
    decisions = from_store_rows(rows)
    effective = apply_decisions(_findings(), decisions, unit_key=UNIT)
    status = {f.check: f.status for f in effective}
    assert status["broken_links"] == "not_applicable" and status["missing_org_contacts"] == "fail"
    score = score_site(load_rulebook("national-2019"), effective, is_portal=True, has_services=True)
    assert score.deductions == {"D3": 1, "D12": 1}


def test_accounts_rescored_from_decisions() -> None:
    key = "微信:咸宁林业:咸宁市林业局"
    entry = {"name": "咸宁林业", "platform": "微信", "organizer": "咸宁市林业局", "region": "市直", "key": key,
             "result": "不合格", "findings": [{"check": "account_not_updated", "subject": "2020.6.18-2020.7.17",
                                               "status": "fail", "veto": True,
                                               "fingerprint": fingerprint(key, "account_not_updated",
                                                                          "2020.6.18-2020.7.17")}]}
    result = {**_result(), "accounts": [entry]}
    assert rescore_result(result)["accounts"][0]["result"] == "不合格"
    dismissal = from_store_rows([{"unit_key": key, "action": "dismiss", "reason": "监测期内有更新（截图为证）",
                                  "who": "王五", "fingerprint": fingerprint(key, "account_not_updated",
                                                                            "2020.6.18-2020.7.17"),
                                  "payload": "{}", "at": "2020-07-20T10:00:00+08:00"}])
    assert rescore_result(result, None, dismissal)["accounts"][0]["result"] == "合格"


def test_blocked_site_is_not_assessed_end_to_end() -> None:
    from datetime import date

    from govinspect.checks.run_checks import run_checks
    from govinspect.model.artifacts import SiteArtifacts
    from govinspect.model.findings import RunContext

    art = SiteArtifacts(site_code=UNIT, url=SITE.url, blocked=True, gather_errors=["HTTP 403 WAF"],
                        probes=[], columns=[], links=[], footers=[], messages=[], articles=[], metas=[],
                        homepage_items=[], link_checks=[], service_guides=[], org_entries=[])
    found = run_checks(art, RunContext(as_of=date(2020, 7, 17), site_code=UNIT), UNIT)
    assert found and all(f.status == "error" for f in found if f.check in WEBSITE_SITE_CHECKS)
    score = score_site(load_rulebook("national-2019"), found, is_portal=True, has_services=True)
    assert score.result == "未能检测" and score.score is None and "403" in score.not_assessed_reason


def test_unmatched_decisions_are_named_not_dropped(tmp_path: Path) -> None:
    from govinspect.review.rescore_result import unmatched_decisions

    path = tmp_path / "decisions.yaml"
    added_fp = fingerprint(UNIT, "D1", "概况信息")
    path.write_text(f"""
- {{unit: "{UNIT}", action: dismiss, fingerprint: "{fingerprint(UNIT, 'missing_search', '全站')}", reason: 有搜索}}
- {{unit: "{UNIT}", action: dismiss, fingerprint: deadbeef, reason: 指纹抄错}}
- {{unit: "9999999999", action: bonus, item: 不存在的单位, points: 1}}
- {{unit: "{UNIT}", action: add, finding: {{indicator: D1, subject: 概况信息, count: 1}}}}
- {{unit: "{UNIT}", action: dismiss, fingerprint: "{added_fp}", reason: 撤回人工问题}}
""", encoding="utf-8")
    lines = unmatched_decisions(_result(), load_decisions(path))
    assert len(lines) == 2
    assert "第2条" in lines[0] and "deadbeef" in lines[0]
    assert "第3条" in lines[1] and "9999999999" in lines[1]


def test_decisions_file_rejects_unknown_check_and_non_utf8(tmp_path: Path) -> None:
    typo = tmp_path / "typo.yaml"
    typo.write_text(f'- {{unit: "{UNIT}", action: add, finding: {{check: stale_colums, subject: x}}}}\n',
                    encoding="utf-8")
    with pytest.raises(DecisionError, match="stale_colums"):
        load_decisions(typo)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(f'- {{unit: "{UNIT}", action: bonus, item: 加分, points: 1}}\n'.encode("gbk"))
    with pytest.raises(DecisionError, match="UTF-8"):
        load_decisions(gbk)


def test_dismissing_a_not_assessed_finding_changes_nothing(tmp_path: Path) -> None:
    from govinspect.review.rescore_result import unmatched_decisions

    blocked = Finding("homepage_unreachable", "未能检测", status="error", message="未能检测：网站拒绝访问")
    blocked.fingerprint = fingerprint(UNIT, blocked.check, blocked.subject)
    score = score_site(load_rulebook("national-2019"), [blocked], is_portal=True, has_services=True)
    result = {"as_of": "2020-07-17", "rulebook": {"id": "national-2019"}, "sites": [site_entry(SITE, score)],
              "accounts": []}
    assert result["sites"][0]["result"] == "未能检测"
    path = tmp_path / "d.yaml"
    path.write_text(f'- {{unit: "{UNIT}", action: dismiss, fingerprint: "{blocked.fingerprint}", reason: 忽略}}\n',
                    encoding="utf-8")
    decisions = load_decisions(path)
    assert rescore_result(result, None, decisions)["sites"][0]["result"] == "未能检测"
    assert "未能检测项目" in unmatched_decisions(result, decisions)[0]
