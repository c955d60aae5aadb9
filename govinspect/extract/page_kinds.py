"""What a crawled page is — list, article, content, landing, board, guide, form, search, soft 404,
login — with the evidence, so that checks judge a column by what its page really shows.

Decided from the page's own structure, in order of how unambiguous the signal is: an explicit
"页面不存在" head, a password field, a search-results page, message records, a dated item list
(or an explicit "暂无信息" list), 办事指南 element labels, an article's publication label or meta,
then a body of text (content) or a body of links to sub-columns (landing). A page none of these fits
is ``other`` and not confident: it is not understood, which is never evidence of a defect.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.links import clean_text
from govinspect.extract.list_items import ListPage
from govinspect.model.artifacts import PageKind
from govinspect.model.fast_pickle import fast_pickle

SOFT_404 = re.compile(r"\b404\b|页面不存在|页面未找到|找不到(该|您要访问的)?页面|页面已删除|页面已过期|Not Found|出错了|"
                      r"访问的页面", re.IGNORECASE)
_SEARCH_URL = re.compile(r"search|jsearch|sousuo|/so/|[?&](q|keyword|keywords|searchword|query)=", re.IGNORECASE)
_SEARCH_HEAD = re.compile(r"搜索结果|检索结果|全文检索|站内搜索|搜索页")
_SCRIPT_LIST = re.compile(r"\$\.(ajax|get|post|getJSON)\(|XMLHttpRequest|fetch\(|axios|document\.write\(|\.load\(|"
                          r"jpage|dataproxy|laypage|template\(|v-for|\{\{", re.IGNORECASE)
_LOGIN = re.compile(r"login|signin|登录|登陆|注册|register", re.IGNORECASE)
CONTENT_CHARS = 150          # main text that makes a page a single content page (指南/年报/概况)
SHORT_CONTENT_CHARS = 40    # a headed short text (an 机构 entry, 联系我们) is still a content page
EMPTY_CHARS = 20             # main text below this: the page shows nothing at all
LANDING_LINKS = 4            # links to sub-columns that make a landing page


@fast_pickle
@dataclass(slots=True)
class PageFacts:
    """What the classifier needs of one page (computed once per page by page_digest.py)."""

    url: str
    listing: ListPage
    is_home: bool = False
    is_sitemap: bool = False
    meta_article: bool = False        # <meta name="ArticleTitle|PubDate">
    labelled_date: bool = False       # 发布时间/发布日期：… near the top of the text
    messages: int = 0                 # message records read on the page (board list or detail)
    guide_labels: int = 0             # 办事指南 element labels, when the page reads as a guide (else 0)
    column_links: int = 0             # body links to known columns (sub-columns of a landing page)
    main_chars: int | None = None     # visible characters of the main region (None: not measured)
    pub_label: bool = False           # a 发布时间/发布日期 label, even when a script writes the date
    own_items: int = 0                # dated items whose pages sit under this page's directory
    refresh_to: str | None = None     # <meta http-equiv="Refresh"> target
    frames: tuple[str, ...] = ()      # iframe/frame pages in the body (a list shown in a frame)
    head: str = ""                    # <title> and first <h1> text
    has_password: bool = False        # an <input type=password>
    is_form: bool = False             # a textarea and ≥ 3 inputs
    main_heading: bool = False        # see main_heading()
    script_list: bool = False         # see script_written_list()
    has_iframe: bool = False


def dated_count(listing: ListPage) -> int:
    return sum(1 for i in listing.main_items() if i.date)


def head_text(tree: LexborHTMLParser) -> str:
    nodes = (tree.css_first("title"), tree.css_first("h1"))
    return " ".join(clean_text(n.text()) for n in nodes if n is not None)


def main_heading(tree: LexborHTMLParser) -> bool:
    """An h1–h3 outside header/menus carrying a title-length text."""
    for node in tree.css("h1, h2, h3"):
        text = clean_text(node.text(deep=True))
        if 4 <= len(text) <= 60 and node.css_first("a[href]") is None:
            return True
    return False


def script_written_list(tree: LexborHTMLParser) -> bool:
    """Inline or linked scripts that write a list at run time (ajax, jpage, templates)."""
    for s in tree.css("script"):
        src = (s.attributes.get("src") or "").lower()
        if any(k in src for k in ("jpage", "list", "page", "vue", "template", "laypage")):
            return True
        if _SCRIPT_LIST.search(s.text() or ""):
            return True
    return False


def structural_kind(f: PageFacts) -> PageKind | None:
    dated = dated_count(f.listing)
    url = f.url
    if f.is_home:
        return PageKind(url, "home", f"网站首页，{dated}条带日期信息")
    if f.is_sitemap:
        return PageKind(url, "sitemap", "网站地图页面")
    head = f.head
    if head and SOFT_404.search(head) and not dated:
        return PageKind(url, "soft404", f"页面标题为“{head[:30]}”，无列表内容")
    if f.refresh_to and not f.listing.items:
        return PageKind(url, "landing", f"页面自动跳转至 {f.refresh_to}")
    if (_SEARCH_URL.search(url) or _SEARCH_HEAD.search(head)) and not f.meta_article:
        return PageKind(url, "search", "搜索/检索页面")
    if f.messages >= 2 or (f.messages == 1 and dated < 2):
        return PageKind(url, "board", f"读取到{f.messages}条留言记录（留言时间/答复时间等）")
    pager = f"，分页{len(f.listing.pagination) + 1}页" if f.listing.pagination else ""
    if f.guide_labels and not f.listing.pagination and dated < 2:
        return PageKind(url, "guide", f"含{f.guide_labels}项办事指南要素标签")
    if f.meta_article and not f.listing.pagination and f.own_items < 5:
        return PageKind(url, "article", "页面有ArticleTitle/PubDate元数据（列表为相关链接）" if dated else
                        "页面有ArticleTitle/PubDate元数据")
    if dated >= 2 and not (f.meta_article and f.labelled_date and dated < 5):
        return PageKind(url, "list", f"{dated}条带日期列表项{pager}")
    if f.own_items and not (f.meta_article or f.pub_label):
        return PageKind(url, "list", f"{dated}条带日期列表项，链接到本栏目目录下的文章{pager}")
    if f.listing.blank_marker and not dated:
        return PageKind(url, "list", f"列表明示为空：“{f.listing.blank_marker}”")
    if f.meta_article or f.labelled_date or f.pub_label:
        why = ("页面有发布时间标注" if f.labelled_date else
               "页面有ArticleTitle/PubDate元数据" if f.meta_article else "页面有发布时间/来源等文章标签（日期可能由脚本写入）")
        return PageKind(url, "article", why)
    if _LOGIN.search(f"{url} {head}") and f.has_password:
        return PageKind(url, "login", "登录页面（含密码输入框）")
    if f.listing.pagination and dated:
        return PageKind(url, "list", f"{dated}条带日期列表项{pager}")
    if f.column_links >= LANDING_LINKS:
        return PageKind(url, "landing", f"正文区有{f.column_links}个子栏目链接")
    if f.is_form:
        return PageKind(url, "form", "页面为填写表单（含多行输入框）")
    return None


def classify_page(f: PageFacts) -> PageKind:
    return structural_kind(f) or textual_kind(f)


def textual_kind(f: PageFacts) -> PageKind:
    """Pages no structure decided: a body of text, a body of links, or nothing at all."""
    chars = f.main_chars or 0
    undated = len(f.listing.main_items())
    if chars >= CONTENT_CHARS:
        return PageKind(f.url, "content", f"单页正文{chars}字，无日期列表")
    if chars >= SHORT_CONTENT_CHARS and f.main_heading:
        return PageKind(f.url, "content", f"有标题的短正文{chars}字（机构、联系方式等）")
    if undated >= 3 and chars < CONTENT_CHARS:
        return PageKind(f.url, "landing", f"正文区有{undated}个链接，无日期", confident=False)
    if chars < CONTENT_CHARS and f.script_list:
        return PageKind(f.url, "other", "列表或正文由脚本加载，静态页面中未能读取（需浏览器渲染或人工确认）",
                        confident=False)
    if chars < EMPTY_CHARS:
        return PageKind(f.url, "other", f"正文区仅{chars}字，无列表、无正文", confident=True)
    return PageKind(f.url, "other", f"正文{chars}字，未识别页面类型", confident=False)
