"""htmx is vendored (no CDN): the file matches the version and checksum recorded beside it."""
from __future__ import annotations

import hashlib
from pathlib import Path

import govinspect.web

STATIC = Path(govinspect.web.__file__).resolve().parent / "static"
TEMPLATES = Path(govinspect.web.__file__).resolve().parent / "templates"


def _recorded() -> dict[str, str]:
    lines = (STATIC / "htmx.VERSION").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def test_htmx_checksum_and_version() -> None:
    rec = _recorded()
    data = (STATIC / "htmx.min.js").read_bytes()
    assert rec["version"] == "2.0.11"
    assert hashlib.sha256(data).hexdigest() == rec["sha256"]
    assert len(data) == 52182
    assert b'version:"2.0.11"' in data


def test_no_cdn_or_remote_script_in_templates() -> None:
    for page in TEMPLATES.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "//unpkg" not in text and "cdn" not in text.lower() and 'src="http' not in text, page.name
        assert "|safe" not in text.replace(" ", ""), f"{page.name} marks something safe"
