"""List pages and list blocks → (title, url, date) items, pagination links, blank-column markers.

Works on the markup real CMSs print, not on one template: ``<li><a>…</a><span>date</span></li>``,
TRS/WCM tables (``<tr><td><a/></td>…<td>date</td></tr>``), ``dl/dt/dd``, ``div.list > div``,
and anchors followed by a bare date in the same container. An item's *row* is the highest
ancestor of its anchor (up to a few levels) that holds no other title anchor; the date is read
from the row text outside the title, then from the siblings after the anchor, then from the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

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

_ROW_TAGS = {"li", "tr", "dd", "dt", "dl", "p", "div", "td", "span", "h3", "h4", "h5", "article", "section"}
_MAX_ROW_LEVELS = 4
_MIN_TITLE = 4
_NOT_TITLES = re.compile(
    r"^(更多|more|查看更多|更多>+|>>|首页|上一页|下一页|上页|下页|尾页|末页|前一页|后一页|返回|打印|关闭|"
    r"\d+|\[\d+\]|[<>«»]+|登录|注册|English|无障碍|长者模式|网站地图|设为首页|加入收藏)$", re.IGNORECASE)
_MORE_RE = re.compile(r"^\s*(更多|more|查看更多|更多信息|更多内容)\s*[>》»+]*\s*$", re.IGNORECASE)
BLANK_MARKERS = re.compile(
    r"暂无(信息|数据|内容|记录|相关信息|相关内容|文章|资料)|没有(相关)?(信息|数据|内容|记录)|无相关(信息|内容|记录)|"
    r"(栏目|页面|内容)?(正在|尚在)(建设|完善|更新)中?|建设中|共\s*0\s*条|共有\s*0\s*条|记录数\s*[:：]?\s*0\b")
_PAGER_TEXT = re.compile(r"^(下一页|下页|后页|后一页|尾页|末页|>|>>|»|›|\d{1,4})$")
_PAGER_HREF = re.compile(r"(index|list|default)?_\d+\.s?html?$|[?&](page|pageno|pagenum|pageindex|p|cur(page)?|start)=\d+", re.IGNORECASE)
_CREATE_PAGE = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
_COUNT_PAGE = re.compile(r"(?:var\s+)?countPage\s*=\s*(\d+)")
_MAX_GENERATED_PAGES = 50
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

    def main_items(self) -> list[ListItem]:
        """Items without the sidebar blocks (热点文章, 最新发布…), unless the sidebars are all there is:
        a sidebar that shows today's news on every page must not make every column look fresh."""
        main = [i for n, i in enumerate(self.items) if n not in self.side_items]
        return main if any(i.date for i in main) else list(self.items)

    @property
    def newest(self) -> date | None:
        dates = [i.date for i in self.items if i.date is not None and not i.future_date]
        return max(dates) if dates else None


def _title_attr(anchor: LexborNode) -> str:
    """The title attribute without the "标题：…\r点击数：…" extras some CMSs pack into it."""
    raw = anchor.attributes.get("title") or ""
    first = re.split(r"[\r\n]", raw.strip(), maxsplit=1)[0]
    return clean_text(re.sub(r"^\s*(标题|题目)\s*[:：]", "", first))


def _title_of(anchor: LexborNode) -> str:
    text = clean_text(anchor.text(deep=True))
    title = _title_attr(anchor)
    if title and (not text or text.endswith(("...", "…", "..")) or len(title) > len(text) and title.startswith(text[:4])):
        # Some CMSs append the date to the title attribute ("…会议 06月01日").
        stripped = _TRAILING_DATE.sub("", title)
        return stripped if len(stripped) >= _MIN_TITLE else title
    return text


def _is_title_anchor(anchor: LexborNode) -> bool:
    text = _title_of(anchor)
    return len(text) >= _MIN_TITLE and not _NOT_TITLES.match(text)


def _title_counts(anchors: list[LexborNode]) -> dict[int, int]:
    """How many title anchors each close ancestor holds (one walk per anchor, no subtree queries)."""
    counts: dict[int, int] = {}
    for a in anchors:
        cur = a.parent
        for _ in range(_MAX_ROW_LEVELS + 1):
            if cur is None:
                break
            counts[cur.mem_id] = counts.get(cur.mem_id, 0) + 1
            cur = cur.parent
    return counts


def _row_of(anchor: LexborNode, counts: dict[int, int]) -> LexborNode:
    """The highest close ancestor that contains no other title anchor."""
    row = anchor
    cur = anchor.parent
    for _ in range(_MAX_ROW_LEVELS):
        if cur is None or cur.tag not in _ROW_TAGS or counts.get(cur.mem_id, 0) > 1:
            break
        row = cur
        if cur.tag in ("li", "tr", "dl"):
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
    anchors = [a for a in root.css("a[href]")
               if not _skip_region(regions.region(a), include_nav) and _is_title_anchor(a)]
    counts = _title_counts(anchors)
    table_cache: dict[int, int | None] = {}
    for anchor in anchors:
        url = absolute_url(anchor.attributes.get("href"), base)
        if url is None:
            continue
        title = _title_of(anchor)
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
            stripped = clean_text(title.replace(found.text, " ")).strip("[]()【】 ")
            title = stripped if len(stripped) >= _MIN_TITLE else title
        item = ListItem(title=title, url=url, date=found.date if found else None,
                        date_text=found.text if found else "",
                        future_date=bool(found and found.future))
        if found and found.future:
            result.future_items += 1
        if _in_sidebar(row, regions):
            result.side_items.add(len(result.items))
        result.items.append(item)
    result.pagination, result.page_count = pagination(tree, base)
    if not [i for i in result.items if i.date]:
        text = clean_text(root.text(deep=True))
        m = BLANK_MARKERS.search(text)
        result.blank_marker = m.group(0) if m else None
    return result


def dated_items(page: ListPage) -> list[ListItem]:
    return [i for i in page.items if i.date is not None]


def pagination(tree: LexborHTMLParser, base: str) -> tuple[list[str], int | None]:
    """Other pages of this list: pager links plus pages a TRS ``createPageHTML`` script would write."""
    urls: list[str] = []
    page_count: int | None = None
    for a in tree.css("a[href]"):
        text = clean_text(a.text(deep=True))
        href = a.attributes.get("href") or ""
        if _PAGER_TEXT.match(text) and (not text.isdigit() or _PAGER_HREF.search(href)):
            url = absolute_url(href, base)
            if url and url != base and url not in urls:
                urls.append(url)
    for script in tree.css("script"):
        code = script.text() or ""
        if not code:
            continue
        m = _CREATE_PAGE.search(code)
        if m:
            page_count = int(m.group(1))
            stem, ext = m.group(3), m.group(4)
        else:
            m = _COUNT_PAGE.search(code)
            if not m or "index" not in code:
                continue
            page_count, stem, ext = int(m.group(1)), "index", "html"
        for n in range(1, min(page_count, _MAX_GENERATED_PAGES)):
            url = absolute_url(f"{stem}_{n}.{ext}", base)
            if url and url not in urls:
                urls.append(url)
    return urls, page_count


def extract_list(html: str, page_url: str, as_of: date | None) -> ListPage:
    if not html:
        return ListPage()
    return extract_list_from_tree(LexborHTMLParser(html), page_url, as_of)


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
