"""Accounts go through the rulebook: a local overlay changes a new-media verdict and the notice's wording."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from govinspect.gather.read_feeds import manual_artifacts
from govinspect.model.records import AccountRecord
from govinspect.model.result import build_result
from govinspect.pipeline.assess_accounts import judge_accounts
from govinspect.report.notice_facts import notice_facts
from govinspect.report.options import ReportOptions
from govinspect.report.problem_wording import account_problem
from govinspect.scoring.rulebook import load_rulebook

AS_OF = date(2020, 7, 17)


def _account(name: str, **kw: object) -> AccountRecord:
    return AccountRecord(name=name, platform="微信", organizer=f"{name}主办单位", region="市直", **kw)


def _overlay(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text("id: local\nextends: national-2019\ntitle: 本地口径\n" + body, encoding="utf-8")
    return path


def test_national_rulebook_vetoes_a_stale_account_and_ignores_an_unfiled_one() -> None:
    arts = [manual_artifacts(_account("久未更新", last_post=date(2020, 5, 1))),
            manual_artifacts(_account("未备案", last_post=date(2020, 7, 16), filed=False))]
    stale, unfiled = judge_accounts(arts, AS_OF, "national-2019").entries
    assert stale["result"] == "不合格"
    assert [f["indicator"] for f in stale["findings"] if f["veto"]] == ["M2"]
    assert unfiled["result"] == "合格"


def test_an_overlay_rulebook_changes_account_verdicts(tmp_path: Path) -> None:
    book = _overlay(tmp_path, """
account_vetoes:
  - {id: M2, remove: true}
  - id: M4
    title: 未备案
    rule: 政务新媒体账号未按要求备案
    from: [{check: account_unfiled}]
""")
    arts = [manual_artifacts(_account("久未更新", last_post=date(2020, 5, 1))),
            manual_artifacts(_account("未备案", last_post=date(2020, 7, 16), filed=False))]
    stale, unfiled = judge_accounts(arts, AS_OF, book).entries
    assert stale["result"] == "合格"              # M2 removed: staleness is no longer a veto
    assert unfiled["result"] == "不合格"          # the local M4 vetoes it
    assert [f["indicator"] for f in unfiled["findings"] if f["veto"]] == ["M4"]


def test_the_notice_words_an_account_veto_from_the_result_rulebook(tmp_path: Path) -> None:
    book = load_rulebook(_overlay(tmp_path, """
account_vetoes:
  - {id: M2, rule: 监测时间点前14天内未发布信息}
"""))
    arts = [manual_artifacts(_account("久未更新", last_post=date(2020, 5, 1)))]
    entries = judge_accounts(arts, AS_OF, book).entries
    doc = build_result(as_of=AS_OF, rulebook=book.summary(), sites=[], accounts=entries, tool_version="t")
    assert doc["rulebook"]["account_vetoes"]["M2"]["checks"] == ["account_not_updated"]
    assert account_problem(doc["accounts"][0], doc["rulebook"]).startswith("监测时间点前14天内未发布信息（")
    prose = [g["text"] for g in notice_facts(doc, ReportOptions())["problem_groups"]]
    assert any("政务新媒体监测时间点前14天内未发布信息，共1个" in t for t in prose), prose
    assert not any("2周内无更新" in t for t in prose)
