"""Helpers for the content-security tests: real pages from ../shared/realdata as artifacts."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govinspect.extract.decode_html import decode_html
from govinspect.extract.security.read_site import read_content
from govinspect.model.artifacts import PageSnapshot, SiteArtifacts
from govinspect.model.findings import RunContext

AS_OF = date(2025, 11, 1)


def snapshot(url: str, html: str) -> PageSnapshot:
    return PageSnapshot(url=url, final_url=url, status=200, fetched_at="2025-11-01T08:00:00+08:00",
                        elapsed_ms=10.0, content_type="text/html", text=html)


def site_with(url: str, html: str, **fields) -> SiteArtifacts:
    return extracted(SiteArtifacts(site_code="x", url=url, pages=[snapshot(url, html)], **fields))


def extracted(art: SiteArtifacts, as_of: date = AS_OF) -> SiteArtifacts:
    """The site-level content reading the extract stage adds before the checks run."""
    art.content_reading = read_content(art, as_of)
    return art


def ctx(as_of: date = AS_OF) -> RunContext:
    return RunContext(as_of=as_of)


@pytest.fixture(scope="session")
def real_pages(realdata: Path) -> list[tuple[str, str]]:
    """(file name, decoded HTML) of every real page; the synthetic YuanZhao test page is not real."""
    files = sorted(p for p in (realdata / "html").rglob("*.html") if "synthetic" not in p.name)
    assert len(files) >= 62
    return [(p.name, decode_html(p.read_bytes(), None)[0]) for p in files]
