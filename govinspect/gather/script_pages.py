"""Pages whose links or list only a browser shows: decided on the served HTML where it is parsed, so the
crawl can ask Chromium for them without keeping the HTML."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

SCRIPT_LINK = re.compile(r"<a\s[^>]*href", re.IGNORECASE)
_SCRIPT_LIST = re.compile(r"\$\.(?:ajax|get|post|getJSON)\s*\(|XMLHttpRequest|\bfetch\s*\(|axios\.|jpage|dataproxy|"
                          r"laypage|v-for=|\{\{\s*\w", re.IGNORECASE)
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
                and len(_DATE_IN_HTML.findall(html, 0, 300_000)) < 3)


def looks_script_written(html: str) -> bool:
    """Scripts but (almost) no links in the served HTML: the navigation is built in the browser."""
    return "<script" in html.lower() and len(SCRIPT_LINK.findall(html, 0, 200_000)) < 3


def looks_script_built(html: str) -> bool:
    """Little visible text or almost no links beside scripts (``--render-js`` renders such pages)."""
    if "<script" not in html.lower():
        return False
    visible = _TAGS.sub("", html)
    return len(visible.strip()) < 300 or html.lower().count("<a ") < 3
