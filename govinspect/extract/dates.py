"""Chinese publication dates as government pages print them.

Formats: ``2020-07-17``, ``2020/7/17``, ``2020.07.17``, ``2020年07月17日``, ``2020 年 7 月 17 日``,
full-width digits, ``二〇二〇年七月十七日``, times after the date (also with ``∶``), and year-less
list dates (``[07-17]``, ``[03.16]``, ``07月17日``) whose year is taken from the 监测时间点
(``as_of``): the previous year when the date would otherwise lie in the future.

Compact 8-digit runs (``20231231``) are never read from text: 统计期限为202311日至20231231日 is not
a date. They are only read from URLs (``t20231102_…``, ``/2017/3/28/``) by ``date_from_url``.

A labelled date keeps its label (发布时间, 发布日期, 成文日期, 发文日期, …) so that callers can
tell the publication date from the document (成文) date or an archive date. A date after
``as_of`` is marked ``future``; callers must flag it, never take it silently as the newest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                            "－": "-", "／": "/", "．": ".", "：": ":", "∶": ":", "　": " ",
                            "\xa0": " ", "【": "[", "】": "]", "（": "(", "）": ")"})

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3,
             "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN = "〇○零OoＯ一二三四五六七八九"

_FULL_RE = re.compile(
    r"(?<!\d)(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})(?!\d)\s*[日号]?"
    r"|(?<![\d.])(?P<y2>(?:19|20)\d{2})\s*(?P<sep>[-/.])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?![\d])"
    rf"|(?P<y3>[{_CN}]{{4}})\s*年\s*(?P<m3>[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<d3>[一二三四五六七八九十]{{1,3}})\s*[日号]"
)
# Where a match of _FULL_RE can start: a year in digits or a year in Chinese numerals before 年. Both finders
# begin with plain characters or a class, which re scans for quickly, where _FULL_RE (look-behinds first)
# is tried at every position; _FULL_RE then runs only at these places.
_DIGIT_YEAR = re.compile(r"19\d\d|20\d\d")
_CN_YEAR = re.compile(rf"[{_CN}]{{4}}\s*年")
# Year-less list dates: "[07-17]", "(03.16)", "07-17", "07月17日" — only in short texts or brackets.
_MONTH_DAY_RE = re.compile(
    r"(?<![\d.\-/])(?P<m>\d{1,2})\s*(?:[-./]|月)\s*(?P<d>\d{1,2})(?![\d.\-/])\s*日?")
_BRACKETED_MD_RE = re.compile(r"[\[(]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})\s*[\])]")
# Short list-date forms only (a date cell): "19年10月08日", "昨天 16:10", "3天前".
_SHORT_YEAR_RE = re.compile(r"(?<!\d)(?P<y>\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_RELATIVE_RE = re.compile(r"(?P<word>今天|今日|昨天|昨日|前天)|(?P<n>\d{1,3})\s*(?P<unit>天|小时|分钟|秒)前|刚刚")
_TIME_RE = re.compile(r"[\s-]*\d{1,2}:\d{2}(?::\d{2})?")

# Labels, most specific first; spaces between the characters are allowed ("发 文 日 期").
_LABELS = (
    "发布时间", "发布日期", "发稿时间", "发稿日期", "公开日期", "公开时间", "发文日期", "发文时间",
    "印发日期", "成文日期", "成文时间", "生成日期", "签发日期", "上载日期", "归档时间", "归档日期",
    "更新时间", "更新日期", "修改时间", "录入时间", "信息时间", "实施日期", "施行日期", "生效日期",
    "废止日期", "失效日期", "截止日期", "截止时间", "留言时间", "答复时间", "回复时间", "办结时间",
    "受理时间", "来信时间", "提问时间", "咨询时间", "时间", "日期", "发布",
)
_LABEL_RE = re.compile(
    "(?:" + "|".join(r"\s*".join(map(re.escape, lab)) for lab in _LABELS) + r")\s*[:：∶]?\s*$")
_LABEL_WINDOW = 16

PUBLICATION_LABELS = ("发布时间", "发布日期", "发稿时间", "发稿日期", "公开日期", "公开时间",
                      "发文日期", "发文时间", "印发日期", "发布", "信息时间", "时间", "日期")
DOCUMENT_LABELS = ("成文日期", "成文时间", "签发日期", "生成日期")
# Dates that are never the publication date (validity, deadlines, other events).
NON_PUBLICATION_LABELS = ("实施日期", "施行日期", "生效日期", "废止日期", "失效日期", "截止日期",
                          "截止时间", "留言时间", "答复时间", "回复时间", "办结时间", "受理时间",
                          "来信时间", "提问时间", "咨询时间")


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: date
    text: str                    # the characters matched
    label: str = ""              # canonical label before the date, "" if none
    start: int = 0
    end: int = 0
    year_inferred: bool = False  # month–day only; year taken from as_of
    future: bool = False         # after the 监测时间点: flag, never take silently


_FULLWIDTH_PAIRS = tuple((chr(k), v) for k, v in _FULLWIDTH.items())


def normalise_digits(text: str) -> str:
    """``text.translate(_FULLWIDTH)``, done as a replace per character the text holds: translate looks
    every character of a Chinese text up in the table one by one, ~20× slower on a page's text."""
    for char, plain in _FULLWIDTH_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text


def _cn_number(chars: str) -> int | None:
    if chars.isdigit():
        return int(chars)
    if "十" not in chars:
        value = 0
        for ch in chars:
            if ch not in _CN_DIGIT:
                return None
            value = value * 10 + _CN_DIGIT[ch]
        return value
    tens, _, units = chars.partition("十")
    t = _CN_DIGIT.get(tens, 0) if tens else 1
    u = _CN_DIGIT.get(units, 0) if units else 0
    return t * 10 + u


def _make_date(y: int, m: int, d: int) -> date | None:
    if not (1990 <= y <= 2100):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_year(month: int, day: int, as_of: date) -> date | None:
    """A month–day date in the year of ``as_of``, or the year before if that is in the future."""
    for year in (as_of.year, as_of.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue        # 02-29 in a non-leap year: try the year before
        if candidate <= as_of:
            return candidate
    return None


def _label_before(text: str, start: int, floor: int) -> str:
    window = text[max(floor, start - _LABEL_WINDOW):start]
    m = _LABEL_RE.search(window)
    if not m:
        return ""
    return re.sub(r"[\s:：∶]", "", m.group(0))


def _full_dates(text: str) -> list[re.Match[str]]:
    """``_FULL_RE.finditer(text)``, tried only where a match can start. A digit year that overlaps the one
    found before it follows a digit, which _FULL_RE's look-behinds refuse, so the finders skipping overlaps
    lose nothing."""
    starts = [m.start() for m in _DIGIT_YEAR.finditer(text)]
    if "年" in text:
        starts = sorted({*starts, *(m.start() for m in _CN_YEAR.finditer(text))})
    out = []
    end = 0
    for start in starts:
        if start >= end and (m := _FULL_RE.match(text, start)):
            out.append(m)
            end = m.end()
    return out


def find_dates(text: str, as_of: date | None = None, month_day: bool = False) -> list[FoundDate]:
    """Every full date in ``text`` (and year-less ones when ``month_day``), with labels."""
    if not text:
        return []
    text = normalise_digits(text)
    found: list[FoundDate] = []
    prev_end = 0
    for m in _full_dates(text):
        if m.group("y1"):
            d = _make_date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        elif m.group("y2"):
            d = _make_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        else:
            y = _cn_number(m.group("y3"))
            mo = _cn_number(m.group("m3"))
            dd = _cn_number(m.group("d3"))
            d = _make_date(y, mo, dd) if None not in (y, mo, dd) else None
        if d is None:
            continue
        end = m.end()
        t = _TIME_RE.match(text, end)
        if t:
            end = t.end()
        found.append(FoundDate(d, text[m.start():end].strip(), _label_before(text, m.start(), prev_end),
                               m.start(), end, False, bool(as_of and d > as_of)))
        prev_end = end
    if month_day and as_of is not None:
        found.extend(_month_days(text, as_of, found))
        found.sort(key=lambda f: f.start)
    return found


def _month_days(text: str, as_of: date, full: list[FoundDate]) -> list[FoundDate]:
    stripped = text.strip()
    if len(stripped) <= 12:
        matches = list(_MONTH_DAY_RE.finditer(text))
    else:
        matches = list(_BRACKETED_MD_RE.finditer(text))
    out: list[FoundDate] = []
    for m in matches:
        if any(f.start <= m.start() < f.end for f in full):
            continue
        d = infer_year(int(m.group("m")), int(m.group("d")), as_of)
        if d is not None:
            out.append(FoundDate(d, m.group(0).strip(), _label_before(text, m.start(), 0),
                                 m.start(), m.end(), True, False))
    return out


def _short_forms(text: str, as_of: date | None) -> FoundDate | None:
    text = normalise_digits(text)
    m = _SHORT_YEAR_RE.search(text)
    if m:
        d = _make_date(2000 + int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if d:
            return FoundDate(d, m.group(0), "", m.start(), m.end(), True, bool(as_of and d > as_of))
    m = _RELATIVE_RE.search(text) if as_of is not None else None
    if m:
        if m.group("word"):
            days = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}[m.group("word")]
        elif m.group("n"):
            days = int(m.group("n")) if m.group("unit") == "天" else 0
        else:
            days = 0
        return FoundDate(as_of - timedelta(days=days), m.group(0), "", m.start(), m.end(), True, False)
    return None


def parse_date(text: str, as_of: date | None = None) -> FoundDate | None:
    """The first date of a short text such as a list item's date cell (month–day allowed;
    "19年10月08日", "昨天", "3天前" too, relative forms counted from ``as_of``)."""
    dates = find_dates(text, as_of, month_day=True)
    if dates:
        return dates[0]
    return _short_forms(text, as_of) if text and len(text.strip()) <= 20 else None


def label_rank(label: str) -> int:
    """How good a label is as the publication date: 0 best … 4 weakest, 99 never."""
    if label in NON_PUBLICATION_LABELS:
        return 99
    if label in PUBLICATION_LABELS[:9]:
        return 0
    if label in PUBLICATION_LABELS:
        return 1
    if label in DOCUMENT_LABELS:
        return 3
    if not label:
        return 2
    return 4          # 上载/归档/更新…: only when nothing better


def label_of(text: str) -> str:
    """The canonical date label a short text (a table header) is, or ""."""
    m = _LABEL_RE.search(re.sub(r"\s+", "", text or "").strip(":：∶") + "：")
    return re.sub(r"[\s:：∶]", "", m.group(0)) if m and m.start() == 0 else ""


def _rank(found: FoundDate) -> int:
    return label_rank(found.label)


@lru_cache(maxsize=4)       # a page's top text is asked twice (its kind, then its article); FoundDate is frozen
def publication_date(text: str, as_of: date | None = None) -> FoundDate | None:
    """The date a reader takes as the publication date of a page or metadata block.

    Labelled 发布时间/发布日期/… beat generic 时间/日期, which beat an unlabelled date,
    which beats 成文日期 and then 上载/归档/更新 dates; validity and deadline dates never count.
    """
    candidates = [f for f in find_dates(text, as_of) if _rank(f) < 99]
    if not candidates:
        return None
    return min(candidates, key=lambda f: (_rank(f), f.start))


def labelled_dates(text: str, as_of: date | None = None) -> dict[str, FoundDate]:
    """The first date under each label found in ``text``."""
    out: dict[str, FoundDate] = {}
    for f in find_dates(text, as_of):
        if f.label and f.label not in out:
            out[f.label] = f
    return out


_URL_DATE_RES = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})/"),
    re.compile(r"[/_t](?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)[_/.]"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})-?(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),
)


def date_from_url(url: str) -> date | None:
    """A date carried in a URL path (``/art/2017/3/28/``, ``t20231102_1.htm``), if any.

    Weaker evidence than the page's own date: the URL date is often the upload date.
    """
    for pattern in _URL_DATE_RES:
        m = pattern.search(url)
        if m:
            d = _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d:
                return d
    return None
