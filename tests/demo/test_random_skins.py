"""Random skins: the markup really varies between seeds, the ground truth does not, and a small
random-skin city is still understood (docs/accuracy/random_skins.md has the full measurement)."""
from __future__ import annotations

import hashlib
import re

import pytest

from govinspect.demo import build_city
from govinspect.demo.measure_columns import column_metrics
from govinspect.demo.page_skins import SKINS
from govinspect.demo.random_skin import RandomSkin, random_skin
from govinspect.demo.skin_style import draw_style, fmt_date
from tests.extract.demo_crawl import crawl_demo_site

TEN_SEEDS = range(1000, 10_001, 1000)     # site 0 of skin seeds 1–10


def _page(city, site, path: str) -> str:
    return city.render(site.host, path).body.decode("gbk" if site.encoding != "utf-8" else "utf-8")


@pytest.fixture(scope="module")
def cities():
    plain = build_city(sites=6, pages_per_site=60)
    skinned = {n: build_city(sites=6, pages_per_site=60, skin_seed=n) for n in (1, 2)}
    for c in (plain, *skinned.values()):
        c.bind(8123)
    return plain, skinned


def test_markup_varies_between_seeds() -> None:
    styles = [draw_style(s) for s in TEN_SEEDS]
    assert len({s.list_tag for s in styles} | {s.home_tag for s in styles}) >= 4
    assert len({s.date_format for s in styles}) >= 4
    for field in ("crumb_separator", "pager", "empty_marker", "sub_menu", "nav_class", "message_detail"):
        assert len({getattr(s, field) for s in styles}) >= 2, field
    # ... and the pages show it: each seed's list page prints its own date format, no two pages are alike
    pages = set()
    for n in range(1, 11):
        city = build_city(sites=1, pages_per_site=40, skin_seed=n)
        site = city.sites[0]
        content = city.content(site)
        col = next(c for c in site.columns if c.kind == "list" and c.count)
        html = _page(city, site, content.scheme.column_url(col))
        assert fmt_date(content.item(col, 0).date, draw_style(site.skin_seed).date_format) in html
        pages.add(hashlib.sha256(html.encode()).hexdigest())
    assert len(pages) == 10


def test_dates_and_month_day_only_within_the_year() -> None:
    from datetime import date

    as_of = date(2020, 7, 17)
    assert fmt_date(date(2020, 3, 11), "md_bracket", as_of) == "[03-11]"
    assert fmt_date(date(2019, 3, 11), "md_bracket", as_of) == "[2019-03-11]"
    assert fmt_date(date(2021, 3, 11), "cn", as_of) == "2021年3月11日"
    assert fmt_date(date(2021, 3, 11), "lenticular") == "【2021-03-11】"


def test_default_city_keeps_the_template_skins(cities) -> None:
    plain, skinned = cities
    assert all(s.skin_seed is None for s in plain.sites)
    assert all(type(plain.renderer(s).skin) is type(SKINS[s.template]) for s in plain.sites)
    assert [s.skin_seed for s in skinned[2].sites] == [2000 + i for i in range(6)]
    assert all(isinstance(skinned[2].renderer(s).skin, RandomSkin) for s in skinned[2].sites)
    assert random_skin(5).s == random_skin(5).s       # same seed, same skin


def test_truth_is_unchanged_by_the_skin(cities) -> None:
    plain, skinned = cities
    truth = plain.ground_truth()
    findings = {(s["site_code"], f["check"], f["subject"]) for s in truth["sites"] for f in s["expected_findings"]}
    assert len(findings) > 50
    for city in skinned.values():
        other = city.ground_truth()
        assert {(s["site_code"], f["check"], f["subject"]) for s in other["sites"]
                for f in s["expected_findings"]} == findings
        assert other == truth


def test_planted_facts_survive_the_skin(cities) -> None:
    """What the truth relies on is still printed: blank-column markers, footer items, no 来源 where planted."""
    _, skinned = cities
    for city in skinned.values():
        truth = city.ground_truth()
        for site, st in zip(city.sites, truth["sites"]):
            if not st["footer"]:
                continue
            style = draw_style(site.skin_seed)
            home = _page(city, site, "/")
            assert ("conac.cn" in home) == st["footer"]["conac_badge"]
            assert (style.code_label + st["footer"]["site_code_value"] in home) == st["footer"]["site_code"]
            for f in st["expected_findings"]:
                if f["check"] == "blank_columns":
                    url = next(c["url"] for c in st["columns"] if c["location"] == f["subject"])
                    assert style.empty_marker in _page(city, site, re.sub(r"^http://[^/]+", "", url))
                if f["check"] == "missing_article_sources":
                    html = _page(city, site, re.sub(r"^http://[^/]+", "", f["subject"]))
                    assert style.source_label + "：" not in html


@pytest.mark.parametrize("skin_seed", [1, 2])
def test_small_random_skin_city_is_understood(skin_seed) -> None:
    city = build_city(seed=7, sites=5, pages_per_site=50, skin_seed=skin_seed)
    m = column_metrics(city, crawl_demo_site)
    assert m["columns"] >= 100
    assert m["found"] / m["columns"] >= 0.95, m["misses"][:5]
    assert m["dates_ok"] / m["dates"] >= 0.98, m["misses"][:5]
