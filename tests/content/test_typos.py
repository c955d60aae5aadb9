"""General typo detection: offline, informational only (no check id, never a veto)."""
from __future__ import annotations

from govinspect.extract.security.detect_typos import find_typos, has_typo


def test_finds_typical_official_document_typos() -> None:
    found = {(t.wrong, t.suggestion) for t in find_typos("原则同意《国际合作示范区总休方案》，请认真组织实施。")}
    assert ("休", "体") in found
    for sentence, wrong in (("各部门要做好布署安排。", "布"), ("希望同学们再接再励，取得更好成绩。", "励"),
                            ("大家迫不急待地想看到结果。", "急"), ("工作人员上门按装了新设备。", "按")):
        assert wrong in {t.wrong for t in find_typos(sentence)}, sentence


def test_clean_sentences_and_filing_numbers_are_not_flagged() -> None:
    clean = ["为贯彻落实党中央、国务院关于深化放管服改革和优化营商环境的部署要求，国务院决定开展改革试点。",
             "市政府召开常务会议，研究部署下一阶段重点工作。", "请各单位按时报送材料。",
             "沪公网安备31010602000000号"]
    assert [s for s in clean if has_typo(s)] == []
