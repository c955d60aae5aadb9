"""Website checks on 62 real government pages nobody here wrote (../shared/realdata/html), against the
extract engineer's HAND-CHECKED footer truth (tests/extract/footer_expected.json).

Each page is treated as a one-page site (its own homepage). Measured: missing_footer_items for the three
items the truth records (网站标识码, ICP备案编号, 公安机关备案标识) — a `fail` is right when the truth has no
such item — and invalid_site_code with the registry holding the page's true code (no finding is right).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from govinspect.checks.run_checks import run_checks
from govinspect.extract.decode_html import decode_html
from govinspect.extract.understand_site import understand_site
from govinspect.model.artifacts import PageSnapshot
from govinspect.model.findings import RunContext

TRUTH = json.loads((Path(__file__).resolve().parents[1] / "extract" / "footer_expected.json")
                   .read_text("utf-8"))["pages"]
URL = "http://www.example.gov.cn/"
ITEMS = {"site_code": "site_code", "icp": "icp", "police_filing": "police_filing"}


def _site(realdata: Path, page: dict):
    text, enc = decode_html((realdata / "html" / page["file"]).read_bytes(), None)
    snap = PageSnapshot(url=URL, final_url=URL, status=200, fetched_at="", elapsed_ms=1.0,
                        content_type="text/html", encoding=enc, text=text)
    return understand_site([snap], URL, date(2025, 7, 1))


def measure(realdata: Path) -> dict[str, dict[str, int]]:
    stats = {k: {"tp": 0, "fp": 0, "fn": 0} for k in (*ITEMS, "invalid_site_code")}
    for page in TRUTH:
        art = _site(realdata, page)
        ctx = RunContext(as_of=date(2025, 7, 1), site_code=page["site_code"] or "")
        found = run_checks(art, ctx, "real", only=["missing_footer_items", "invalid_site_code"])
        missing = {f.subject for f in found if f.check == "missing_footer_items" and f.status == "fail"}
        for item in ITEMS:
            truly_missing = not page[item]
            s = stats[item]
            if item in missing:
                s["tp" if truly_missing else "fp"] += 1
            elif truly_missing:
                s["fn"] += 1
        wrong = [f for f in found if f.check == "invalid_site_code" and f.status == "fail"]
        stats["invalid_site_code"]["fp"] += len(wrong)
        if page["site_code"]:           # registry says another (valid) code: the page's code must be flagged
            other = RunContext(as_of=ctx.as_of, site_code="4212000001")
            flagged = {f.subject for f in run_checks(art, other, "real", only=["invalid_site_code"])
                       if f.status == "fail"}
            stats["invalid_site_code"]["tp" if page["site_code"] in flagged else "fn"] += 1
    return stats


def test_footer_and_site_code_checks_on_real_pages(realdata: Path) -> None:
    stats = measure(realdata)
    print(stats)
    for item in ITEMS:
        s = stats[item]
        precision = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        assert precision >= 0.9, (item, s)
    s = stats["invalid_site_code"]
    assert s["fp"] <= 1 and s["tp"] >= 0.9 * (s["tp"] + s["fn"]), s


def test_homepage_update_on_a_real_disclosure_homepage(realdata: Path) -> None:
    """邯郸市政府信息公开 home, saved in August 2020: 61 dated items, newest 2020-08-02 (V3, 2 weeks)."""
    url = "http://www.hd.gov.cn/hdzfxxgk/"
    text, enc = decode_html((realdata / "html" / "lists" / "hd_gov_cn_xxgk_home_2020.html").read_bytes(), None)
    snap = PageSnapshot(url=url, final_url=url, status=200, fetched_at="", elapsed_ms=1.0,
                        content_type="text/html", encoding=enc, text=text)
    verdicts = {}
    for as_of in (date(2020, 8, 10), date(2020, 8, 16), date(2020, 8, 17), date(2020, 9, 30)):
        art = understand_site([snap], url, as_of)
        found = run_checks(art, RunContext(as_of=as_of, site_code="1304000009"), "hd", only=["homepage_not_updated"])
        verdicts[as_of.isoformat()] = [f.status for f in found]
    # newest 2020-08-02: inside the 2 weeks up to 08-16, stale from 08-17
    assert verdicts == {"2020-08-10": [], "2020-08-16": [], "2020-08-17": ["fail"], "2020-09-30": ["fail"]}
