"""Post dates from the raw strings feeds carry, as Beijing calendar dates.

feedparser's own ``*_parsed`` misreads Chinese dates (``2020年07月17日`` → 2020-11-01, stack.md (h))
and converts to UTC, which moves a 07:30 +08:00 post to the day before. So the raw string is parsed
here first: RFC 822, ISO 8601, then the extract stage's Chinese-aware parser; feedparser's struct
is the last resort.
"""
from __future__ import annotations

import calendar
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from govinspect.extract.dates import parse_date

BEIJING = timezone(timedelta(hours=8))


def _local_date(dt: datetime) -> date:
    """Aware datetimes become Beijing dates; naive ones are taken as already local."""
    return dt.astimezone(BEIJING).date() if dt.tzinfo is not None else dt.date()


def _rfc822(raw: str) -> date | None:
    if not any(c.isalpha() for c in raw[:4]) and "," not in raw:
        return None
    try:
        return _local_date(parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        return None


def _weibo(raw: str) -> date | None:
    """m.weibo.cn ``created_at``: ``Fri Jul 17 09:30:00 +0800 2020``."""
    try:
        return _local_date(datetime.strptime(raw, "%a %b %d %H:%M:%S %z %Y"))
    except ValueError:
        return None


def _iso(raw: str) -> date | None:
    text = raw.strip()
    if len(text) < 10 or not text[:4].isdigit() or text[4] != "-":
        return None
    try:
        return _local_date(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
    except ValueError:
        return None


def parse_post_date(raw: object, parsed: time.struct_time | None = None) -> date | None:
    """The calendar date of a post from its raw date string (or a Unix timestamp)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        seconds = raw / 1000 if raw > 10**11 else raw       # milliseconds in many JSON APIs
        try:
            return datetime.fromtimestamp(seconds, BEIJING).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(raw, str) and raw.strip():
        text = raw.strip()
        if text.isdigit() and len(text) in (10, 13):
            return parse_post_date(int(text))
        for parse in (_rfc822, _weibo, _iso):
            found = parse(text)
            if found is not None:
                return found
        chinese = parse_date(text)
        if chinese is not None:
            return chinese.date
    if parsed is not None:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), BEIJING).date()
        except (OverflowError, ValueError):
            return None
    return None
