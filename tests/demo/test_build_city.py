"""The demo city is deterministic, plants every check id, and a clean city has no planted findings."""
from __future__ import annotations

import time
from datetime import date

import pytest

from govinspect.demo import build_city
from govinspect.model.check_ids import ACCOUNT_CHECKS, ALL_CHECKS, WEBSITE_CHECKS


def _all_findings(truth: dict) -> list[dict]:
    return [f for s in truth["sites"] for f in s["expected_findings"]] + \
        [f for a in truth["accounts"] for f in a["expected_findings"]]


def _sample_paths(city, site, n: int = 12) -> list[str]:
    content = city.content(site)
    paths = ["/", content.scheme.sitemap]
    for col in site.columns:
        paths.append(content.scheme.column_url(col))
        if col.count:
            paths.append(content.path(col, 0))
            paths.append(content.path(col, col.count - 1))
    return paths[: n * 10]


def test_same_seed_gives_same_bytes() -> None:
    a, b = build_city(seed=11), build_city(seed=11)
    a.bind(8123)
    b.bind(8123)
    for sa, sb in zip(a.sites, b.sites):
        assert sa.host == sb.host
        for path in _sample_paths(a, sa):
            assert a.render(sa.host, path).body == b.render(sb.host, path).body, path
    assert a.ground_truth() == b.ground_truth()


def test_other_seed_gives_other_pages() -> None:
    a, b = build_city(seed=1), build_city(seed=2)
    site = a.sites[0]
    assert a.render(site.host, "/").body != b.render(site.host, "/").body


def test_every_check_id_is_planted() -> None:
    city = build_city(defects="all")
    city.bind(8123)
    truth = city.ground_truth()
    site_checks = {f["check"] for s in truth["sites"] for f in s["expected_findings"]}
    account_checks = {f["check"] for a in truth["accounts"] for f in a["expected_findings"]}
    assert set(WEBSITE_CHECKS) <= site_checks, set(WEBSITE_CHECKS) - site_checks
    assert set(ACCOUNT_CHECKS) <= account_checks, set(ACCOUNT_CHECKS) - account_checks
    assert {f["check"] for f in _all_findings(truth)} <= set(ALL_CHECKS)


def test_verdicts_of_the_planted_city() -> None:
    city = build_city(sites=8, defects="all")
    truth = {s["role"]: s for s in city.ground_truth()["sites"]}
    assert truth["portal_deductions"]["expected_result"] == "合格"
    assert truth["portal_deductions"]["expected_vetoes"] == []
    assert truth["blocked"]["expected_result"] == "未能检测"
    assert truth["unreachable"]["expected_vetoes"] == ["homepage_unreachable"]
    assert "stale_columns" in truth["stale"]["expected_vetoes"]
    assert "blank_columns" in truth["stale"]["expected_vetoes"]
    assert truth["unanswered"]["expected_vetoes"] == ["unanswered_messages"]
    assert truth["guides"]["expected_vetoes"] == ["incomplete_service_guides"]
    nav = truth["nav_only"]
    assert {"homepage_not_updated", "missing_services", "missing_consultation_channel"} <= set(nav["expected_vetoes"])
    assert nav["homepage_items"] == 0


def test_large_city_keeps_most_sites_scorable() -> None:
    city = build_city(sites=40, pages_per_site=200)
    results = [s["expected_result"] for s in city.ground_truth()["sites"]]
    assert results.count("合格") >= 30


@pytest.mark.parametrize("as_of", [date(2020, 7, 17), date(2021, 1, 10), date(2024, 7, 1)])
def test_clean_city_has_only_environment_findings(as_of: date) -> None:
    city = build_city(sites=12, accounts=12, defects="none", as_of=as_of)
    truth = city.ground_truth()
    leftovers = [f for f in _all_findings(truth) if not f.get("environment")]
    assert leftovers == []
    assert {s["expected_result"] for s in truth["sites"]} == {"合格"}
    assert {a["expected_result"] for a in truth["accounts"]} == {"合格"}
    assert all(s["host"].endswith(".gov.cn") for s in truth["sites"])


def test_site_codes_are_valid_and_regions_real() -> None:
    from govinspect.registry.region_codes import is_known_region
    city = build_city(sites=60)
    codes = [s.site_code for s in city.sites]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 10 and c.isdigit() and is_known_region(c[:6]) for c in codes)
    assert len({s.host for s in city.sites}) == 60


def test_registry_rows_match_contract_headers(tmp_path) -> None:
    city = build_city()
    city.bind(8123)
    rows = city.registry_rows()
    assert rows["sites"][0]["首页地址"] == "http://www.xianning.gov.cn:8123/"
    assert set(rows["sites"][0]) >= {"网站标识码", "网站名称", "首页地址", "主办单位", "是否门户", "所属地区"}
    assert {"账号名称", "平台", "主办单位", "所属地区", "是否备案", "订阅地址", "最近更新"} <= set(rows["accounts"][0])
    sites_csv, accounts_csv = city.write_registry(tmp_path)
    from govinspect.registry.parse_registry import parse_registry_file
    parsed_sites = parse_registry_file(sites_csv)
    parsed_accounts = parse_registry_file(accounts_csv)
    assert parsed_sites.good == len(city.sites)
    assert parsed_accounts.good == len(city.accounts)


def test_columns_truth_uses_model_column_types() -> None:
    from govinspect.model.artifacts import COLUMN_TYPES
    city = build_city()
    for site in city.ground_truth()["sites"]:
        for col in site["columns"]:
            assert col["column_type"] in COLUMN_TYPES
            assert col["location"].startswith("首页>")


def test_small_city_builds_fast_and_big_structure_is_cheap() -> None:
    t0 = time.perf_counter()
    build_city(sites=5, pages_per_site=50)
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    big = build_city(sites=50, pages_per_site=2000)
    large = time.perf_counter() - t0
    assert small < 0.2
    assert large < 2.0
    assert sum(c.count for s in big.sites for c in s.columns) >= 50 * 2000


def test_bad_arguments_are_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="defects"):
        build_city(defects="some")
    with pytest.raises(ValueError, match="最多"):
        build_city(sites=10_000)


def test_as_of_moves_the_wrong_title_plant() -> None:
    city = build_city(as_of=date(2024, 7, 1))
    subjects = {f["subject"] for s in city.ground_truth()["sites"] for f in s["expected_findings"]
                if f["check"] == "serious_wording_errors"}
    assert "国务院总理李克强" in subjects


def test_the_truth_scores_the_portal_and_no_vetoed_site() -> None:
    """The truth's own score (demo/expected_score.py): a deducted portal still passes; a vetoed site has none
    (tests/demo/test_truth_samples_and_scores.py compares both with govinspect.scoring)."""
    truth = build_city(sites=14).ground_truth()
    portal = next(s for s in truth["sites"] if s["role"] == "portal_deductions")
    assert portal["expected_result"] == "合格" and 60 <= portal["expected_score"] < 100
    assert all(s["expected_score"] is None for s in truth["sites"] if s["expected_vetoes"])
    assert sum(s["expected_score"] is not None for s in truth["sites"]) >= 5
    assert "scoring_engine" not in portal        # the truth does not call the engine it is compared with


@pytest.mark.parametrize("sites", range(1, 12))
def test_every_city_size_builds_and_renders(sites: int) -> None:
    city = build_city(seed=sites, sites=sites, pages_per_site=30, accounts=sites * 2)
    truth = city.ground_truth()
    assert len(truth["sites"]) == sites and len(truth["accounts"]) == sites * 2
    for site in city.sites:
        content = city.content(site)
        for col in site.columns:
            status = city.render(site.host, content.scheme.column_url(col)).status
            assert status in (200, 403, 502)
            if col.count:
                assert city.render(site.host, content.path(col, col.count - 1)).status in (200, 403, 502)


def test_document_titles_are_unique_within_a_column() -> None:
    """解读 are matched to policies by title, and search by title: documents never share one."""
    city = build_city(sites=2, pages_per_site=2000)
    for site in city.sites:
        content = city.content(site)
        for col in site.columns:
            if col.column_type in ("policy", "interpretation", "notice", "finance", "planning") or col.kind == "guides":
                titles = [content.title(col, i) for i in range(col.count)]
                assert len(set(titles)) == len(titles), col.location


def test_flaky_homepage_fails_every_nth_request() -> None:
    city = build_city()
    host = city.sites[0].host
    city.flaky_homepages[host] = 4
    statuses = [city.render(host, "/").status for _ in range(20)]
    assert statuses.count(503) == 5 and statuses.count(200) == 15
    assert city.render(host, "/robots.txt").status == 200


def test_garbage_urls_answer_404_not_an_exception() -> None:
    city = build_city(sites=4)
    garbage = ["/col/col1010/index.html?pageNum=abc", "/News/List.aspx?ClassID=10&page=x", "/News/Show.aspx?id=-5",
               "/art/2020/13/45/art_1010_1000001.html", "/zwgk/czzj/index_99999.html", "/%ff%fe", "/..//..",
               "/News/Show.aspx?id=99999999999999999999", "/css/../../etc/passwd", "/uploadfiles/x.exe"]
    for site in city.sites:
        for path in garbage:
            assert city.render(site.host, path).status in (404, 403, 502, 200), (site.host, path)
    assert city.render("no-such-host.example", "/").status == 421
