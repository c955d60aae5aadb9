"""Before a PDF is laid out: is WeasyPrint there, and does every character printed have a glyph?

Pango draws a character no installed font covers as an empty box ("tofu") and says nothing, so a notice
printed on a machine without CJK fonts looks finished and is unreadable. This module asks fontconfig
(libfontconfig through ctypes, the library Pango itself uses, so FONTCONFIG_FILE is honoured) which fonts
each font-family list of the print stylesheet resolves to, in Pango's order, and which of them covers each
character the notice prints. A character no font covers stops the PDF with a Chinese message naming the fix.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FONTS_FIX = ("请安装中文字体后重试：bash scripts/install_fonts.sh（Debian 下也可 sudo apt-get install fonts-noto-cjk）；"
             "不需要 PDF 时可改用 --format docx,xlsx,html")
INSTALL_PDF = "未生成 PDF：缺少 WeasyPrint，请运行 pip install 'govinspect[pdf]' 后重试"
INSTALL_PANGO = ("未生成 PDF：缺少系统库 pango，请运行 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
                 "（或 bash scripts/install_system_deps.sh）后重试")
CJK_PROBE = "中国政府网站"   # a font covering these is a CJK font
MAX_SHOWN = 12               # missing characters quoted in the message


class PdfSetupError(ValueError):
    """The machine cannot print the notice as PDF; the message (Chinese, one line) says what to install."""


def require_weasyprint() -> None:
    try:
        with warnings.catch_warnings():      # "No fonts configured": check_glyphs says it in Chinese
            warnings.simplefilter("ignore")
            import weasyprint  # noqa: F401
    except ImportError:
        raise PdfSetupError(INSTALL_PDF) from None
    except OSError:          # WeasyPrint is there but cannot load pango (Debian libpango-1.0-0)
        raise PdfSetupError(INSTALL_PANGO) from None


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@lru_cache(maxsize=1)
def _fontconfig() -> tuple[ctypes.CDLL, int]:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        raise PdfSetupError("未生成 PDF：缺少 fontconfig 库（sudo apt-get install libfontconfig1）。" + FONTS_FIX) from None
    vp = ctypes.c_void_p
    lib.FcInitLoadConfigAndFonts.restype = vp
    lib.FcPatternCreate.restype = vp
    lib.FcPatternAddString.argtypes = [vp, ctypes.c_char_p, ctypes.c_char_p]
    lib.FcConfigSubstitute.argtypes = [vp, vp, ctypes.c_int]
    lib.FcDefaultSubstitute.argtypes = [vp]
    lib.FcFontSort.argtypes = [vp, vp, ctypes.c_int, vp, ctypes.POINTER(ctypes.c_int)]
    lib.FcFontSort.restype = ctypes.POINTER(_FcFontSet)
    lib.FcPatternGetString.argtypes = [vp, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    lib.FcPatternGetCharSet.argtypes = [vp, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(vp)]
    lib.FcCharSetHasChar.argtypes = [vp, ctypes.c_uint32]
    lib.FcPatternDestroy.argtypes = [vp]
    config = lib.FcInitLoadConfigAndFonts()
    return lib, config


@dataclass(frozen=True)
class Font:
    family: str
    file: str
    charset: int      # FcCharSet* (owned by the font set, which lives as long as the process)

    def covers(self, char: str) -> bool:
        lib, _ = _fontconfig()
        return bool(self.charset) and bool(lib.FcCharSetHasChar(self.charset, ord(char)))


@lru_cache(maxsize=32)
def resolve(families: tuple[str, ...]) -> tuple[Font, ...]:
    """The fonts fontconfig offers for a CSS font-family list, best first (what Pango falls back through)."""
    lib, config = _fontconfig()
    if not config:
        return ()
    pattern = lib.FcPatternCreate()
    for family in families:
        lib.FcPatternAddString(pattern, b"family", family.encode())
    lib.FcPatternAddString(pattern, b"lang", b"zh-cn")
    lib.FcConfigSubstitute(config, pattern, 0)      # FcMatchPattern: the alias file (仿宋_GB2312 -> Fandol)
    lib.FcDefaultSubstitute(pattern)
    status = ctypes.c_int(0)
    found = lib.FcFontSort(config, pattern, 0, None, ctypes.byref(status))
    lib.FcPatternDestroy(pattern)
    if not found:
        return ()
    fonts = []
    for i in range(found.contents.nfont):
        font = found.contents.fonts[i]
        family, file = ctypes.c_char_p(), ctypes.c_char_p()
        charset = ctypes.c_void_p()
        lib.FcPatternGetString(font, b"family", 0, ctypes.byref(family))
        lib.FcPatternGetString(font, b"file", 0, ctypes.byref(file))
        lib.FcPatternGetCharSet(font, b"charset", 0, ctypes.byref(charset))
        fonts.append(Font((family.value or b"").decode(errors="replace"), (file.value or b"").decode(errors="replace"),
                          charset.value or 0))
    return tuple(fonts)   # the set is kept (never destroyed): the charsets above point into it


def css_font_stacks(css: str) -> list[tuple[str, ...]]:
    """Every ``font-family`` list of a stylesheet, as tuples of family names."""
    stacks = []
    for value in re.findall(r"font-family\s*:\s*([^;}]+)", css):
        names = tuple(n.strip().strip("\"'") for n in value.split(",") if n.strip().strip("\"'"))
        if names and names not in stacks:
            stacks.append(names)
    return stacks


@lru_cache(maxsize=1)
def print_template() -> str:
    return resources.files("govinspect.report").joinpath("templates/notice.html.j2").read_text("utf-8")


def _printable(chars: Iterable[str]) -> set[str]:
    return {c for c in chars if not c.isspace() and unicodedata.category(c)[0] != "C"}


def fonts_for(chars: set[str], stacks: list[tuple[str, ...]]) -> tuple[dict[str, set[str]], set[str]]:
    """(family -> characters it prints, characters no font covers), over every stack."""
    used: dict[str, set[str]] = {}
    missing: set[str] = set()
    for stack in stacks:
        fonts = resolve(stack)
        for char in chars:
            font = next((f for f in fonts if f.covers(char)), None)
            if font is None:
                missing.add(char)
            else:
                used.setdefault(font.family, set()).add(char)
    return used, missing


def check_glyphs(texts: Iterable[str]) -> dict[str, set[str]]:
    """Raises :class:`PdfSetupError` when a printed character has no glyph in any font the print stylesheet
    can reach, or when no CJK font is reachable at all. Returns family -> characters it will print."""
    template = print_template()
    chars = _printable("".join(texts)) | _printable(re.sub(r"{[{%#].*?[}%#]}", "", template)) | set("—0123456789")
    stacks = css_font_stacks(template)
    used, missing = fonts_for(chars, stacks)
    if missing:
        ordered = sorted(missing, key=lambda c: (not unicodedata.name(c, "").startswith("CJK"), c))
        shown = "".join(ordered[:MAX_SHOWN]) + ("…" if len(missing) > MAX_SHOWN else "")
        if any(unicodedata.name(c, "").startswith("CJK") for c in missing) or not used:
            why = "本机没有可显示中文的字体"
        else:
            why = "本机字体缺少部分字符的字形"
        raise PdfSetupError(f"未生成 PDF：{why}，{len(missing)}个字符将显示为空白方框（如“{shown}”）。{FONTS_FIX}")
    return used


def printed_texts(paragraphs: Iterable[object], annexes: Iterable[object]) -> Iterable[str]:
    """Every string the print layout shows: the prose, then each annex's title, header, cells and note."""
    for p in paragraphs:
        yield p.full_text                         # type: ignore[attr-defined]
    for table in annexes:
        yield table.title                          # type: ignore[attr-defined]
        yield table.note                           # type: ignore[attr-defined]
        yield from table.columns                   # type: ignore[attr-defined]
        for row in table.rows:                     # type: ignore[attr-defined]
            yield row.group
            yield from row.cells


def is_cjk_font(family: str, stacks: list[tuple[str, ...]] | None = None) -> bool:
    for stack in stacks or css_font_stacks(print_template()):
        for font in resolve(stack):
            if font.family == family:
                return all(font.covers(c) for c in CJK_PROBE)
    return False
