"""The demo's own table of points per planted defect (demo/expected_score.py) and the national rulebook
applied by scoring/ are two readings of indicators.md §2/§4: on random sets of the defects the demo plants
— enough of them to reach every cap, the group totals, the 4/3 rule and scores below 60 — they agree."""
from __future__ import annotations

import random

import pytest

from govinspect.demo.expected_score import POINTS, expected_result, expected_score, indicator_of
from govinspect.model.findings import Finding
from govinspect.scoring import load_rulebook, score_site

# the planted defects that deduct without a veto, with the evidence the truth gives them, and how many a
# site may carry before a veto (V4a/V4b/V4c/V6b) would take the score away
DEFECTS = [
    ({"check": "missing_org_contacts"}, 30),
    ({"check": "stale_columns", "column_type": "policy", "level": 1}, 1),
    ({"check": "stale_columns", "column_type": "interpretation", "level": 1}, 1),
    ({"check": "stale_columns", "column_type": "personnel", "level": 2}, 2),
    ({"check": "stale_columns", "column_type": "planning", "level": 2}, 1),
    ({"check": "stale_columns", "column_type": "news", "level": 2}, 2),
    ({"check": "stale_columns", "column_type": "notice", "level": 2}, 1),
    ({"check": "missing_interpretations"}, 3),
    ({"check": "unlinked_interpretations"}, 8),
    ({"check": "missing_disclosure_columns"}, 5),
    ({"check": "blank_columns", "column_type": "other", "level": 2}, 1),
    ({"check": "missing_article_sources"}, 30),
    ({"check": "incomplete_service_guides", "severe": False}, 15),
    ({"check": "incomplete_message_replies"}, 8),    # more than the sample: the cap
    ({"check": "no_recent_replies"}, 1),
    ({"check": "broken_links", "on_homepage": True}, 40),
    ({"check": "broken_links", "on_homepage": False}, 80),
    ({"check": "missing_footer_items"}, 6),
    ({"check": "nonconforming_domain"}, 1),
    ({"check": "invalid_site_code"}, 1),
    ({"check": "missing_search"}, 1),
    ({"check": "missing_ipv6"}, 1),
    ({"check": "missing_error_report_entry"}, 1),
    ({"check": "missing_mobile_support"}, 1),
    ({"check": "missing_https", "environment": True}, 1),
]


def _site(rng: random.Random) -> list[dict]:
    share, out = rng.random(), []          # from a clean site to one with every kind of defect
    for n, (defect, most) in enumerate(DEFECTS):
        count = rng.choice([1, most, rng.randint(1, most)]) if rng.random() < share else 0
        out += [{**defect, "subject": f"s{n}-{i}", "status": "fail"} for i in range(count)]
    return out


def _engine(findings: list[dict], has_services: bool):
    found = [Finding(check=f["check"], subject=f["subject"], status=f["status"],
                     evidence={k: v for k, v in f.items() if k not in ("check", "subject", "status")})
             for f in findings]
    return score_site(load_rulebook("national-2019"), found, is_portal=False, has_services=has_services)


@pytest.mark.parametrize("has_services", [True, False])
def test_the_demo_table_and_the_rulebook_give_the_same_score(has_services: bool) -> None:
    rng = random.Random(f"expected-score-{has_services}")
    scores = []
    for _ in range(300):
        findings = _site(rng)
        scored = _engine(findings, has_services)
        assert not scored.vetoes, scored.veto_rules          # the generator stays below every veto
        mine = expected_score(findings, has_services=has_services)
        assert mine == scored.score, ([f["check"] for f in findings], mine, scored.score, scored.deductions)
        assert expected_result(mine) == scored.result
        scores.append(mine)
    assert min(scores) < 60 and max(scores) == 100.0 and len(set(scores)) > 50


def test_every_indicator_of_the_table_is_planted_by_the_generator() -> None:
    reached = {indicator_of({**d, "subject": "x", "status": "fail"}) for d, _ in DEFECTS}
    assert reached - {None} == set(POINTS)


def test_what_a_reviewer_decides_deducts_nothing() -> None:
    leak = {"check": "personal_data_leaks", "subject": "x", "status": "needs_review"}
    assert indicator_of(leak) is None and expected_score([leak], has_services=True) == 100.0
