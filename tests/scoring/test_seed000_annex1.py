"""Seed 000 附件1 reproduced: every published score from its listed findings under xianning-2020.

The 40 rows are transcribed in seed000_annex1.yaml and entered as a reviewer would: one ``add``
decision per listed finding (indicator, where, count or explicit deduction). Three published rows
contradict their own wording; those findings carry ``not_counted`` with the reason, the test shows the
score the rule would give and then records the reviewer's ``dismiss`` that reproduces the notice:
- 通城县: lists two stale columns (征地拆迁、其他信息) but "共扣1分";
- 市应急管理局: lists three stale columns but "共扣2分";
- 市退役军人事务局: lists a 页面底部功能区 problem without items or total; 3 + 3 + 5 = 11 = 100 − 89.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from govinspect.model.findings import fingerprint
from govinspect.review import rescore_result
from govinspect.review.decisions import parse_decisions

DATA = yaml.safe_load((Path(__file__).parent / "seed000_annex1.yaml").read_text(encoding="utf-8"))["units"]


def _code(i: int) -> str:
    return f"42120000{i:02d}"


def _result() -> dict[str, Any]:
    return {"as_of": "2020-07-17", "rulebook": {"id": "xianning-2020"},
            "sites": [{"site_code": _code(i), "name": u["name"], "url": f"http://site{i}.xianning.gov.cn/",
                       "region": u["region"], "is_portal": bool(u.get("portal")), "findings": []}
                      for i, u in enumerate(DATA)]}


def _decisions(dismiss_inconsistent: bool) -> list[Any]:
    rows = []
    for i, u in enumerate(DATA):
        for f in u["findings"]:
            finding = {"indicator": f["indicator"], "subject": f["where"], "location": f["where"],
                       "count": f.get("count", 1), "message": f["where"]}
            if "deduction" in f:
                finding["deduction"] = f["deduction"]
            rows.append({"unit": _code(i), "action": "add", "finding": finding, "who": "seed000"})
            if dismiss_inconsistent and f.get("not_counted"):
                rows.append({"unit": _code(i), "action": "dismiss", "reason": f["not_counted"], "who": "seed000",
                             "fingerprint": fingerprint(_code(i), f["indicator"], f["where"])})
    return parse_decisions(rows)


@pytest.fixture(scope="module")
def rescored() -> dict[str, dict[str, Any]]:
    parts = rescore_result(_result(), "xianning-2020", _decisions(dismiss_inconsistent=True))
    return {s["name"]: s for s in parts["sites"]}


@pytest.mark.parametrize("unit", DATA, ids=[u["name"] for u in DATA])
def test_published_score(unit: dict[str, Any], rescored: dict[str, dict[str, Any]]) -> None:
    site = rescored[unit["name"]]
    assert site["result"] == "合格"
    assert site["score"] == pytest.approx(unit["score"]), site["deductions"]


def test_forty_units_and_the_notice_statistics(rescored: dict[str, dict[str, Any]]) -> None:
    scores = [s["score"] for s in rescored.values()]
    assert len(scores) == 40
    assert sum(1 for s in scores if s < 100) == 30            # "30家网站均被抽查出一定的问题"
    assert sum(1 for s in scores if s >= 90) == 38            # "90分以上的网站38家，占比95%"


def test_inconsistent_rows_without_the_dismissals() -> None:
    """Counting every listed finding by the row's own rule gives a lower score than published."""
    parts = rescore_result(_result(), "xianning-2020", _decisions(dismiss_inconsistent=False))
    got = {s["name"]: s["score"] for s in parts["sites"]}
    assert got["通城县"] == pytest.approx(95)          # published 96
    assert got["市应急管理局"] == pytest.approx(94.5)  # published 95.5
    assert got["市退役军人事务局"] == pytest.approx(88)  # published 89 (one footer item at −1)
    inconsistent = {u["name"] for u in DATA if any(f.get("not_counted") for f in u["findings"])}
    assert {n for n, s in got.items() if s != next(u["score"] for u in DATA if u["name"] == n)} == inconsistent


def test_dismissed_findings_stay_visible_with_the_reason(rescored: dict[str, dict[str, Any]]) -> None:
    veterans = rescored["市退役军人事务局"]
    footer = next(f for f in veterans["findings"] if f["indicator"] == "F3")
    assert footer["status"] == "not_applicable" and "未计分" in footer["evidence"]["review"]["reason"]
    assert veterans["deductions"] == {"D7": 3, "D11": 5, "D12": 3}
