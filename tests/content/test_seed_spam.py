"""Seeds 003 and 000 are real notices whose pages were hijacked: the text must be flagged."""
from __future__ import annotations

from datetime import date
from html import escape

from govinspect.checks.content import injected_spam_text
from govinspect.extract.security.classify_spam import classify_text
from tests.content.conftest import ctx, site_with


def _seed(seeds, prefix: str) -> str:
    return next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _as_page(text: str) -> str:
    paras = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><title>通报</title></head><body>{paras}</body></html>"


def test_seed_003_is_injected_spam(seeds) -> None:
    art = site_with("http://www.yl.gov.cn/zwgk/1.html", _as_page(_seed(seeds, "003")))
    findings = injected_spam_text.run(art, ctx(date(2021, 8, 20)))
    assert [(f.subject, f.status) for f in findings] == [("http://www.yl.gov.cn/zwgk/1.html", "fail")]
    assert {"365bet", "best365"} <= {t for s in findings[0].evidence["segments"] for t in s["terms"]}


def test_seed_000_last_line_is_spam_and_appended(seeds) -> None:
    text = _seed(seeds, "000")
    last = [line for line in text.splitlines() if line.strip()][-1]
    assert classify_text(last).level == "spam"
    findings = injected_spam_text.run(site_with("http://www.xianning.gov.cn/1.html", _as_page(text)),
                                      ctx(date(2020, 7, 23)))
    assert [f.status for f in findings] == ["fail"]
    assert findings[0].evidence["form"] == "appended"


def test_seed_000_without_its_last_line_is_clean(seeds) -> None:
    lines = [line for line in _seed(seeds, "000").splitlines() if line.strip()][:-1]
    assert injected_spam_text.run(site_with("http://www.xianning.gov.cn/1.html", _as_page("\n".join(lines))),
                                  ctx(date(2020, 7, 23))) == []


def test_other_seeds_are_clean(seeds) -> None:
    for prefix in ("001", "002", "004"):
        art = site_with(f"http://x.gov.cn/{prefix}.html", _as_page(_seed(seeds, prefix)))
        assert injected_spam_text.run(art, ctx()) == [], prefix
