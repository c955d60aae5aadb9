"""HTML that inline JavaScript writes: document.write/innerHTML strings, eval of base64 (atob) or escaped
strings (unescape, \\xNN, \\uNNNN, String.fromCharCode). Pure string work with bounded effort; nothing runs.
"""
from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote

MAX_SCRIPT_CHARS = 200_000
MAX_DEPTH = 3
_B64 = re.compile(r"[\"']([A-Za-z0-9+/]{24,}={0,2})[\"']")
_UNESCAPE = re.compile(r"(?:unescape|decodeURIComponent|decodeURI)\s*\(\s*[\"']([^\"']+)[\"']")
_CHARCODES = re.compile(r"String\.fromCharCode\s*\(([\d\s,]+)\)")
_HEX = re.compile(r"\\x([0-9a-fA-F]{2})")
_UNI = re.compile(r"\\u([0-9a-fA-F]{4})")
_OCT = re.compile(r"\\([0-7]{3})")
_SPIDER_SNIFF = re.compile(r"(baidu|spider|sogou|360spider|so\.com|googlebot).{0,200}?(document\.title|location|"
                           r"document\.write|innerhtml)|(useragent|referrer).{0,200}?(baidu|spider|sogou|so\.com)",
                           re.IGNORECASE | re.DOTALL)
_CONCAT = re.compile(r"[\"']\s*\+\s*[\"']")


def _unescape_js(s: str) -> str:
    s = _HEX.sub(lambda m: chr(int(m.group(1), 16)), s)
    s = _UNI.sub(lambda m: chr(int(m.group(1), 16)), s)
    s = _OCT.sub(lambda m: chr(int(m.group(1), 8)), s)
    return s.replace("\\'", "'").replace('\\"', '"').replace("\\/", "/")


def _decode_b64(s: str) -> str | None:
    try:
        raw = base64.b64decode(s + "=" * (-len(s) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        printable = sum(c.isprintable() or c.isspace() for c in text)
        if text and printable / len(text) > 0.95:
            return unquote(text) if "%" in text else text
    return None


def decoded_layers(script: str) -> list[str]:
    """The script with string joins and escapes undone, plus every decoded payload (recursively)."""
    out: list[str] = []
    queue = [(script[:MAX_SCRIPT_CHARS], 0)]
    while queue and len(out) < 50:
        text, depth = queue.pop()
        plain = _unescape_js(_CONCAT.sub("", text))
        out.append(plain)
        if depth >= MAX_DEPTH:
            continue
        for m in _UNESCAPE.finditer(plain):
            queue.append((unquote(m.group(1)), depth + 1))
        for m in _CHARCODES.finditer(plain):
            codes = [int(c) for c in m.group(1).replace(" ", "").split(",") if c.strip().isdigit()]
            queue.append(("".join(chr(c) for c in codes if 0 < c < 0x110000), depth + 1))
        for m in _B64.finditer(plain):
            decoded = _decode_b64(m.group(1))
            if decoded:
                queue.append((decoded, depth + 1))
    return out


def written_html(script: str) -> str:
    """HTML fragments a script may write (all decoded layers that contain markup), joined."""
    return "\n".join(layer for layer in decoded_layers(script) if "<" in layer and ">" in layer)


def sniffs_spiders(script: str) -> bool:
    """A script that branches on a spider UA or a search Referer (client-side cloaking)."""
    return any(_SPIDER_SNIFF.search(layer) for layer in decoded_layers(script))
