"""The demo truth follows the rules as the checks apply them: sampled indicators (D7, D8, I1) deduct only
inside the seeded samples (the demo's own draw is the checks' draw), the planted gaps fall inside them, and
the expected score — from the demo's own points table — is the rulebook's score of the truth findings with
the evidence its matchers read."""
from __future__ import annotations

from datetime import date

import pytest

from govinspect.checks.kit.prescribed_samples import prescribed_sample
from govinspect.demo import build_city
from govinspect.demo.sample_draw import drawn_sample
from govinspect.model.findings import Finding, RunContext
from govinspect.scoring import load_rulebook, score_site

SAMPLED = ("missing_interpretations", "unlinked_interpretations", "incomplete_message_replies")


def _population(city, site, check: str) -> list[str]:
    content = city.content(site)
    kind = {"missing_interpretations": "policy", "unlinked_interpretations": "interpretation"}.get(check)
    if kind:
        col = site.columns_of_type(kind)[0]
        return [city.absolute(site, content.path(col, i)) for i in range(col.count)]
    col = site.columns_of_type("consultation")[0]
    return [city.absolute(site, content.path(col, i)) for i in range(col.count)
            if (m := content.message(col, i)).replied or m.reply_text]


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_sampled_findings_are_inside_the_checks_sample(seed: int) -> None:
    city = build_city(seed=seed, sites=6)
    truth = {s["site_code"]: s for s in city.ground_truth()["sites"]}
    planted = set()
    for site in city.sites:
        for f in truth[site.site_code]["expected_findings"]:
            if f["check"] not in SAMPLED:
                continue
            planted.add(f["check"])
            ctx = RunContext(as_of=city.as_of, site_code=site.site_code)
            sample = prescribed_sample(f["check"], _population(city, site, f["check"]), ctx)
            assert f["subject"].split("|")[0] in sample, f
    assert planted == set(SAMPLED)     # every sampled defect still shows under every seed


@pytest.mark.parametrize("check", SAMPLED)
def test_the_demo_draws_the_sample_the_checks_draw(check: str) -> None:
    for size in (0, 2, 3, 5, 6, 40):
        urls = [f"http://www.example.gov.cn/{n % 37}.html" for n in range(size * 7, size * 8)]
        for code in ("4212000001", "4212230002"):
            assert drawn_sample(check, urls, code) == prescribed_sample(
                check, urls, RunContext(as_of=date(2020, 7, 17), site_code=code)), (check, size, code)


def test_a_pair_linked_in_neither_direction_is_two_d8_items_not_a_d7_item() -> None:
    city = build_city(seed=7, sites=6)
    portal = next(s for s in city.ground_truth()["sites"] if s["role"] == "portal_deductions")
    site = next(s for s in city.sites if s.site_code == portal["site_code"])
    both = site.plants.interp_no_link_to_policy & site.plants.interp_no_link_from_policy
    assert both and not both & site.plants.missing_interp_policies
    d8 = [f for f in portal["expected_findings"] if f["check"] == "unlinked_interpretations"]
    policies = {f["policy_url"] for f in d8}
    d7 = {f["subject"] for f in portal["expected_findings"] if f["check"] == "missing_interpretations"}
    assert d7 and not d7 & policies


def _truth_findings(entry: dict) -> list[Finding]:
    skip = {"check", "subject", "status"}
    return [Finding(check=f["check"], subject=f["subject"], status=f["status"],
                    evidence={k: v for k, v in f.items() if k not in skip}) for f in entry["expected_findings"]]


@pytest.mark.parametrize(("seed", "sites"), [(7, 12), (23, 12), (7, 14), (11, 16)])
def test_expected_score_is_the_rulebook_score_of_the_truth(seed: int, sites: int) -> None:
    city = build_city(seed=seed, sites=sites)
    book = load_rulebook("national-2019")
    for site, entry in zip(city.sites, city.ground_truth()["sites"]):
        if entry["expected_result"] == "未能检测":
            continue
        scored = score_site(book, _truth_findings(entry), is_portal=site.is_portal, has_services=site.has_services)
        assert scored.score == entry["expected_score"], site.host
        assert set(scored.vetoes) == set(entry["expected_vetoes"]), site.host
        if entry["role"] == "portal_deductions":
            # evidence decides the indicator: inner-page link F2 (0.1), stale 乡镇动态 D12, stale 人事信息 D13
            assert {"F1", "F2", "D12", "D13", "D7", "D8", "I1", "D3"} <= set(scored.deductions), scored.deductions
            assert scored.deductions["F2"] == 0.1
