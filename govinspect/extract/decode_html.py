"""Bytes → str for HTML pages, deciding the encoding the way real Chinese government sites need.

Order (each step only if the previous one gave no usable answer):

1. a byte-order mark (UTF-8, UTF-16LE/BE): a BOM is unambiguous and beats any label;
   UTF-16 without a BOM is recognised by its NUL-byte pattern;
2. bytes that are valid UTF-8 and contain non-ASCII are UTF-8, whatever the labels say
   (Selenium/"save as" copies and misconfigured servers keep ``charset=gb2312`` on UTF-8
   bodies; GBK text almost never validates as UTF-8);
3. the HTTP ``Content-Type`` charset, if the body decodes under it;
4. ``<meta charset>`` / ``http-equiv`` in the first 4 KB, if the body decodes under it;
5. charset-normalizer;
6. gb18030 with replacement characters.

gb2312/gbk/x-gbk are always read as gb18030 (its superset). Never raises.
"""
from __future__ import annotations

import codecs
import re

_META_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "cp936": "gb18030", "ms936": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
    "gb18030": "gb18030", "utf8": "utf-8", "unicode": "utf-16", "big5-hkscs": "big5hkscs",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252",
}
# A label whose strict decode fails may still be right (one truncated character, a stray byte):
# accept it when bad characters are rare among the non-ASCII bytes. A wrong guess between
# GBK and UTF-8 spoils about every second non-ASCII byte.
_MAX_BAD_PER_NON_ASCII = 0.02


_NON_ASCII = bytes(range(128, 256))
_NOT_PAGE_CODECS = frozenset(("idna", "punycode", "utf-7", "raw-unicode-escape", "unicode-escape",
                              "undefined", "mbcs", "oem", "palmos"))
_WESTERN = frozenset(("cp1252", "latin-1", "iso8859-1", "ascii", "iso8859-15", "cp437"))


def normalise_encoding(label: str | None) -> str | None:
    """A charset label → a Python codec name (gbk family → gb18030), or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # Only real text encodings: base64/rot13/zlib/hex are codecs too, and idna/punycode/utf-7 are no page encodings.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CODECS:
        return None
    codec = info.name
    if codec in ("gbk", "gb2312"):
        return "gb18030"
    if codec == "latin-1" or codec == "iso8859-1":
        return "cp1252"
    return codec


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_RE.search(content_type)
    return normalise_encoding(m.group(1)) if m else None


def meta_charset(head: bytes) -> str | None:
    """The charset declared by ``<meta>`` in ``head`` (ASCII-compatible bytes only)."""
    m = _META_RE.search(head)
    if not m:
        return None
    enc = normalise_encoding(m.group(1).decode("ascii", "replace"))
    # A meta tag readable as ASCII cannot be in UTF-16 (WHATWG: treat it as UTF-8).
    if enc and enc.startswith("utf-16"):
        return "utf-8"
    return enc


def _bom(body: bytes) -> tuple[str, int] | None:
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if body.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if body.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return None


def _utf16_without_bom(body: bytes) -> str | None:
    """UTF-16 markup without BOM: half the bytes of the first KB are NUL, on one side."""
    sample = body[:1024]
    if len(sample) < 16:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > 0.6 * half and even_nul < 0.1 * half:
        return "utf-16-le"
    if even_nul > 0.6 * half and odd_nul < 0.1 * half:
        return "utf-16-be"
    return None


def _decode_ok(body: bytes, encoding: str) -> str | None:
    """The text if ``body`` decodes under ``encoding`` with (almost) no bad bytes."""
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = body.decode(encoding, errors="replace")
    non_ascii = len(body) - len(body.translate(None, _NON_ASCII))
    if text.count("\ufffd") <= max(1, non_ascii * _MAX_BAD_PER_NON_ASCII):
        return text
    return None


def _normalizer_guess(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency of the project
        return None
    try:
        best = from_bytes(body[:65536]).best()
    except Exception:  # noqa: BLE001 - a detector failure must not stop decoding
        return None
    return normalise_encoding(best.encoding) if best is not None else None


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode an HTML body. Returns (text, encoding actually used). Never raises."""
    if not body:
        return "", header_charset(content_type) or "utf-8"
    bom = _bom(body)
    if bom:
        enc, skip = bom
        return body[skip:].decode(enc, errors="replace"), enc
    utf16 = _utf16_without_bom(body)
    if utf16:
        return body.decode(utf16, errors="replace"), utf16
    text = _decode_ok(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    tried: list[str] = []
    labels = [e for e in (header_charset(content_type), meta_charset(body[:4096])) if e and e != "utf-8"]
    # Tomcat and friends send ISO-8859-1 by default: a Western single-byte label on a body full of
    # high bytes is weaker evidence than a Chinese meta tag or detection, so it goes last.
    labels.sort(key=lambda e: e in _WESTERN)
    for enc in labels:
        if enc in _WESTERN:
            guess = _normalizer_guess(body)
            if guess and guess not in tried and guess not in _WESTERN:
                text = _decode_ok(body, guess)
                if text is not None:
                    return text, guess
        if enc not in tried:
            tried.append(enc)
            text = _decode_ok(body, enc)
            if text is not None:
                return text, enc
    guess = _normalizer_guess(body)
    if guess and guess not in tried:
        text = _decode_ok(body, guess)
        if text is not None:
            return text, guess
    # Last resort: the most likely encoding of a Chinese page, lossy.
    fallback = tried[0] if tried else "gb18030"
    try:
        return body.decode(fallback, errors="replace"), fallback
    except Exception:  # noqa: BLE001 - a codec that fails even with errors="replace"
        return body.decode("gb18030", errors="replace"), "gb18030"
