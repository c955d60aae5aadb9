"""injected_spam_text on a demo city whose tampered columns span several list pages: findings == truth.

The 20-site × 1,000-page benchmark city reported 8 findings the truth lacked: the pageNum=2.. list pages
of the columns with a hijacked title / spam meta (the tampered head is on every page of a column's list;
the truth listed only the first). 300 pages per site is enough to paginate both planted columns.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from govinspect.checks.run_checks import run_checks
from govinspect.demo.build_city import build_city
from govinspect.extract.decode_html import decode_html
from govinspect.extract.security.read_site import read_content
from govinspect.extract.understand_site import understand_site
from govinspect.gather.fetch_spider_views import SPIDER_VIEWS
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.findings import RunContext

_crawl_path = Path(__file__).resolve().parents[1] / "extract" / "demo_crawl.py"
_spec = importlib.util.spec_from_file_location("demo_crawl", _crawl_path)
demo_crawl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo_crawl)

CHECK = "injected_spam_text"


def _spider_views(city, home: str) -> dict[str, PageSnapshot]:
    """The homepage rendered with each spider's headers (what gather.fetch_spider_views stores)."""
    host = urlsplit(home).hostname
    views = {}
    for name, headers in SPIDER_VIEWS.items():
        resp = city.render(host, "/", headers)
        text, enc = decode_html(resp.body, resp.headers.get("Content-Type", ""))
        views[name] = PageSnapshot(url=home, final_url=home, status=resp.status, fetched_at="", elapsed_ms=0.0,
                                   content_type=resp.headers.get("Content-Type", ""), encoding=enc, text=text)
    return views


@pytest.fixture(scope="module")
def city():
    return build_city(seed=7, sites=3, pages_per_site=300)


def test_spam_findings_equal_truth_on_paginated_columns(city) -> None:
    truth = {s["site_code"]: s for s in city.ground_truth()["sites"]}
    expected_all = found_all = 0
    for site in city.sites:
        t = truth[site.site_code]
        if t["blocked"]:
            continue
        home, snaps = demo_crawl.crawl_demo_site(city, site)
        art = understand_site(snaps, home, city.as_of)
        art.site_code = site.site_code
        art.spider_views = _spider_views(city, home)
        art.content_reading = read_content(art, city.as_of)     # read again with the spider views, as a scan does
        ctx = RunContext(as_of=city.as_of, site_code=site.site_code, site_name=site.name, is_portal=site.is_portal,
                         has_services=site.has_services)
        found = run_checks(art, ctx, site.site_code, only=[CHECK])
        assert all(f.status != "error" for f in found), found
        got = {(f.subject, f.evidence.get("form")) for f in found}
        want = {(f["subject"], f["form"]) for f in t["expected_findings"] if f["check"] == CHECK}
        assert got == want, (site.host, sorted(got - want), sorted(want - got))
        assert all(f.status == "fail" for f in found)
        expected_all += len(want)
        found_all += len(found)
    # the planted site has pageNum=2 list pages of both tampered columns (else the test would prove nothing)
    paged = [f["subject"] for t in truth.values() for f in t["expected_findings"]
             if f["check"] == CHECK and "pageNum=2" in f["subject"]]
    assert len(paged) == 2
    assert found_all == expected_all >= 6
