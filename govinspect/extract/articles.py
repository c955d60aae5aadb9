"""Detail pages (文章页): title, publication date with its label, 来源, kind and policy ↔ 解读 links."""
from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.dates import FoundDate, find_dates, publication_date
from govinspect.extract.links import absolute_url, base_href, clean_text
from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import visible_text
from govinspect.model.artifacts import Article, PageMeta

SOURCE_RE = re.compile(r"(?:信息来源|文章来源|稿件来源|来\s*源)\s*[:：]\s*([^\s|｜:：]{2,30}?)(?=\s|$|[|｜]|作者|发布|时间|日期|浏览|字号|【|点击)")
# a 文号 (…〔2020〕12号) is this after a Chinese character; found by its bracket first, which re scans for,
# where a leading CJK class is tried at every character of a Chinese text
_DOC_NUMBER_TAIL = re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d+\s*号")
_POLICY_TITLE = re.compile(r"关于印发|关于.*的(通知|意见|决定|办法|规定|批复|通告)|(办法|规定|细则|条例|方案)$|令第.*号")
_INTERP_TITLE = re.compile(r"解读|答记者问|政策问答|图解|一图读懂|问答")
_RELATED_TEXT = re.compile(r"解读|原文|相关文件|相关政策|政策文件|文件全文|关联")
# In priority order (css() with a selector list would return document order).
_TITLE_SELECTORS = ("h1", ".article-title", ".arti_title", ".detail-title", "#title", ".title", ".tit", ".bt", "h2")
_NOT_SOURCE = re.compile(r"^(发布|时间|日期|作者|浏览|点击|字号|编辑)")
_MAX_TEXT = 8000


ANCHOR = "\x00anchor"        # where the list's anchor text ranks among the title candidates


def title_candidates(tree: LexborHTMLParser, regions: PageRegions | None = None, limit: int = 40) -> list[str]:
    """Every title an article page could have, best first; ``pick_title`` takes the first that is not
    the site's own name (known only once the whole site is read)."""
    out: list[str] = []
    for m in tree.css("meta[name]"):
        if (m.attributes.get("name") or "").lower() == "articletitle":
            value = clean_text(m.attributes.get("content"))
            if value:
                out.append(value)
    for selector in _TITLE_SELECTORS:
        for node in tree.css(selector):
            text = clean_text(node.text(deep=True))
            if not 4 <= len(text) <= 120 or "更多" in text:
                continue
            if regions is not None and regions.region(node) != "body":
                continue
            out.append(text)
            if len(out) >= limit:
                break
    out.append(ANCHOR)
    title = tree.css_first("title")
    out.extend(part for part in re.split(r"\s*[_|｜\-—]+\s*", clean_text(title.text()) if title else "")
               if len(part) >= 4)
    return out


def pick_title(candidates: list[str], site_names: frozenset[str] | set[str] = frozenset(),
               anchor_title: str | None = None) -> str:
    """The ArticleTitle meta, else the first heading that is not the site's own name (a logo ``h1``
    on every page) nor in the header or menus, else the title the list printed for this page."""
    for cand in candidates:
        if cand == ANCHOR:
            if anchor_title:
                return anchor_title
        elif cand not in site_names:
            return cand
    return ""


def article_title(tree: LexborHTMLParser, metas: PageMeta | None, site_names: frozenset[str] | set[str] = frozenset(),
                  anchor_title: str | None = None, regions: PageRegions | None = None) -> str:
    return pick_title(title_candidates(tree, regions), site_names, anchor_title)


_SCRIPT_DATE = re.compile(r"(?:pubdata|pubdate|pub_date|fbsj|fbrq|publishdate|publish_time|releasetime|str_?date)"
                          r"\s*=\s*['\"]([^'\"]{6,30})['\"]", re.IGNORECASE)
_DATE_LABEL_ONLY = re.compile(r"(发布时间|发布日期|发文日期|发表时间)\s*[:：]")


def script_date(tree: LexborHTMLParser, as_of: date | None) -> FoundDate | None:
    """The date a TRS template writes with ``var pubdata='2019年06月21日'; document.write(pubdata)``."""
    for node in tree.css("script"):
        m = _SCRIPT_DATE.search(node.text() or "")
        if m:
            dates = find_dates(m.group(1), as_of)
            if dates:
                d = dates[0]
                return FoundDate(d.date, m.group(1), "发布时间", 0, 0, False, d.future)
    return None


def article_date(body_text: str, meta: PageMeta | None, as_of: date | None,
                 tree: LexborHTMLParser | None = None) -> FoundDate | None:
    """Labelled date on the page first, then the PubDate meta, then a date the template's script
    writes, then the first date near the top — unless the page prints a 发布时间 label whose date a
    script wrote: a date from the article's text is then not its publication date."""
    found = publication_date(body_text[:4000], as_of)
    if found and found.label:
        return found
    if meta and meta.pub_date:
        dates = find_dates(meta.pub_date, as_of)
        if dates:
            d = dates[0]
            return FoundDate(d.date, meta.pub_date, "PubDate", 0, 0, False, d.future)
    scripted = script_date(tree, as_of) if tree is not None else None
    if scripted is not None:
        return scripted
    if _DATE_LABEL_ONLY.search(body_text[:4000]):
        return None
    return found


def _has_doc_number(text: str) -> bool:
    """A 文号: ``[\u4e00-\u9fa5]{1,8}`` then the tail matches somewhere (tails cannot overlap: none holds an
    opening bracket after its first character)."""
    return any(m.start() and "\u4e00" <= text[m.start() - 1] <= "\u9fa5" for m in _DOC_NUMBER_TAIL.finditer(text))


def article_kind(title: str, column_path: tuple[str, ...], text: str) -> str:
    column = column_path[-1] if column_path else ""
    if _INTERP_TITLE.search(title) or "解读" in column:
        return "interpretation"
    if re.search(r"政策|文件|法规|规章|政府令", column) or _has_doc_number(text[:1500]) \
            or (_POLICY_TITLE.search(title) and "通知公告" not in column):
        return "policy"
    return "article"


def extract_article(tree: LexborHTMLParser, url: str, as_of: date | None, meta: PageMeta | None = None,
                    column_path: tuple[str, ...] = (), regions: PageRegions | None = None,
                    site_names: frozenset[str] | set[str] = frozenset(), anchor_title: str | None = None,
                    page_text: str | None = None, titles: list[str] | None = None) -> Article:
    """``page_text`` is the visible text of the whole body, ``titles`` the page's ``title_candidates``,
    when the caller has them already."""
    regions = regions or PageRegions()
    main = tree.css_first("#zoom, .article, .content, .detail, .main, #main, main, article") or tree.body
    body_text = visible_text(main)
    whole = page_text if page_text is not None else (body_text if main is tree.body else visible_text(tree.body))
    title = pick_title(titles if titles is not None else title_candidates(tree, regions), site_names, anchor_title)
    found = article_date(whole, meta, as_of, tree)
    source = None
    for text in (body_text, whole):
        for m in SOURCE_RE.finditer(text):
            if not _NOT_SOURCE.match(m.group(1)):
                source = m.group(1)
                break
        if source:
            break
    source = source or (meta.content_source if meta else None)
    base = base_href(tree, url)
    related: list[str] = []
    blocks: dict[int, str] = {}      # a parent's text once, not once per link (a 10,000-link calendar)
    headings: dict[int, str] = {}
    for a in (main or tree.root).css("a[href]"):
        if regions.region(a) != "body":
            continue
        text = clean_text(a.text(deep=True))
        parent = a.parent
        if parent is not None and parent.mem_id not in blocks:
            blocks[parent.mem_id] = clean_text(parent.text(deep=True))[:40]
        block = blocks[parent.mem_id] if parent is not None else ""
        grand = parent.parent if parent is not None else None
        if grand is not None and grand.mem_id not in headings:
            heading = grand.css_first("h2, h3, h4, .tit")
            headings[grand.mem_id] = clean_text(heading.text()) if heading else ""
        hint = " ".join((text, block[:40], headings[grand.mem_id] if grand is not None else ""))
        if _RELATED_TEXT.search(hint):
            target = absolute_url(a.attributes.get("href"), base)
            if target and target != url and target not in related:
                related.append(target)
    return Article(url=url, title=title, column_path=column_path,
                   pub_date=found.date if found else None,
                   pub_date_label=found.label if found else "",
                   source=source or None,
                   kind=article_kind(title, column_path, body_text),
                   related_urls=tuple(related), text=body_text[:_MAX_TEXT],
                   future_date=bool(found and found.future))
