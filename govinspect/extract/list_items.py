"""List pages and list blocks → (title, url, date) items, pagination links, blank-column markers.

Works on the markup real CMSs print, not on one template: ``<li><a>…</a><span>date</span></li>``,
TRS/WCM tables (``<tr><td><a/></td>…<td>date</td></tr>``), ``dl/dt/dd``, ``div.list > div``,
and anchors followed by a bare date in the same container. An item's *row* is the highest
ancestor of its anchor (up to a few levels) that holds no other title anchor; the date is read
from the row text outside the title, then from the siblings after the anchor, then from the title.

CMS families (``cms_lists``): Hanweb datastore records inside ``<script type="text/xml">`` are items
too (and a dataproxy.jsp answer parses as a list); TRS/Hanweb script pagers give the other pages;
the pager's stated total (共N条, Total record N) is ``total_count``; items of client-paged lists
hidden until paged are read like the others and counted in ``hidden_items``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.cms_lists import (
    Hidden,
    datastore_pager,
    datastore_records,
    family_from_markup,
    fill_page_gaps,
    is_datastore_document,
    pager_counts,
    script_pager,
    script_texts,
)
from govinspect.extract.dates import (
    FoundDate,
    date_from_url,
    find_dates,
    label_of,
    label_rank,
    parse_date,
    publication_date,
)
from govinspect.extract.links import absolute_url, base_href, clean_text
from govinspect.extract.page_regions import PageRegions
from govinspect.model.artifacts import ListItem

_ROW_TAGS = {"li", "tr", "dd", "dt", "dl", "p", "div", "td", "span", "h3", "h4", "h5", "article", "section", "record"}
_MAX_ROW_LEVELS = 4
_MIN_TITLE = 4
_NOT_TITLES = re.compile(
    r"^(更多|more|查看更多|更多>+|>>|首页|上一页|下一页|上页|下页|尾页|末页|前一页|后一页|返回|打印|关闭|"
    r"\d+|\[\d+\]|[<>«»]+|登录|注册|English|无障碍|长者模式|网站地图|设为首页|加入收藏)$", re.IGNORECASE)
_MORE_RE = re.compile(r"^\s*(更多|more|查看更多|更多信息|更多内容)\s*[>》»+]*\s*$", re.IGNORECASE)
# every alternative starts with a plain character (``(栏目|页面|内容)?`` spelt out, ``\b`` as a look-behind after
# the first letter): re then skips to where one of those characters is instead of trying every position —
# ~5x faster on a page's text, and the same matches
BLANK_MARKERS = re.compile(
    r"暂无(?:信息|数据|内容|记录|相关信息|相关内容|文章|资料)|没有(?:相关)?(?:信息|数据|内容|记录)|无相关(?:信息|内容|记录)|"
    r"栏目(?:正在|尚在)(?:建设|完善|更新)中?|页面(?:正在|尚在)(?:建设|完善|更新)中?|内容(?:正在|尚在)(?:建设|完善|更新)中?|"
    r"(?:正在|尚在)(?:建设|完善|更新)中?|建设中|共\s*0\s*条|共有\s*0\s*条|记录数\s*[:：]?\s*0\b|"
    r"T(?<!\wT)otal\s*[:：]?\s*0(?![.,]?\d)|N(?<!\wN)o\s+(?:records?|data|information|items?)\s+(?:found|available)\b")
_PAGER_TEXT = re.compile(r"^(下一页|下页|后页|后一页|尾页|末页|>|>>|»|›|\d{1,4})$")
_PAGER_HREF = re.compile(r"(index|list|default)?_\d+\.s?html?$|[?&](page|pageno|pagenum|pageindex|p|cur(page)?|start)=\d+"
                         r"|/page/\d+(?:\.s?html?)?/?$|\?[\w-]+_\d+/?$", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"[\[(（【]\s*[\])）】]")
_PINNED = re.compile(r"^\s*(?:[\[【(（]\s*置顶\s*[\]】)）]|置顶[:：]?)\s*")
_TRAILING_DATE = re.compile(r"\s*[\[(（【]?\s*(?:(?:19|20)\d{2}\s*[-/.年])?\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*[\])）】]?$")


@dataclass(slots=True)
class ListPage:
    """What one list page (or list block) shows."""

    items: list[ListItem] = field(default_factory=list)
    pagination: list[str] = field(default_factory=list)   # other pages of the same list
    page_count: int | None = None                          # when the pager says how many
    blank_marker: str | None = None                        # e.g. "暂无信息"
    future_items: int = 0
    side_items: set[int] = field(default_factory=set)      # indexes of items in sidebars (热点/推荐/相关)
    total_count: int | None = None                         # items the pager states (共N条, Total record N, totalRecord)
    hidden_items: int = 0                                  # items hidden until the client pages (display:none, hide,
                                                           # ms-visible): still the column's items, read like the others
    family: str | None = None                              # trs | hanweb | empirecms | dedecms | pbootcms | None
    script_items: int = 0                                  # items read from script datastores (Hanweb records)

    def main_items(self) -> list[ListItem]:
        """Items without the sidebar blocks (热点文章, 最新发布…), unless the sidebars are all there is:
        a sidebar that shows today's news on every page must not make every column look fresh."""
        main = [i for n, i in enumerate(self.items) if n not in self.side_items]
        return main if any(i.date for i in main) else list(self.items)

    @property
    def newest(self) -> date | None:
        dates = [i.date for i in self.items if i.date is not None and not i.future_date]
        return max(dates) if dates else None


_LINE_BREAK = re.compile(r"[\r\n]")
_TITLE_LABEL = re.compile(r"^\s*(标题|题目)\s*[:：]")


def _title_attr(anchor: LexborNode) -> str:
    """The title attribute without the "标题：…\r点击数：…" extras some CMSs pack into it."""
    raw = anchor.attributes.get("title")
    if not raw:
        return ""
    first = _LINE_BREAK.split(raw.strip(), maxsplit=1)[0]
    return clean_text(_TITLE_LABEL.sub("", first))


def _title_of(anchor: LexborNode) -> str:
    text = clean_text(anchor.text(deep=True))
    title = _title_attr(anchor)
    if title and (not text or text.endswith(("...", "…", "..")) or len(title) > len(text) and title.startswith(text[:4])):
        # Some CMSs append the date to the title attribute ("…会议 06月01日").
        stripped = _TRAILING_DATE.sub("", title)
        return stripped if len(stripped) >= _MIN_TITLE else title
    return text


def _is_title(text: str) -> bool:
    return len(text) >= _MIN_TITLE and not _NOT_TITLES.match(text)


def ancestor_counts(nodes: list[LexborNode], levels: int, include_self: bool = False) -> dict[int, int]:
    """How many of ``nodes`` each close ancestor (up to ``levels`` up) holds: one bounded climb per node,
    no subtree queries, so a page costs O(nodes × levels)."""
    counts: dict[int, int] = {}
    for node in nodes:
        cur = node if include_self else node.parent
        for _ in range(levels + 1):
            if cur is None:
                break
            counts[cur.mem_id] = counts.get(cur.mem_id, 0) + 1
            cur = cur.parent
    return counts


def _title_counts(anchors: list[LexborNode]) -> dict[int, int]:
    """How many title anchors each close ancestor holds."""
    return ancestor_counts(anchors, _MAX_ROW_LEVELS)


def _row_of(anchor: LexborNode, counts: dict[int, int]) -> LexborNode:
    """The highest close ancestor that contains no other title anchor."""
    row = anchor
    cur = anchor.parent
    for _ in range(_MAX_ROW_LEVELS):
        if cur is None or cur.tag not in _ROW_TAGS or counts.get(cur.mem_id, 0) > 1:
            break
        row = cur
        if cur.tag in ("li", "tr", "dl", "record"):
            break
        cur = cur.parent
    return row


def _date_after(node: LexborNode, as_of: date | None) -> FoundDate | None:
    """A date in the siblings right after ``node`` (before the next link)."""
    sib = node.next
    for _ in range(4):
        if sib is None:
            return None
        if sib.tag not in ("-text", "#text") and sib.css_first("a[href]") is not None:
            return None
        text = sib.text(deep=True) if sib.tag not in ("-text", "#text") else (sib.text_content or "")
        if text and text.strip():
            found = parse_date(text, as_of)
            if found:
                return found
        sib = sib.next
    return None


def _table_date_column(row: LexborNode, cache: dict[int, int | None]) -> int | None:
    """Index of the best publication-date column of the row's table (发布日期 over 成文日期), from its header."""
    table = row.parent
    while table is not None and table.tag != "table":
        table = table.parent
    if table is None:
        return None
    if table.mem_id in cache:
        return cache[table.mem_id]
    best: tuple[int, int] | None = None
    for tr in table.css("tr")[:3]:
        cells = tr.css("th, td")
        if not tr.css_first("th") and tr.css_first("a[href]") is not None:
            continue
        for i, cell in enumerate(cells):
            label = label_of(clean_text(cell.text(deep=True)))
            rank = label_rank(label) if label else 99
            if rank < 99 and (best is None or rank < best[0]):
                best = (rank, i)
        if best:
            break
    cache[table.mem_id] = best[1] if best else None
    return cache[table.mem_id]


def _row_date(row: LexborNode, anchor: LexborNode, title: str, as_of: date | None,
              table_cache: dict[int, int | None] | None = None) -> FoundDate | None:
    if row.tag == "tr" and table_cache is not None:
        column = _table_date_column(row, table_cache)
        cells = row.css("td, th")
        if column is not None and column < len(cells):
            found = parse_date(clean_text(cells[column].text(deep=True)), as_of)
            if found:
                return found
    row_text = clean_text(row.text(deep=True)) if row is not anchor else ""
    anchor_text = clean_text(anchor.text(deep=True))
    rest = row_text.replace(anchor_text, " ", 1) if anchor_text else row_text
    if _ROW_LABEL.search(rest):
        # "成文日期：… 发布日期：…" in one row: the labels decide, not the order.
        found = publication_date(rest, as_of)
        if found and found.label:
            return found
    if rest.strip():
        # Prefer a dedicated date element (span/td/em/dd) so that a date inside the title is not taken.
        for node in row.css("span, td, em, i, dd, font, p, div, b, small, time"):
            if node.css_first("a[href]") is not None or node.mem_id == row.mem_id:
                continue
            text = clean_text(node.text(deep=True))
            if 4 <= len(text) <= 40:
                found = parse_date(text, as_of)
                if found:
                    return found
        dates = find_dates(rest, as_of, month_day=True)
        if dates:
            return dates[0]
    found = _date_after(anchor if row is anchor else row, as_of)
    if found:
        return found
    dates = find_dates(anchor_text, as_of)
    return dates[-1] if dates else None


_ROW_LABEL = re.compile(r"成文|发文|发布|公开日期|印发")
_SIDEBAR = re.compile(r"side|aside|hot|rank|tuijian|remen|related|xgwz|xgxx|xgxw|zxfb|zuixin|latest|recommend|"
                      r"paihang|rdxw|rdtj|rmwz|tjyd", re.IGNORECASE)


def _in_sidebar(row: LexborNode, regions: PageRegions) -> bool:
    """The row sits in an element whose id/class names a sidebar block (side, hot, 相关/热点/最新 lists)."""
    cur = row.parent
    for _ in range(8):
        if cur is None or cur.tag in ("body", "html"):
            return False
        attrs = cur.attributes
        marker = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
        if marker.strip() and _SIDEBAR.search(marker):
            return True
        cur = cur.parent
    return False


def _skip_region(region: str, include_nav: bool) -> bool:
    return region == "footer" or (region == "nav" and not include_nav)


def _collect_items(root: LexborNode, base: str, as_of: date | None, regions: PageRegions, include_nav: bool,
                   result: ListPage, hidden: Hidden | None, seen: set[str], skip_seen: bool = False) -> None:
    """Append the items of the lists under ``root`` to ``result`` and their URLs to ``seen``
    (with ``skip_seen``, URLs already there are left out: a datastore record also printed in the DOM)."""
    anchors, titles = [], []
    for a in root.css("a[href]"):
        if not _skip_region(regions.region(a), include_nav) and _is_title(title := _title_of(a)):
            anchors.append(a)
            titles.append(title)
    counts = _title_counts(anchors)
    table_cache: dict[int, int | None] = {}
    for anchor, title in zip(anchors, titles):
        url = absolute_url(anchor.attributes.get("href"), base)
        if url is None and (anchor.attributes.get("href") or "").strip().lower().startswith("javascript"):
            # An item whose article link was disabled (href="javascript:;") is still on the list with
            # its date: it counts for the column, under a URL that names no other page.
            url = f"{base.split('#', 1)[0]}#item-{len(result.items) + 1}"
        if url is None or (skip_seen and url in seen):
            continue
        row = _row_of(anchor, counts)
        found = _row_date(row, anchor, title, as_of, table_cache)
        if found and found.year_inferred:
            # "[06-01]" beside a URL that carries /2024/6/1/: the URL knows the year.
            url_date = date_from_url(url)
            if url_date and (url_date.month, url_date.day) == (found.date.month, found.date.day):
                found = replace(found, date=url_date, year_inferred=False,
                                future=bool(as_of and url_date > as_of))
        if found and found.text and found.text in title:
            # The date printed inside the link (<a><span>title</span><span>date</span></a>).
            stripped = clean_text(_EMPTY_BRACKETS.sub(" ", title.replace(found.text, " ")))
            title = stripped if len(stripped) >= _MIN_TITLE else title
        title = _PINNED.sub("", title) if _PINNED.match(title) and len(_PINNED.sub("", title)) >= _MIN_TITLE else title
        item = ListItem(title, url, found.date if found else None, found.text if found else "",   # title, url,
                        bool(found and found.future))                                      # date, its text, future
        if found and found.future:
            result.future_items += 1
        if _in_sidebar(row, regions):
            result.side_items.add(len(result.items))
        if hidden is not None and hidden(anchor):
            result.hidden_items += 1
        seen.add(url)
        result.items.append(item)


def _records_tree(fragments: list[str]) -> LexborHTMLParser:
    return LexborHTMLParser("<html><body><ul>" + "".join(fragments) + "</ul></body></html>")


def _add_records(fragments: list[str], base: str, as_of: date | None, result: ListPage, seen: set[str]) -> None:
    """Items of Hanweb datastore records (HTML fragments that are not DOM elements of the page)."""
    if not fragments:
        return
    sub = _records_tree(fragments)
    before = len(result.items)
    if sub.body is not None:
        _collect_items(sub.body, base, as_of, PageRegions(), True, result, None, seen, skip_seen=True)
    result.script_items += len(result.items) - before


def extract_list_from_tree(tree: LexborHTMLParser, page_url: str, as_of: date | None,
                           scope: LexborNode | None = None, include_nav: bool = False,
                           regions: PageRegions | None = None) -> ListPage:
    """Items of the lists in ``scope`` (default: the whole body), with pagination and blank markers."""
    base = base_href(tree, page_url)
    root = scope or tree.body or tree.root
    regions = regions or PageRegions()
    result = ListPage()
    if root is None:
        return result
    seen: set[str] = set()
    _collect_items(root, base, as_of, regions, include_nav, result, Hidden(), seen)
    fragments = [f for code in script_texts(root) for f in datastore_records(code)]
    _add_records(fragments, base, as_of, result, seen)
    datastore = root.css_first("datastore")
    if datastore is not None:
        # A dataproxy.jsp answer parsed as HTML: its records are <record> rows, its counts elements.
        pager = datastore_pager(datastore.html or "", base)
        result.pagination, result.page_count = pager.urls, pager.page_count
        result.total_count, result.family = pager.total_count, pager.family
    else:
        _read_pager(tree, base, len(fragments), result)
    if not [i for i in result.items if i.date]:
        raw = root.text(deep=True)
        # folding whitespace can neither make nor break a match (str.split and \s agree): the raw text is
        # searched first, the folded one only for the marker's exact text
        m = BLANK_MARKERS.search(clean_text(raw)) if raw and BLANK_MARKERS.search(raw) else None
        result.blank_marker = m.group(0) if m else None
    return result


def _read_pager(tree: LexborHTMLParser, base: str, record_count: int, result: ListPage) -> None:
    urls = _pager_links(tree, base)
    scripted = script_pager(script_texts(tree), base, record_count)
    for url in scripted.urls:
        if url not in urls:
            urls.append(url)
    total, pages = pager_counts(tree)
    result.pagination = fill_page_gaps(urls)
    result.page_count = scripted.page_count or pages
    result.total_count = total if total is not None else scripted.total_count
    result.family = scripted.family or family_from_markup(tree, [i.url for i in result.items])


def dated_items(page: ListPage) -> list[ListItem]:
    return [i for i in page.items if i.date is not None]


def _pager_links(tree: LexborHTMLParser, base: str) -> list[str]:
    urls: list[str] = []
    for a in tree.css("a[href]"):
        text = clean_text(a.text(deep=True))
        if not _PAGER_TEXT.match(text):
            continue            # most anchors: their attributes are not read
        href = a.attributes.get("href") or ""
        if not text.isdigit() or _PAGER_HREF.search(href):
            url = absolute_url(href, base)
            if url and url != base and url not in urls:
                urls.append(url)
    return urls


def pagination(tree: LexborHTMLParser, base: str) -> tuple[list[str], int | None]:
    """Other pages of this list: pager links plus pages a TRS/Hanweb script would write or fetch."""
    result = ListPage()
    _read_pager(tree, base, 0, result)
    return result.pagination, result.page_count


def extract_list(html: str, page_url: str, as_of: date | None) -> ListPage:
    """A list page's HTML, or a Hanweb dataproxy.jsp answer (an XML datastore document)."""
    if not html:
        return ListPage()
    if is_datastore_document(html):
        return extract_datastore(html, page_url, as_of)
    return extract_list_from_tree(LexborHTMLParser(html), page_url, as_of)


def extract_datastore(text: str, page_url: str, as_of: date | None) -> ListPage:
    """Items, counts and sibling pages of a Hanweb ``/module/web/jpage/dataproxy.jsp`` answer."""
    result = ListPage()
    _add_records(datastore_records(text), page_url, as_of, result, set())
    pager = datastore_pager(text, page_url)
    result.pagination, result.page_count = pager.urls, pager.page_count
    result.total_count, result.family = pager.total_count, pager.family
    if not result.items and result.total_count == 0:
        result.blank_marker = "共0条"
    return result


def more_links(tree: LexborHTMLParser, base: str) -> list[tuple[str, LexborNode]]:
    """``更多>>`` links (a homepage block's column list page) with their anchors."""
    out: list[tuple[str, LexborNode]] = []
    for a in tree.css("a[href]"):
        text = clean_text(a.text(deep=True)) or clean_text(a.attributes.get("title"))
        if _MORE_RE.match(text) or (not text and "more" in (a.attributes.get("class") or "").lower()):
            url = absolute_url(a.attributes.get("href"), base)
            if url:
                out.append((url, a))
    return out
