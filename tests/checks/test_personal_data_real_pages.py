"""personal_data_leaks on real government pages nobody here wrote (../shared/realdata/html): none of them
publishes personal data, so every finding would be a false one. The count of candidates shows the test
is not vacuous: the pages carry long digit strings (索引号, 标识码, phone numbers, IDs of articles)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from govinspect.checks.run_checks import run_checks
from govinspect.extract.decode_html import decode_html
from govinspect.extract.document_lines import html_lines
from govinspect.model.artifacts import PageSnapshot, SiteArtifacts
from govinspect.model.findings import RunContext


def test_no_finding_on_real_pages(realdata: Path) -> None:
    pages, candidates = [], 0
    for n, path in enumerate(sorted((realdata / "html").rglob("*.html"))):
        text, enc = decode_html(path.read_bytes(), None)
        url = f"http://www{n}.example.gov.cn/{path.name}"
        pages.append(PageSnapshot(url=url, final_url=url, status=200, fetched_at="", elapsed_ms=1.0, text=text))
        # digit runs of 10+ (标识码, 公网安备, 索引号, ids) and telephone numbers the detectors must pass over
        candidates += sum(len(re.findall(r"\d{10,}|\d{3,4}-\d{7,8}", line)) for line in html_lines(text))
    assert len(pages) >= 60 and candidates >= 100
    art = SiteArtifacts(site_code="4212000001", url="http://www0.example.gov.cn/", pages=pages)
    found = run_checks(art, RunContext(as_of=date(2025, 7, 1)), "real", only=["personal_data_leaks"])
    assert found == [], [(f.subject, f.message) for f in found]
