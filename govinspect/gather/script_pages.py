"""Pages whose links or list only a browser shows: decided on the served HTML where it is parsed, so the
crawl can ask Chromium for them without keeping the HTML."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from govinspect.extract.any_case_pattern import any_case, letters

SCRIPT_LINK = re.compile(r"<a\s[^>]*href", re.IGNORECASE)
# spelt without IGNORECASE: re scans for the first characters (any_case_pattern.py)
_SCRIPT_LIST = re.compile("|".join((
    r"\$\.(?:" + "|".join(letters(w) for w in ("ajax", "get", "post", "getJSON")) + r")\s*\(",
    any_case("XMLHttpRequest"), any_case("fetch", r"\s*\(", boundary=True), any_case("axios."), any_case("jpage"),
    any_case("dataproxy"), any_case("laypage"), any_case("v-for="), r"\{\{\s*\w")))
_DATE_IN_HTML = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_LIST_PATH = re.compile(r"/(?:index|list|default|col\w*|lm\w*|more\w*)?(?:_\d+)?(?:\.s?html?|\.jsp|\.aspx?|\.php)?$"
                        r"|[?&](?:classid|columnid|catid|cid|channelid|page)=", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>|<script.*?</script>|<style.*?</style>", re.DOTALL | re.IGNORECASE)


def list_written_by_script(url: str, html: str) -> bool:
    """A column page (by its URL) that loads its items with a script (ajax, jpage, templates) and
    serves almost no dates itself: the list is only in the browser."""
    parts = urlsplit(url)
    where = parts.path + (f"?{parts.query}" if parts.query else "")
    return bool(_LIST_PATH.search(where) and _SCRIPT_LIST.search(html)
                and _fewer_than(3, _DATE_IN_HTML, html, 300_000))


def _fewer_than(n: int, pattern: re.Pattern[str], html: str, end: int) -> bool:
    """Fewer than ``n`` matches in ``html[:end]`` (stops at the ``n``-th: most pages have hundreds)."""
    for i, _ in enumerate(pattern.finditer(html, 0, end), 1):
        if i >= n:
            return False
    return True


def looks_script_written(html: str, lower: str | None = None) -> bool:
    """Scripts but (almost) no links in the served HTML: the navigation is built in the browser.
    ``lower``: ``html.lower()``, when at hand."""
    return "<script" in (lower if lower is not None else html.lower()) and _fewer_than(3, SCRIPT_LINK, html, 200_000)


def looks_script_built(html: str, lower: str | None = None) -> bool:
    """Little visible text or almost no links beside scripts (``--render-js`` renders such pages)."""
    lower = lower if lower is not None else html.lower()
    if "<script" not in lower:
        return False
    return lower.count("<a ") < 3 or len(_TAGS.sub("", html).strip()) < 300
