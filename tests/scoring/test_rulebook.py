"""Rulebooks are validated like code; score_site applies them (indicators.md §2–§4)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from govinspect.model.findings import Finding
from govinspect.scoring import RulebookError, load_rulebook, score_site
from govinspect.scoring.rulebook import RULEBOOK_DIR, available_rulebooks


def _write(tmp_path: Path, data: dict, name: str = "rb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _national_raw() -> dict:
    return yaml.safe_load((RULEBOOK_DIR / "national-2019.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("rb", available_rulebooks())
def test_shipped_rulebooks_load(rb: str) -> None:
    book = load_rulebook(rb)
    assert sum(g.total for g in book.groups.values()) == book.full
    assert {v.id for v in book.vetoes} >= {"V1", "V2", "V3", "V4a", "V4b", "V4c", "V5a", "V5b", "V6a", "V6b"}


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["indicators"][0].update({"from": [{"check": "no_such_check"}]}), "未知的检查项编号"),
    (lambda d: d["groups"]["功能设计"].update({"total": 30}), "之和"),
    (lambda d: d["indicators"][4].update({"cap": 50}), "超过一级指标"),
    (lambda d: d["indicators"][4].update({"cap": 1}), "小于单项扣分"),
    (lambda d: d["indicators"][0].update({"group": "无此指标"}), "未知的一级指标"),
    (lambda d: d["vetoes"][0].update({"from": []}), "没有指明"),
    (lambda d: d["vetoes"][3].update({"min_count": 0}), "min_count"),
    (lambda d: d["indicators"].append(dict(d["indicators"][0])), "重复"),
    (lambda d: d["indicators"][2].update({"from": [{"check": "stale_columns", "where": {"colour": ["red"]}}]}),
     "证据字段"),
])
def test_bad_rulebooks_are_refused(tmp_path: Path, mutate, message: str) -> None:
    data = _national_raw()
    mutate(data)
    with pytest.raises(RulebookError, match=message):
        load_rulebook(_write(tmp_path, data))


def test_unknown_id_lists_the_known_ones() -> None:
    with pytest.raises(RulebookError, match="national-2019"):
        load_rulebook("no-such-rulebook")


def test_overlay_changes_points_and_keeps_the_rest(tmp_path: Path) -> None:
    path = _write(tmp_path, {"id": "t", "extends": "national-2019", "title": "t",
                             "indicators": [{"id": "F1", "points": 0.5}, {"id": "D9", "remove": True}]})
    book = load_rulebook(path)
    assert book.indicator("F1").points == 0.5 and book.indicator("D9") is None
    assert book.indicator("D14").points == 2
    s = score_site(book, [Finding("broken_links", "http://a/", evidence={"on_homepage": True})],
                   is_portal=False, has_services=True)
    assert s.score == 99.5


def test_uncertain_values_are_marked() -> None:
    book = load_rulebook("national-2019")
    assert book.indicator("F2").uncertain and book.groups["发布解读"].uncertain
    assert not book.indicator("F1").uncertain and not book.groups["办事服务"].uncertain


def _f(check: str, subject: str, **ev) -> Finding:
    return Finding(check, subject, location=subject if subject.startswith("首页") else "", evidence=ev)


def test_vetoes_and_thresholds() -> None:
    book = load_rulebook("national-2019")
    news = [_f("stale_columns", f"首页>动态{i}", column_type="news", level=2) for i in range(4)]
    s = score_site(book, news, is_portal=False, has_services=True)
    assert s.result == "合格" and s.score == 96
    s = score_site(book, news + [_f("stale_columns", "首页>通知", column_type="notice", level=1)],
                   is_portal=False, has_services=True)
    assert s.result == "不合格" and s.veto_rules == ["V4a"] and s.score is None and s.vetoes == ["stale_columns"]
    guides = [_f("incomplete_service_guides", f"g{i}", severe=i < 4) for i in range(6)]
    assert score_site(book, guides, is_portal=False, has_services=True).result == "合格"
    guides.append(_f("incomplete_service_guides", "g9", severe=True))
    assert score_site(book, guides, is_portal=False, has_services=True).veto_rules == ["V6b"]
    assert score_site(book, guides, is_portal=False, has_services=False).result == "合格"   # not checked
    probe = _f("homepage_unreachable", "http://a/", ratio=0.04)
    assert score_site(book, [probe], is_portal=False, has_services=True).result == "合格"
    probe.evidence["ratio"] = 0.05
    assert score_site(book, [probe], is_portal=False, has_services=True).veto_rules == ["V2"]


def test_caps_no_double_deduction_and_review_items() -> None:
    book = load_rulebook("national-2019")
    findings = [_f("missing_interpretations", f"p{i}") for i in range(5)]           # D7 cap 3
    findings += [_f("blank_columns", "首页>访谈"), _f("stale_columns", "首页>访谈", column_type="interview")]
    findings.append(Finding("missing_search", "全站", status="needs_review"))
    s = score_site(book, findings, is_portal=False, has_services=True)
    assert s.deductions == {"D7": 3, "D14": 2} and s.score == 95
    twice = next(f for f in s.findings if f.check == "stale_columns")
    assert twice.deduction == 0 and "不重复扣分" in twice.evidence["not_deducted"]


def test_no_services_four_thirds_and_bonus() -> None:
    book = load_rulebook("national-2019")
    s = score_site(book, [_f("missing_footer_items", "icp")], is_portal=False, has_services=False)
    assert s.score == pytest.approx(98.7)          # (75 − 1) × 4/3 = 98.67
    bonus = [{"item": "解读形式创新", "points": 20}, {"item": "智能问答", "points": 15}]
    s = score_site(book, [], is_portal=True, has_services=True, bonus=bonus)
    assert s.score == 130 and s.bonus == 30        # capped at 30
    assert score_site(book, [], is_portal=False, has_services=True, bonus=bonus).score == 100
    low = [_f("missing_footer_items", i) for i in ("icp", "organizer")] + \
          [_f("missing_article_sources", f"a{i}") for i in range(18)]
    s = score_site(book, low, is_portal=True, has_services=True, bonus=bonus)
    assert s.part2 == 80 and s.bonus == 0          # exactly 80 gets no 加分 ("高于80分")


def test_below_sixty_fails_and_errors_block_a_verdict() -> None:
    book = load_rulebook("national-2019")
    many = [_f("broken_links", f"http://x/{i}", on_homepage=True) for i in range(300)] + \
           [_f("missing_org_contacts", f"o{i}") for i in range(10)]
    s = score_site(book, many, is_portal=False, has_services=True)
    assert s.result == "合格" and s.score == 100 - 20 - 10    # 功能设计 capped at its total 20
    many += [_f("missing_article_sources", f"a{i}") for i in range(40)]
    s = score_site(book, many, is_portal=False, has_services=True)
    assert s.result == "不合格" and s.score == 40              # 发布解读 capped at 40; < 60
    err = Finding("homepage_not_updated", "未能检测", status="error", message="未能检测：网站拒绝访问")
    s = score_site(book, [err], is_portal=False, has_services=True)
    assert s.result == "未能检测" and s.score is None and "拒绝" in s.not_assessed_reason
    s = score_site(book, [err, _f("missing_services", "办事服务")], is_portal=False, has_services=True)
    assert s.result == "不合格"                     # a proven veto stands
