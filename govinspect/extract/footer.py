"""Footer (页面底部功能区) items: CONAC badge, 网站标识码, ICP备案编号, 公安机关备案号, 主办单位,
联系方式 and the 我为政府网站找错 entry (indicators.md §8.4).

Precision first: a value is reported only when its label and shape are both there
(``网站标识码`` + 10 digits or bm + 8 digits; ``<省>ICP备<digits>``; ``<省>公网安备<digits>`` or
``公安机关备案号``). The footer region is read first, then the rest of the visible page, then
inline scripts (some sites write their footer with ``document.write``). HTML comments are never read.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govinspect.extract.page_regions import PageRegions
from govinspect.extract.page_text import script_text, visible_text
from govinspect.model.artifacts import FooterInfo

_PROVINCES = "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵黔粤青藏川蜀宁琼"
SITE_CODE_RE = re.compile(r"(?:网站|政府网站)?标识码\s*[:：]?\s*((?:bm|BM)\d{8}|\d{10})(?![\dA-Za-z])")
# A printed but malformed code (9 digits, typo) is still reported as printed: F4 judges its validity.
LOOSE_SITE_CODE_RE = re.compile(r"网站标识码\s*[:：]?\s*((?:bm|BM)?\d[\dA-Za-z]{3,13})(?![\dA-Za-z])")
ICP_RE = re.compile(rf"([{_PROVINCES}])\s*ICP\s*备\s*[:：]?\s*(\d{{6,12}})\s*(?:(-\s*\d{{1,3}})\s*号|号\s*(-\s*\d{{1,3}})?)?")
POLICE_RE = re.compile(
    rf"(?:([{_PROVINCES}])\s*公网安备\s*号?\s*[:：]?\s*(\d{{10,16}})|公安机关备案号\s*[:：]?\s*(\d{{10,16}}))")
_ORGANIZER_RE = re.compile(
    r"(?:主办单位|网站主办|主\s*办)\s*[:：]\s*([^\s|｜,，;；]{2,40})|([^\s|｜:：,，;；]{3,30}?)\s*(?:主办|主管主办)(?![单方:：])")
_PHONE_RE = re.compile(r"(?:电话|热线|联系方式|Tel|TEL|传真)\s*[:：]?\s*((?:\(?0\d{2,3}\)?[-－\s]?)?\d{7,8}(?:[-－转]\d{1,5})?|1[3-9]\d{9}|12345)")
_ADDRESS_RE = re.compile(r"(?:地址|通讯地址|联系地址)\s*[:：]\s*([^\s|｜]{4,40})")
_EMAIL_RE = re.compile(r"(?:邮箱|E-?mail|电子邮件)\s*[:：]?\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_FOOTER_SELECTOR = ("footer, #footer, .footer, [class*='foot'], [id*='foot'], [class*='bottom'], "
                    "[id*='bottom'], [class*='copyright'], [id*='copyright'], [class*='banquan']")
_DYNAMIC_SRC = re.compile(r"foot|bottom|copyright|banquan|dibu|(?:^|[/_-])(?:bq|ft|db)[._-]", re.IGNORECASE)
_FOOTER_COMMENT = re.compile(r"页脚|底部|版权|footer|bottom", re.IGNORECASE)
# a comment (or what the parser makes one: <!…>, <?…>, </ …>) holding one of those words, in the raw page
_FOOTER_COMMENT_IN_HTML = re.compile(r"<!--(?:(?!-->).)*?(?:页脚|底部|版权|footer|bottom)|<[!?/][^>]*?(?:页脚|底部|版权|footer|bottom)",
                                     re.IGNORECASE | re.DOTALL)
_ERROR_REPORT_RE = re.compile(r"zfwzzc|jiucuo|errorInfo|找错|zfwzgl\.www\.gov\.cn", re.IGNORECASE)


def _norm_icp(m: re.Match) -> str:
    suffix = (m.group(3) or m.group(4) or "").replace(" ", "")
    if m.group(3):
        return f"{m.group(1)}ICP备{m.group(2)}{suffix}号"
    return f"{m.group(1)}ICP备{m.group(2)}号{suffix}"


def find_site_code(text: str) -> str | None:
    m = SITE_CODE_RE.search(text) or LOOSE_SITE_CODE_RE.search(text)
    if not m:
        return None
    code = m.group(1)
    return code.lower() if code[:2].lower() == "bm" else code


def find_icp(text: str) -> str | None:
    m = ICP_RE.search(text)
    return _norm_icp(m) if m else None


def find_police_filing(text: str) -> str | None:
    """The 公安机关备案号 as printed: '<省>公网安备<digits>号' (or the bare digits if unlabelled by province)."""
    m = POLICE_RE.search(text)
    if not m:
        return None
    if m.group(2):
        return f"{m.group(1)}公网安备{m.group(2)}号"
    return m.group(3)


_ORGANIZER_WORD = re.compile(r"主\s*办")     # in every alternative of _ORGANIZER_RE
_SPACE_RUNS = re.compile(r"\s{2,}")


def _organizer(text: str) -> str | None:
    """The first organiser ``_ORGANIZER_RE`` finds that is not an event's. Searched from near the next 主…办
    only: the lazy second alternative would try every position before it. Every match holds a 主…办, at most
    2 characters (网站主办) or 30 characters and a run of spaces (the name before 主办) after its start."""
    pos = reach = 0
    while (word := _ORGANIZER_WORD.search(text, pos)) is not None:
        start = pos
        if word.start() - pos > 32:
            reach = reach or 32 + max((len(run) for run in _SPACE_RUNS.findall(text)), default=1)
            start = max(pos, word.start() - reach)
        if (m := _ORGANIZER_RE.search(text, start)) is None:
            return None
        pos = m.end()
        if value := organiser_of(m):
            return value
    return None


def organiser_of(m: re.Match[str]) -> str | None:
    """The organiser an ``_ORGANIZER_RE`` match names; None for an event's ("由…主办" in a news sentence)."""
    value = (m.group(1) or m.group(2) or "").strip("：: ")
    if m.group(2) and ("由" in value or "共同" in value or "联合" in value or len(value) < 4):
        return None
    return value or None


def _contact(text: str) -> str | None:
    parts = []
    for regex in (_PHONE_RE, _ADDRESS_RE, _EMAIL_RE):
        m = regex.search(text)
        if m:
            parts.append(m.group(0).strip())
    return "；".join(parts) if parts else None


def footer_nodes(tree: LexborHTMLParser, regions: PageRegions | None = None) -> list[LexborNode]:
    """Outermost footer-like containers (footer tag, #footer, .foot*, .bottom*, .copyright…)."""
    nodes = [n for n in tree.css(_FOOTER_SELECTOR) if n.tag not in ("html", "body")]
    ids = {n.mem_id for n in nodes}
    outer = []
    for n in nodes:
        p = n.parent
        nested = False
        while p is not None:
            if p.mem_id in ids:
                nested = True
                break
            p = p.parent
        if not nested:
            outer.append(n)
    return outer


def footer_loaded_by_script(tree: LexborHTMLParser, footers: list[LexborNode], html: str | None = None,
                            footer_texts: list[str] | None = None) -> bool:
    """The footer is written at run time: a footer.js/bottom.js script or frame, an empty #footer
    container, or a script right after a <!-- 页脚 --> comment (大汉/Hanweb templates). ``html``: the page's
    source, when at hand (no such comment in it: the walk over every node is spared); ``footer_texts``: the
    visible text of each of ``footers``, when at hand."""
    for node in tree.css("script[src], iframe[src]"):
        src = (node.attributes.get("src") or "").rsplit("/", 1)[-1]
        if _DYNAMIC_SRC.search(src):
            return True
    texts = footer_texts if footer_texts is not None else [visible_text(n) for n in footers]
    if any(not text and not n.css_first("img, a[href]") for n, text in zip(footers, texts)):
        return True
    root = tree.body or tree.root
    if root is None or (html is not None and not _FOOTER_COMMENT_IN_HTML.search(html)):
        return False
    for n in root.traverse(include_text=False):
        if n.tag != "-comment" or not _FOOTER_COMMENT.search(n.comment_content or ""):
            continue
        sib = n.next
        for _ in range(4):
            if sib is None:
                break
            if sib.tag == "script" and sib.attributes.get("src"):
                return True
            if sib.tag not in ("-text", "-comment"):
                break
            sib = sib.next
    return False


def _first(finder, texts: list[str]) -> str | None:
    for text in texts:
        if text:
            value = finder(text)
            if value:
                return value
    return None


def extract_footer_from_tree(tree: LexborHTMLParser, url: str, page_text: str | None = None,
                            html: str | None = None) -> FooterInfo:
    """``page_text``: the visible text of ``tree.body``, and ``html`` the page's source, when the caller has
    them already."""
    footers = footer_nodes(tree)
    footer_texts = [visible_text(n) for n in footers]
    footer_text = " ".join(footer_texts)
    body = tree.body or tree.root
    if page_text is None or tree.body is None:
        page_text = visible_text(body)
    scripts = script_text(tree.root)
    texts = [footer_text, page_text, scripts]
    conac = False
    error_entry = False
    # from the end of the page, where the footer's badge and 找错 entry are: both found, the rest is moot
    for node in reversed(tree.css("a[href], img[src], script[src], span[id], iframe[src]")):
        if conac and error_entry:
            break
        attrs = node.attributes
        ref = " ".join(str(attrs.get(k) or "") for k in ("href", "src", "id", "alt", "title"))
        if "conac" in ref.lower() or "党政机关" in ref:
            conac = True
        if _ERROR_REPORT_RE.search(ref) or (node.tag == "a" and "找错" in (node.text() or "")):
            error_entry = True
    if not conac and ("conac.cn" in scripts or "_ideConac" in scripts):
        conac = True
    if not error_entry and ("我为政府网站找错" in page_text or _ERROR_REPORT_RE.search(scripts or "")):
        error_entry = bool(re.search(r"我为政府网站找错|zfwzzc|jiucuo", page_text + scripts))
    return FooterInfo(
        url=url,
        conac_badge=conac,
        site_code=_first(find_site_code, texts),
        icp=_first(find_icp, texts),
        police_filing=_first(find_police_filing, texts),
        organizer=_first(_organizer, [footer_text, page_text[-3000:]]),
        contact=_first(_contact, [footer_text, page_text[-3000:]]),
        error_report_entry=error_entry,
        loaded_by_script=footer_loaded_by_script(tree, footers, html, footer_texts),
    )


def extract_footer(html: str, url: str) -> FooterInfo:
    return extract_footer_from_tree(LexborHTMLParser(html or ""), url)
