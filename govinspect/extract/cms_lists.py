"""What the CMS families that run most government sites print around a list, read statically.

- TRS WCM: ``createPageHTML(N, i, "index", "html")`` (0-based: page 2 is ``index_1.html``), the
  container-first variant ``createPageHTML('page_div', N, i, 'list', 'shtml', total)`` (1-based:
  page 2 is ``list_2.shtml``) and the ``var countPage = N`` + ``document.write`` pager.
- Hanweb (大汉) jcms: items sit in ``<script type="text/xml"><datastore>…<record><![CDATA[<li>…</li>]]>``
  (not DOM elements); the other pages come from ``/module/web/jpage/dataproxy.jsp`` — built from the
  ``<nextgroup>`` link (``page=N``) or from the ``jpage({totalRecord, perPage, groupSize, proxyUrl,
  ajaxParam})`` call and its ``var param_… = {columnid, unitid, …}`` (``startrecord``/``endrecord``).
- 帝国CMS ``<a title="Total record"><b>45</b></a>``, dedecms ``<span class="pageinfo">共 7页137条</span>``,
  PbootCMS ``共10条 当前1/2页``: the stated totals (``total_count``).
- Client-paged lists: every item is in the HTML, later pages hidden (``display:none``, ``class="hide"``,
  avalon ``ms-visible``, ``v-show``); ``Hidden`` tells which nodes a reader cannot see yet.

Pure functions on parsed trees and script text; each reads the page once.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.links import absolute_url, clean_text

MAX_GENERATED_PAGES = 50

# ---- script pagers ---------------------------------------------------------------------------

_NUM = r"['\"]?(\d+)['\"]?"
_TRS_CLASSIC = re.compile(rf"createPageHTML\(\s*{_NUM}\s*,\s*{_NUM}\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"]([a-z]+)['\"]",
                          re.IGNORECASE)
_TRS_DIV_FIRST = re.compile(
    rf"createPageHTML\(\s*['\"][\w-]*['\"]\s*,\s*{_NUM}\s*,\s*{_NUM}\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"]([a-z]+)['\"]"
    rf"(?:\s*,\s*{_NUM})?", re.IGNORECASE)
_COUNT_PAGE = re.compile(r"(?:var\s+)?countPage\s*=\s*(\d+)")
_DOC_WRITE_STEM = re.compile(r"href=\\?[\"']([\w-]+?)[\"']?\s*\+\s*[\"']_")
_DOC_WRITE_EXT = re.compile(r"(s?html?)\\?[\"']")
_ARTICLE_STEM = re.compile(r"^t(?:19|20)\d{6}_\d+$")     # a TRS article's own page pager, not a list
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)

_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[\s*<a[^>]*?href=[\"']([^\"']+)[\"']", re.IGNORECASE)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
_JPAGE = re.compile(r"\.jpage\(\s*\{")
_JPAGE_KEY = {key: re.compile(rf"\b{key}\s*:\s*['\"]?(\d+)", re.IGNORECASE)
              for key in ("totalRecord", "perPage", "groupSize")}
_PROXY_URL = re.compile(r"\bproxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
_AJAX_PARAM = re.compile(r"\bajaxParam\s*:\s*(\w+|\{[^{}]*\})")
_PARAM_VAR = re.compile(r"var\s+(param_\w+)\s*=\s*(\{[^{}]*\})")
_PARAM_PAIR = re.compile(r"(\w+)\s*:\s*(?:'([^']*)'|\"([^\"]*)\"|([\w.%-]+))")
_XML_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.IGNORECASE)
_XML_PAGES = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>", re.IGNORECASE)
_SCRIPT_TOTAL = re.compile(
    r"\b(?:totalRecord|totalCount|recordCount|record_count|totalRecords)\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
_DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
_DEFAULT_GROUP = 3

# ---- stated totals -----------------------------------------------------------------------------

_TOTAL_TEXT = re.compile(
    r"共\s*有?\s*(?:\d+\s*页\s*[,，/]?\s*)?(\d+)\s*(?:条|篇|项|件)"
    r"|(?:总记录数|记录总数|总条数|信息总数|总数)\s*[:：]?\s*(\d+)"
    r"|Total\s*record\D{0,5}(\d+)", re.IGNORECASE)
_PAGES_TEXT = re.compile(r"共\s*(\d+)\s*页|\d+\s*/\s*(\d+)\s*页")
_PAGER_BOXES = ("[class*=page], [id*=page], [class*=Page], [id*=Page], [class*=fenye], [id*=fenye], "
                "[class*=pager], [class*=pagination]")
_MAX_PAGER_BOXES = 40
_MAX_PAGER_TEXT = 400

# ---- hidden (client-paged) items -------------------------------------------------------------

_HIDE_CLASSES = frozenset(("hide", "hidden", "none", "d-none", "dn", "hid", "is-hidden"))
_TOGGLE_ATTRS = ("ms-visible", "v-show", "ng-show", "x-show", "ms-if", "v-if")


@dataclass(slots=True)
class ScriptPager:
    """Pages, counts and family read from a page's scripts."""

    urls: list[str] = field(default_factory=list)
    page_count: int | None = None
    total_count: int | None = None
    family: str | None = None


def script_texts(tree: LexborHTMLParser | LexborNode) -> list[str]:
    """Every inline script's code, with whole-line ``//`` comments removed (``//createPageHTML(9, …)``)."""
    out = []
    for script in tree.css("script"):
        code = script.text() or ""
        if code.strip():
            out.append(_LINE_COMMENT.sub("", code))
    return out


def datastore_records(code: str) -> list[str]:
    """The HTML fragments of a Hanweb datastore's ``<record><![CDATA[…]]></record>`` entries."""
    return [m.group(1) for m in _RECORD.finditer(code)] if "<record" in code.lower() else []


def is_datastore_document(text: str) -> bool:
    """A dataproxy.jsp answer: an XML datastore document rather than an HTML page."""
    head = text[:300].lstrip().lower()
    return head.startswith("<datastore") or (head.startswith("<?xml") and "<datastore" in text[:2000].lower())


def _add(urls: list[str], url: str | None, base: str) -> None:
    if url and url != base and url not in urls:
        urls.append(url)


def _trs_pages(code: str, base: str, pager: ScriptPager) -> bool:
    m = _TRS_DIV_FIRST.search(code)
    if m:   # createPageHTML('page_div', N, i, 'list', 'shtml', total): 1-based, page k is list_k
        count, stem, ext = int(m.group(1)), m.group(3), m.group(4)
        pager.page_count = count
        if m.group(5):
            pager.total_count = int(m.group(5))
        for n in range(2, min(count, MAX_GENERATED_PAGES) + 1):
            _add(pager.urls, absolute_url(f"{stem}_{n}.{ext}", base), base)
        return True
    m = _TRS_CLASSIC.search(code)
    if m:   # createPageHTML(N, i, "index", "html"): 0-based, page k+1 is index_k
        count, stem, ext = int(m.group(1)), m.group(3), m.group(4)
    else:
        m = _COUNT_PAGE.search(code)
        if not m:
            return False
        count = int(m.group(1))
        stem_m = _DOC_WRITE_STEM.search(code)
        if stem_m:
            stem = stem_m.group(1)
            ext_m = _DOC_WRITE_EXT.search(code, stem_m.end(), stem_m.end() + 200)
            ext = ext_m.group(1) if ext_m else "html"
        elif "index" in code:
            stem, ext = "index", "html"
        else:
            return False
        if _ARTICLE_STEM.match(stem):
            return False
    pager.page_count = count
    for n in range(1, min(count, MAX_GENERATED_PAGES)):
        _add(pager.urls, absolute_url(f"{stem}_{n}.{ext}", base), base)
    return True


def _param_object(text: str) -> dict[str, str]:
    return {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _PARAM_PAIR.finditer(text)}


def _jpage_pages(code: str, base: str, record_count: int, pager: ScriptPager) -> bool:
    """Hanweb jpage: dataproxy.jsp pages from the nextgroup link or from the jpage call's parameters."""
    nextgroup = _NEXTGROUP.search(code)
    call = _JPAGE.search(code)
    if not nextgroup and not call and "<datastore" not in code.lower():
        return False
    window = code[call.start():call.start() + 3000] if call else code
    values = {key: int(m.group(1)) for key, regex in _JPAGE_KEY.items() if (m := regex.search(window))}
    total = values.get("totalRecord")
    if total is None and (m := _XML_TOTAL.search(code) or _SCRIPT_TOTAL.search(code)):
        total = int(m.group(1))
    per_page = values.get("perPage")
    group = (per_page * values.get("groupSize", _DEFAULT_GROUP)) if per_page else (record_count or None)
    pager.total_count = total
    pager.family = "hanweb"
    if total is not None and group:
        pager.page_count = max(1, math.ceil(total / group))
    if nextgroup:
        template = nextgroup.group(1).replace("&amp;", "&")
        if re.search(r"[?&]page=\d+", template):
            for n in range(1, min(pager.page_count or 1, MAX_GENERATED_PAGES) + 1):
                _add(pager.urls, absolute_url(re.sub(r"([?&]page=)\d+", rf"\g<1>{n}", template), base), base)
        else:
            _add(pager.urls, absolute_url(template, base), base)
        return True
    params: dict[str, str] = {}
    ajax = _AJAX_PARAM.search(window)
    if ajax and ajax.group(1).startswith("{"):
        params = _param_object(ajax.group(1))
    else:
        wanted = ajax.group(1) if ajax else None
        for m in _PARAM_VAR.finditer(code):
            if wanted is None or m.group(1) == wanted:
                params = _param_object(m.group(2))
                break
    proxy = (m.group(1) if (m := _PROXY_URL.search(window)) else None) or (_DEFAULT_PROXY if params else None)
    if not proxy or total is None or not group or not per_page:
        return True
    query = urlencode(params)
    for start in range(group + 1, min(total, group * MAX_GENERATED_PAGES) + 1, group):
        end = min(start + group - 1, total)
        sep = "&" if "?" in proxy else "?"
        url = f"{proxy}{sep}startrecord={start}&endrecord={end}&perpage={per_page}" + (f"&{query}" if query else "")
        _add(pager.urls, absolute_url(url, base), base)
    return True


def script_pager(codes: list[str], base: str, record_count: int = 0) -> ScriptPager:
    """Pages a TRS or Hanweb script would write or fetch, with the counts the scripts state."""
    pager = ScriptPager()
    joined = "\n".join(codes)
    if not joined:
        return pager
    if _jpage_pages(joined, base, record_count, pager):
        return pager
    for code in codes:
        if _trs_pages(code, base, pager):
            pager.family = "trs"
            break
    if pager.total_count is None and (m := _SCRIPT_TOTAL.search(joined)):
        pager.total_count = int(m.group(1))
    return pager


def datastore_pager(text: str, base: str) -> ScriptPager:
    """Counts and sibling pages of a dataproxy.jsp answer (``<totalrecord>``, ``<totalpage>``, ``page=k``)."""
    pager = ScriptPager(family="hanweb")
    if m := _XML_TOTAL.search(text):
        pager.total_count = int(m.group(1))
    if m := _XML_PAGES.search(text):
        pager.page_count = int(m.group(1))
    if pager.page_count and re.search(r"[?&]page=\d+", base):
        for n in range(1, min(pager.page_count, MAX_GENERATED_PAGES) + 1):
            _add(pager.urls, re.sub(r"([?&]page=)\d+", rf"\g<1>{n}", base), base)
    return pager


def pager_counts(tree: LexborHTMLParser) -> tuple[int | None, int | None]:
    """(total items, pages) as the visible pager states them: 共N条, 共有N条记录, Total record N, 共 7页137条."""
    total: int | None = None
    pages: int | None = None
    record = tree.css_first('a[title="Total record"]')
    if record is not None:
        digits = re.search(r"\d+", clean_text(record.text(deep=True)))
        total = int(digits.group(0)) if digits else None
    for n, box in enumerate(tree.css(_PAGER_BOXES)):
        if n >= _MAX_PAGER_BOXES or (total is not None and pages is not None):
            break
        if box.tag in ("html", "body"):
            continue
        text = clean_text(box.text(deep=True))
        if not text or len(text) > _MAX_PAGER_TEXT:
            continue
        if total is None and (m := _TOTAL_TEXT.search(text)):
            total = int(next(g for g in m.groups() if g is not None))
        if pages is None and (m := _PAGES_TEXT.search(text)):
            pages = int(next(g for g in m.groups() if g is not None))
    return total, pages


def fill_page_gaps(urls: list[str]) -> list[str]:
    """``index_2 … index_9`` when a pager shows 1 2 3 … 尾页(index_9): the pages between are the list's too."""
    groups: dict[tuple[str, str], set[int]] = {}
    for url in urls:
        m = re.match(r"^(.*[_/])(\d{1,4})(\.s?html?|/)$", url)
        if m:
            groups.setdefault((m.group(1), m.group(3)), set()).add(int(m.group(2)))
    out = list(urls)
    for (prefix, suffix), numbers in groups.items():
        low, high = min(numbers), max(numbers)
        if len(numbers) < 2 or high - low > MAX_GENERATED_PAGES:
            continue
        for n in range(low, high + 1):
            url = f"{prefix}{n}{suffix}"
            if url not in out:
                out.append(url)
    return out


class Hidden:
    """Whether a node sits in markup a reader cannot see until the client pages (memoised, one walk per node)."""

    def __init__(self) -> None:
        self._memo: dict[int, bool] = {}

    @staticmethod
    def _own(node: LexborNode) -> bool:
        attrs = node.attributes
        if not attrs:
            return False
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or "hidden" in attrs:
            return True
        classes = (attrs.get("class") or "").lower().split()
        return any(c in _HIDE_CLASSES for c in classes) or any(a in attrs for a in _TOGGLE_ATTRS)

    def __call__(self, node: LexborNode) -> bool:
        path: list[LexborNode] = []
        cur: LexborNode | None = node
        result = False
        while cur is not None and cur.tag not in ("body", "html", "-undef"):
            if cur.mem_id in self._memo:
                result = self._memo[cur.mem_id]
                break
            path.append(cur)
            cur = cur.parent
        for n in reversed(path):
            result = result or self._own(n)
            self._memo[n.mem_id] = result
        return result


_FAMILY_MARKS = (
    ("hanweb", re.compile(r"/module/web/jpage/|/art/(?:19|20)\d{2}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html|/col/col\d+/")),
    ("trs", re.compile(r"/(?:19|20)\d{4}/t(?:19|20)\d{6}_\d+\.s?html?")),
    ("dedecms", re.compile(r"/list_\d+_\d+\.html|/plus/list\.php\?tid=|/plus/view\.php\?aid=")),
)


def family_from_markup(tree: LexborHTMLParser, urls: list[str]) -> str | None:
    """The CMS family the list markup and its item URLs point to, or None."""
    if tree.css_first('a[title="Total record"]') is not None:
        return "empirecms"
    if tree.css_first("span.pageinfo") is not None:
        return "dedecms"
    if tree.css_first("a.page-num, span.page-status") is not None:
        return "pbootcms"
    for name, regex in _FAMILY_MARKS:
        if any(regex.search(u) for u in urls[:200]):
            return name
    return None
