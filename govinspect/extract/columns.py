"""Column (栏目) references from one page: navigation menus (with sub-menus), breadcrumbs and
网站地图 pages, each with its location path as the notices print it (首页>信息公开>政策文件).

understand_site.py merges the references of all pages into the column tree. Nesting is read
from the markup: ``li`` inside ``li`` (menus and most sitemaps), or heading + list blocks
(``h3``/``dt``/``strong`` followed by links) in sitemaps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.links import absolute_url, base_dependence, base_href, clean_text, hrefs_in
from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import TEXT_ID
from govinspect.extract.template_memo import TemplateMemo
from govinspect.model.fast_pickle import fast_pickle

HOME_NAMES = re.compile(r"^(首页|网站首页|返回首页|主页|HOME|Home|home|首\s*页)$")
_NOT_COLUMNS = re.compile(
    r"^(网站地图|联系我们|网站声明|关于我们|设为首页|加入收藏|English|无障碍|长者模式|适老化|繁体|简体|繁體|登录|注册|"
    r"手机版|移动版|English Version|RSS|更多|more|正文|详情|内容|打印|关闭|返回顶部|\d+|上一页|下一页|尾页|末页|"
    r"搜索|高级搜索|全文检索|站内搜索|隐私声明|版权声明|使用帮助|网站纠错|我为政府网站找错|退出|.*微信.*|.*微博.*|"
    r"EN|ENG|无障碍.*|长者.*|关爱版|适老版|智能问答|智能客服|详情页|详细内容|内容页|文章详情|正文内容|"
    r"用户注册|用户登录|忘记密码|个人中心|会员登录|搜索结果)$", re.IGNORECASE)
_NAV_SELECTOR = ("nav, [class*='nav'], [id*='nav'], [class*='menu'], [id*='menu'], [class*='daohang'], "
                 "[class*='lanmu'], [id*='lanmu']")
_CRUMB_SELECTOR = ("[class*='crumb'], [id*='crumb'], [class*='position'], [id*='position'], [class*='location'], "
                   "[id*='location'], [class*='weizhi'], [class*='dqwz'], [id*='dqwz'], [class*='curpos'], "
                   "[class*='current-path'], [class*='mbx'], [class*='lujing'], [class*='path']")
_CRUMB_MARKER = re.compile(r"(当前位置|您的位置|您现在的位置|您所在的位置|所在位置|现在位置|当前的位置)\s*[:：]?")
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|>|＞|›|»|→|->|/|\\|-&gt;|》)\s*")
_MAX_NAME = 24


@fast_pickle
@dataclass(frozen=True, slots=True)
class ColumnRef:
    name: str
    url: str | None
    path: tuple[str, ...]            # ("首页", …, name)
    source: str                      # nav | breadcrumb | sitemap | block
    parent_url: str | None = None


@lru_cache(maxsize=16_384)
def site_key(url: str) -> str:
    """Registrable part of a host (x.gov.cn → last three labels), host:port for IPs/loopback."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or re.fullmatch(r"[\d.]+", host) or host == "localhost" or "." not in host:
        return parts.netloc.lower()
    labels = host.split(".")
    keep = 3 if host.endswith((".gov.cn", ".com.cn", ".org.cn", ".edu.cn")) else 2
    return ".".join(labels[-keep:])


def same_site(url: str, home_url: str) -> bool:
    return site_key(url) == site_key(home_url)


_SCHEME = re.compile(r"^https?://")
_INDEX_FILE = re.compile(r"/(index|default|list|main)(_\d+)?\.(s?html?|jsp|php|aspx?)$")


@lru_cache(maxsize=8_192)      # menus repeat the same URLs on every page
def canonical_column_url(url: str) -> str:
    """Column URLs compared without index file, trailing slash, fragment or scheme differences."""
    u = _SCHEME.sub("", url.split("#", 1)[0]).lower()
    u = _INDEX_FILE.sub("/", u)
    return u.rstrip("/")


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def column_name(text: str | None) -> str:
    """A menu label as the notices print it: "要 闻" → "要闻" (letter-spacing by blanks)."""
    return _CJK_GAP.sub("", clean_text(text))


_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z &'/-]+$")
_MAX_ASCII_NAME = 40         # "Government affairs public": English versions' column names are longer


def is_column_name(name: str) -> bool:
    longest = _MAX_ASCII_NAME if _ASCII_NAME.match(name) else _MAX_NAME
    return 2 <= len(name) <= longest and not HOME_NAMES.match(name) and not _NOT_COLUMNS.match(name)


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    ids = {n.mem_id for n in nodes}
    out = []
    for n in nodes:
        p = n.parent
        while p is not None and p.mem_id not in ids:
            p = p.parent
        if p is None:
            out.append(n)
    return out


def _li_ancestors(anchor: LexborNode, stop: LexborNode) -> list[LexborNode]:
    out = []
    p = anchor.parent
    while p is not None and p.mem_id != stop.mem_id:
        if p.tag in ("li", "dd", "dl") and p.tag != "dd":
            out.append(p)
        p = p.parent
    return out


def _label_anchor(li: LexborNode) -> LexborNode | None:
    """The node naming a menu entry: its first link, else its first non-list child (<span>政务公开</span>)."""
    child = li.child
    while child is not None:
        if child.tag in ("ul", "ol", "dl", "div") and child.css_first("a[href]") is not None:
            break
        if child.tag not in ("-text", "-comment") and clean_text(child.text(deep=True)):
            return child.css_first("a[href]") or child
        child = child.next
    return li.css_first("a[href]")


_MENUS_SEEN: TemplateMemo[tuple[ColumnRef, ...]] = TemplateMemo(256)


def nested_list_columns(container: LexborNode, base: str, home_url: str, source: str,
                        prefix: tuple[str, ...] = ("首页",)) -> list[ColumnRef]:
    """Columns of a menu or sitemap whose nesting is ``li`` inside ``li`` (or dl/dt/dd).

    A site prints the same menu on every page: the columns of markup already read (with the same base,
    as far as its links depend on it) are reused."""
    html = container.html or ""
    key = (html, base_dependence(base, hrefs_in(html)), home_url, source, prefix)
    return list(_MENUS_SEEN.get(key, lambda: tuple(_read_nested_lists(container, base, home_url, source, prefix))))


def _read_nested_lists(container: LexborNode, base: str, home_url: str, source: str,
                       prefix: tuple[str, ...]) -> list[ColumnRef]:
    refs: list[ColumnRef] = []
    for a in container.css("a[href]"):
        name = column_name(a.text(deep=True)) or column_name(a.attributes.get("title"))
        url = absolute_url(a.attributes.get("href"), base)
        if not url or not is_column_name(name) or not same_site(url, home_url):
            continue
        lis = _li_ancestors(a, container)
        chain: list[tuple[str, str | None]] = []
        for li in lis:
            label = _label_anchor(li) if li.tag == "li" else li.css_first("dt a[href], dt")
            if label is None or label.mem_id == a.mem_id:
                continue
            label_name = column_name(label.text(deep=True))
            if not label_name or HOME_NAMES.match(label_name):
                continue
            label_url = absolute_url(label.attributes.get("href"), base) if label.tag == "a" else None
            chain.append((label_name, label_url))
        chain.reverse()
        path = prefix + tuple(n for n, _ in chain) + (name,)
        parent_url = chain[-1][1] if chain else None
        refs.append(ColumnRef(name, url, path, source, parent_url))
    return refs


def nav_columns(tree: LexborHTMLParser, page_url: str, home_url: str,
                regions: PageRegions | None = None) -> list[ColumnRef]:
    """Columns of the main menus (nav region), with sub-menus as level-2 columns."""
    regions = regions or PageRegions()
    base = base_href(tree, page_url)
    candidates = [n for n in tree.css(_NAV_SELECTOR)
                  if n.tag not in ("a", "li", "span", "img", "html", "body")
                  and regions.region(n) != "footer" and len(n.css("a[href]")) >= 3]
    refs: list[ColumnRef] = []
    seen: set[str] = set()
    for container in outermost(candidates):
        for ref in nested_list_columns(container, base, home_url, "nav"):
            key = canonical_column_url(ref.url or "")
            if key not in seen:
                seen.add(key)
                refs.append(ref)
    return refs


def breadcrumb(tree: LexborHTMLParser, page_url: str) -> list[tuple[str, str | None]] | None:
    """The breadcrumb trail after 首页: [(name, url or None for an unlinked last segment)]."""
    base = base_href(tree, page_url)
    node = _crumb_node(tree)
    if node is None:
        return None
    text = clean_text(node.text(deep=True))
    text = _CRUMB_MARKER.split(text)[-1] if _CRUMB_MARKER.search(text) else text
    anchors = {}
    for a in node.css("a[href]"):
        name = column_name(a.text(deep=True))
        if name and name not in anchors:
            anchors[name] = absolute_url(a.attributes.get("href"), base)
    segments = [column_name(s).strip(" :：") for s in _CRUMB_SEPARATORS.split(text) if s and s.strip(" :：")]
    if len(segments) < 2 and len(anchors) >= 2:
        segments = list(anchors)
    trail: list[tuple[str, str | None]] = []
    for seg in segments:
        if HOME_NAMES.match(seg) or (not trail and seg.endswith(("首页", "门户网站", "人民政府"))):
            continue
        if len(seg) > _MAX_NAME or _NOT_COLUMNS.match(seg) or seg in ("浏览文章", "文章"):
            continue
        trail.append((seg, anchors.get(seg)))
    return trail or None


def _crumb_node(tree: LexborHTMLParser) -> LexborNode | None:
    for node in tree.css(_CRUMB_SELECTOR):
        if node.tag in ("html", "body", "script", "style", "link", "meta"):
            continue
        text = clean_text(node.text(deep=True))
        if node.css_first("a[href]") is not None and len(text) < 120 and (
                _CRUMB_MARKER.search(text) or _CRUMB_SEPARATORS.search(text)):
            return node
    # TRS templates mark each breadcrumb link with class CurrChnlCls.
    current = tree.css_first("a.CurrChnlCls")
    if current is not None and current.parent is not None and len(current.parent.css("a.CurrChnlCls")) >= 2:
        return current.parent
    # No class to go by: the element around a "当前位置：" text node (one pass over text nodes).
    root = tree.body or tree.root
    if root is None:
        return None
    for n in root.traverse(include_text=True):
        if n.tag_id != TEXT_ID or not _CRUMB_MARKER.search(n.text_content or ""):
            continue
        p = n.parent
        for _ in range(3):
            if p is None:
                break
            if p.css_first("a[href]") is not None:
                return p if len(clean_text(p.text(deep=True))) < 160 else None
            p = p.parent
    return _home_led_trail(root)


def _home_led_trail(root: LexborNode) -> LexborNode | None:
    """No marker, no telling class: a short element that starts with a 首页 link followed by a
    separator and more links (首页 » 政务公开 » 政策文件) is a breadcrumb."""
    for a in root.css("a[href]"):
        if not HOME_NAMES.match(clean_text(a.text(deep=True))):
            continue
        p = a.parent
        for _ in range(2):
            if p is None or p.tag in ("body", "html", "ul", "ol"):
                break
            text = clean_text(p.text(deep=True))
            if len(p.css("a[href]")) >= 2 and len(text) < 120 and HOME_NAMES.match(
                    _CRUMB_SEPARATORS.split(text, maxsplit=1)[0].strip()) and _CRUMB_SEPARATORS.search(text):
                return p
            p = p.parent
    return None


Trail = list[tuple[str, str | None]]


def breadcrumb_columns(tree: LexborHTMLParser, page_url: str, home_url: str,
                       page_is_list: bool) -> list[ColumnRef]:
    return trail_columns(breadcrumb(tree, page_url), page_url, home_url, page_is_list)


def trail_columns(trail: Trail | None, page_url: str, home_url: str, page_is_list: bool) -> list[ColumnRef]:
    """Each linked prefix of the breadcrumb is a column; an unlinked last segment is this page
    when the page is a list page (an article's unlinked tail is its title or 正文)."""
    if not trail:
        return []
    refs: list[ColumnRef] = []
    path: tuple[str, ...] = ("首页",)
    parent_url: str | None = None
    for i, (name, url) in enumerate(trail):
        last = i == len(trail) - 1
        if url is None:
            if not (last and page_is_list):
                path += (name,)
                continue
            url = page_url
        if not same_site(url, home_url) or _NOT_COLUMNS.match(name):
            break
        if last and not page_is_list and canonical_column_url(url) == canonical_column_url(page_url):
            break         # a page naming itself (联系我们, 登录…) is a column only if it lists things
        path += (name,)
        refs.append(ColumnRef(name, url, path, "breadcrumb", parent_url))
        parent_url = url
    return refs


def breadcrumb_place(tree: LexborHTMLParser, page_url: str, page_title: str) -> tuple[str, ...]:
    return trail_place(breadcrumb(tree, page_url), page_title)


def trail_place(trail: Trail | None, page_title: str) -> tuple[str, ...]:
    """Where a detail page sits, as its breadcrumb prints it: every segment, linked or not, except a
    last one that is the page's own title (首页>政府信息公开>政府机构 for an 机构 page whose last
    segment is plain text)."""
    if not trail:
        return ()
    names = [name for name, _ in trail]
    title = column_name(page_title)
    if title and (title.startswith(names[-1]) or names[-1].startswith(title[:8])):
        names = names[:-1]
    return ("首页", *names)
