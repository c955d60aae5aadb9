"""understand_site against the demo city's ground truth (in-process render, no network).

Acceptance (issue 3): column tree recall ≥ 0.98, column type accuracy ≥ 0.95, newest item date
exact for ≥ 0.98 of (non-container) columns, every blank column found.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from govinspect.demo.build_city import build_city
from govinspect.demo.measure_columns import column_metrics
from govinspect.extract.understand_site import understand_site
from tests.extract.demo_crawl import crawl_demo_site


def _measure(seed: int, sites: int, pages: int) -> dict[str, float]:
    m = column_metrics(build_city(seed=seed, sites=sites, pages_per_site=pages), crawl_demo_site)
    n = m["columns"]
    return {"recall": m["found"] / n, "location": m["location_ok"] / n, "type": m["type_ok"] / n,
            "newest": m["dates_ok"] / m["dates"], "blank_found": m["blank_ok"] / m["blank"] if m["blank"] else 1.0,
            "blank_n": m["blank"], "false_blank": m["false_blank"], "columns": n}


@pytest.mark.parametrize("seed, sites, pages", [(7, 5, 50), (11, 6, 60)])
def test_demo_columns_meet_acceptance(seed, sites, pages):
    m = _measure(seed, sites, pages)
    assert m["columns"] >= 100
    assert m["recall"] >= 0.98
    assert m["location"] >= 0.98
    assert m["type"] >= 0.95
    assert m["newest"] >= 0.98
    assert m["blank_n"] > 0 and m["blank_found"] == 1.0
    assert m["false_blank"] == 0


def test_failed_list_page_is_never_blank_or_stale():
    city = build_city(seed=7, sites=2, pages_per_site=30)
    site = city.sites[0]
    home, snaps = crawl_demo_site(city, site)
    art = understand_site(snaps, home, city.as_of)
    target = next(c for c in art.columns if c.name == "通知公告")
    broken = [replace(s, status=503, text=None, error_class="http", error_detail="Service Unavailable")
              if s.url == target.url else s for s in snaps]
    col = next(c for c in understand_site(broken, home, city.as_of).columns if c.url == target.url)
    assert col.fetch_error == "http HTTP 503: Service Unavailable"
    assert not col.blank and col.newest_date is None and col.items == ()
    unfetched = [s for s in snaps if s.url != target.url]
    col = next(c for c in understand_site(unfetched, home, city.as_of).columns if c.url == target.url)
    assert col.fetch_error == "栏目页面未抓取" and not col.blank


def test_demo_site_artifacts_filled():
    city = build_city(seed=7, sites=1, pages_per_site=40)
    home, snaps = crawl_demo_site(city, city.sites[0])
    art = understand_site(snaps, home, city.as_of)
    assert art.homepage is not None and art.homepage_items and art.homepage_navigation_only is False
    assert art.footers and art.footers[0].site_code == city.sites[0].site_code
    assert art.metas and any(m.search_form for m in art.metas)
    assert art.links and art.articles and art.messages and art.service_guides
    assert art.probes is None and art.link_checks is None and art.network is None
    assert any(a.pub_date_label for a in art.articles)


def test_demo_footers_match_truth():
    city = build_city(seed=7, sites=5, pages_per_site=30)
    truth = city.ground_truth()
    checked = 0
    for site, st in zip(city.sites, truth["sites"]):
        if not st["footer"]:
            continue
        home, snaps = crawl_demo_site(city, site, max_pages=1)
        footer = understand_site(snaps, home, city.as_of).footers[0]
        for key in ("conac_badge", "site_code", "icp", "police_filing", "organizer", "contact", "error_report_entry"):
            assert bool(getattr(footer, key)) == st["footer"][key], (site.host, key)
            checked += 1
        assert footer.site_code == (st["footer"]["site_code_value"] if st["footer"]["site_code"] else None)
    assert checked >= 28
