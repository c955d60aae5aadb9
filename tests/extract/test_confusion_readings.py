"""The confusion sets read pypinyin's character table without importing pypinyin (its phrase dictionary
would weigh ~55 MB in every scanning process). The readings must still be exactly pypinyin's: for every
character of its table, and for characters outside it (pypinyin gives the character back)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypinyin import Style, pinyin
from pypinyin.pinyin_dict import pinyin_dict

from govinspect.extract.security.confusion_sets import is_common_char, readings, same_sound

DATA = Path(__file__).resolve().parents[2] / "govinspect" / "extract" / "security" / "data"


def _pypinyin(ch: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]))


def test_readings_equal_pypinyin_for_every_character_of_its_table() -> None:
    assert len(pinyin_dict) > 40_000
    wrong = [(chr(code), readings(chr(code)), _pypinyin(chr(code))) for code in pinyin_dict
             if readings(chr(code)) != _pypinyin(chr(code))]
    assert wrong == []
    common = [chr(code) for code in pinyin_dict if is_common_char(chr(code))]
    assert len(common) == 3755                      # every level-1 GB2312 character has a reading


def test_readings_of_the_confusion_tables_characters_and_of_characters_outside_pypinyins_table() -> None:
    tables = [(DATA / name).read_text(encoding="utf-8") for name in ("shape_confusions.tsv", "typo_confusions.tsv")]
    listed = {c for text in tables for line in text.splitlines() if not line.startswith("#")
              for c in line.split("\t") if len(c) == 1 and not c.isdigit()}
    assert len(listed) > 500
    for ch in [*"a。Ａ1 ", *sorted(listed), "ü", "\u00ea"]:
        assert readings(ch) == _pypinyin(ch), ch
    assert readings("绿") == ("lv", "lu") and readings("欸") == ("ai", "ê", "xie", "ei")   # ü as v, ê kept
    assert "钟" in same_sound("中") and "中" not in same_sound("中")


def test_the_scanning_path_does_not_import_pypinyin() -> None:
    code = ("import sys\n"
            "import govinspect.cli, govinspect.pipeline.scan_run, govinspect.gather.read_page\n"
            "from govinspect.extract.security.detect_typos import *\n"
            "from govinspect.extract.security.match_wording import *\n"
            "from govinspect.extract.security.confusion_sets import one_char_variants, same_sound\n"
            "assert same_sound('政') and one_char_variants('政府')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pypinyin'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]", out.stdout
