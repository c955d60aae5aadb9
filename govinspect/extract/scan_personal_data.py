"""A site's pages and fetched attachments → masked personal-data hits, a record per attachment, and the pages
with personal numbers masked (what the store may keep). Runs before the pages are understood, so no later
artifact (articles, excerpts, the stored pages) ever holds a full number."""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

from govinspect.extract.attachment_text import attachment_text
from govinspect.extract.document_lines import html_lines
from govinspect.extract.personal_data import Found, could_hold_personal_data, find_personal_data, redact_text
from govinspect.model.artifacts import AttachmentFile, AttachmentRead, PageSnapshot, PersonalDataHit

SECONDS_PER_FILE = 10.0


@dataclass
class PersonalDataScan:
    pages: list[PageSnapshot]
    hits: list[PersonalDataHit]
    attachments: list[AttachmentRead]


def _kind(url: str) -> str:
    path = urlsplit(url).path
    dot = path.rfind(".")
    return path[dot + 1:].lower() if dot > path.rfind("/") else ""


def _hits(found: list[Found], url: str, where: str, source_url: str = "") -> list[PersonalDataHit]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in found:
        if (f.kind, f.masked) in seen:
            continue
        seen.add((f.kind, f.masked))
        out.append(PersonalDataHit(url=url, kind=f.kind, masked=f.masked, excerpt=f.excerpt, where=where,
                                   place=f"第{f.line + 1}行", source_url=source_url))
    return out


def scan_pages(pages: list[PageSnapshot], as_of: date) -> tuple[list[PageSnapshot], list[PersonalDataHit]]:
    kept: list[PageSnapshot] = []
    hits: list[PersonalDataHit] = []
    for page in pages:
        if not page.text or not could_hold_personal_data(page.text):
            kept.append(page)
            continue
        found, mobiles = find_personal_data(html_lines(page.text), as_of)
        hits += _hits(found, page.final_url or page.url, "page")
        masked = redact_text(page.text, frozenset(mobiles))
        kept.append(page if masked == page.text else replace(page, text=masked))
    return kept, hits


def read_attachment(f: AttachmentFile, as_of: date,
                    seconds: float = SECONDS_PER_FILE) -> tuple[AttachmentRead, list[PersonalDataHit]]:
    kind = _kind(f.url)
    base = {"url": f.url, "source_url": f.source_url, "kind": kind, "size": f.size,
            "fetch_ms": round(f.fetch_ms, 1)}
    if f.error_class is not None:
        return AttachmentRead(outcome="too_large" if f.error_class == "too_large" else
                              "timeout" if f.error_class == "timeout" else "http",
                              detail=f.error_detail or f.error_class, **base), []
    started = time.perf_counter()
    text = attachment_text(f.data, seconds)
    read_ms = round((time.perf_counter() - started) * 1000, 1)
    found, _ = find_personal_data(text.lines, as_of)
    return (AttachmentRead(outcome=text.outcome, read_ms=read_ms, chars=text.chars, detail=text.detail, **base),
            _hits(found, f.url, "attachment", f.source_url))


def scan_personal_data(pages: list[PageSnapshot], files: list[AttachmentFile] | None, as_of: date,
                       seconds_per_file: float = SECONDS_PER_FILE) -> PersonalDataScan:
    kept, hits = scan_pages(pages, as_of)
    reads: list[AttachmentRead] = []
    for f in files or []:
        read, found = read_attachment(f, as_of, seconds_per_file)
        reads.append(read)
        hits += found
    return PersonalDataScan(pages=kept, hits=hits, attachments=reads)
