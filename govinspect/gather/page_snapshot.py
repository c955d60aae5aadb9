"""FetchResult → PageSnapshot: HTML decided by content and type, text decoded by extract.decode_html."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from govinspect.extract.decode_html import decode_html
from govinspect.gather.fetch_result import FetchResult
from govinspect.model.artifacts import PageSnapshot

CHINA_TZ = timezone(timedelta(hours=8))
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"Rar!", b"\x1f\x8b", b"MZ",
                b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"BM", b"\x00\x00\x01\x00", b"RIFF", b"ID3", b"\x7fELF")
HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "text/xml", "application/xml")


def now_iso() -> str:
    return datetime.now(CHINA_TZ).isoformat(timespec="milliseconds")


def looks_binary(body: bytes) -> bool:
    head = body[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        return False                 # UTF-16 HTML has NULs but is text
    if head.lstrip().startswith(BINARY_MAGIC):
        return True
    return head.count(b"\x00") > 0


def html_problem(content_type: str, body: bytes) -> str | None:
    """Why this 2xx body is not an HTML page we can read, or None."""
    if not body:
        return "empty"
    ctype = content_type.split(";")[0].strip().lower()
    if ctype and not ctype.startswith(HTML_TYPES):
        return "not_html"
    if looks_binary(body):
        return "not_html"
    return None


def to_snapshot(res: FetchResult, depth: int = 0, referrer: str | None = None, url: str | None = None) -> PageSnapshot:
    error_class, detail = res.error_class, res.error_detail
    text = encoding = None
    if error_class is None and res.status is not None and res.status < 300:
        error_class = html_problem(res.content_type, res.body)
        if error_class == "not_html":
            detail = f"非 HTML 内容（Content-Type: {res.content_type or '无'}）"
        elif error_class == "empty":
            detail = "响应成功但内容为空"
        else:
            text, encoding = decode_html(res.body, res.content_type)
    return PageSnapshot(url=url or res.url, final_url=res.final_url, status=res.status, fetched_at=now_iso(),
                        elapsed_ms=round(res.elapsed_ms, 1), content_type=res.content_type, encoding=encoding,
                        text=text, size=len(res.body), sha256=hashlib.sha256(res.body).hexdigest(), depth=depth,
                        referrer=referrer, error_class=error_class, error_detail=detail, headers=dict(res.headers))
