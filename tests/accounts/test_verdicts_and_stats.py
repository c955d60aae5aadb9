"""Verdict rules (indicators.md §6) and the per-region table's counting of 未能检测 accounts."""
from __future__ import annotations

from govinspect.model.findings import Finding
from govinspect.report.account_stats import region_account_stats, whole_percent
from govinspect.scoring.score_account import verdict


def test_veto_beats_error_and_manual_findings_count() -> None:
    stale = Finding("account_not_updated", "2020.6.1-2020.7.17")
    broken = Finding("account_feed_unavailable", "http://x/feed", status="error", message="未能检测：订阅源访问超时")
    manual = Finding("account_without_interaction", "互动功能", manual=True)       # reviewer's entry, no veto flag
    assert verdict([stale], "national-2019")[0] == "不合格"
    assert verdict([manual, broken], "national-2019")[0] == "不合格"
    assert verdict([broken], "national-2019") == ("未能检测", "订阅源访问超时")
    unfiled_twice = [Finding("account_unfiled", "备案"), Finding("duplicate_accounts", "单位|微信")]
    assert verdict(unfiled_twice, "national-2019") == ("合格", None)
    assert verdict([Finding("account_not_updated", "x", status="needs_review")], "national-2019") == ("合格", None)


def test_whole_percent_rule() -> None:
    assert [whole_percent(17, 22), whole_percent(100, 139), whole_percent(8, 16), whole_percent(19, 23)] == [77, 72, 50, 83]
    assert whole_percent(199, 200) == 99 and whole_percent(1, 300) == 1 and whole_percent(0, 5) == 0
    assert whole_percent(0, 0) is None


def test_not_assessed_accounts_stay_out_of_the_rate() -> None:
    accounts = [{"region": "市直", "result": r} for r in ("合格", "合格", "不合格", "未能检测")]
    accounts += [{"region": "咸安区", "result": "未能检测"}]
    rows = region_account_stats({"accounts": accounts})
    assert rows[0] == {"region": "市直", "sampled": 4, "checked": 3, "failed": 1, "qualified": 2,
                       "not_assessed": 1, "pass_rate_percent": 67}
    assert rows[1]["checked"] == 0 and rows[1]["pass_rate_percent"] is None
    assert rows[-1]["region"] == "合计" and rows[-1]["sampled"] == 5 and rows[-1]["checked"] == 3
