"""The choices a random skin makes, drawn once from its seed (pools modelled on real 政府网站 markup)."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date

LIST_TAGS = ("ul", "ol", "table", "dl", "divdiv", "p")
LIST_CLASSES = ("list", "news_list", "lb", "xxgk_list", "con_list", "newslist", "list_con", "gl_list",
                "list-news", "wz_list", "infoList", "lm_list", "list01", "article-list")
DATE_CLASSES = ("date", "time", "sj", "rq", "fr", "right", "riqi", "pubtime", "list-date")
DATE_TAGS = ("span", "em", "i", "font", "b", "small")
# list date formats; the homepage may also print month–day (only for dates within the year)
DATE_FORMATS = ("iso", "cn", "cn0", "slash", "dot", "paren", "lenticular", "bracket")
HOME_ONLY_FORMATS = ("md_bracket", "md", "md_slash")
NAV_CLASSES = ("nav", "menu", "daohang", "topnav", "mainmenu")
SUB_MENUS = ("display_none", "css_hidden", "visible", "none", "dropdown", "separate")
CRUMB_SEPARATORS = (" &gt; ", " » ", " → ", " &gt;&gt; ", " / ", " -&gt; ", " 》 ", "&gt;")
CRUMB_LABELS = ("当前位置：", "您的位置：", "", "当前位置:", "您现在的位置：")
CRUMB_CLASSES = ("position", "location", "crumb", "dqwz", "breadcrumb")
PAGERS = ("trs_script", "count", "prev_next", "numbers", "empire")
EMPTY_MARKERS = ("暂无信息", "暂无数据", "没有相关信息", "共0条")
INFO_DATE_LABELS = ("发布时间", "发布日期", "日期", "时间")
SOURCE_LABELS = ("来源", "信息来源", "文章来源")
ARTICLE_DATES = ("iso_time", "iso_seconds", "iso", "cn0", "cn", "slash_time", "cn_time")
INFO_LAYOUTS = ("line", "spans", "table")
FOOTER_CLASSES = ("footer", "foot", "bottom", "ft", "copyright")
FOOTER_SEPARATORS = ("　", " | ", "&nbsp;&nbsp;", "<br>", " ")
MESSAGE_LISTS = ("plain", "table", "status")
MESSAGE_DETAILS = ("table", "div_msg", "dl")
STATUS_WORDS = (("已答复", "未回复"), ("已办结", "办理中"), ("已回复", "待回复"), ("已答复", "办理中"))
GUIDE_SHAPES = ("table", "dl", "h3p", "colon")


def token(rng: random.Random, n: int = 4) -> str:
    return rng.choice(string.ascii_lowercase) + "".join(rng.choices(string.ascii_lowercase + string.digits, k=n - 1))


def cls(rng: random.Random, pool: tuple[str, ...]) -> str:
    """A class name from a realistic pool, sometimes a random token (or a pool name with a suffix)."""
    roll = rng.random()
    if roll < 0.2:
        return token(rng, rng.randint(3, 7))
    if roll < 0.35:
        return f"{rng.choice(pool)}{rng.choice(('_', '-', ''))}{rng.randint(1, 12)}"
    return rng.choice(pool)


@dataclass(frozen=True, slots=True)
class SkinStyle:
    seed: int
    absolute_links: bool
    body_class: str
    main_id: str
    table_layout: bool
    site_metas: bool
    article_metas: bool
    # lists
    list_tag: str
    home_tag: str
    list_class: str
    date_format: str
    home_format: str
    date_before: bool
    date_wrap: str          # element | inline | anchor (inside the link text)
    date_tag: str
    date_class: str
    title_attr: bool
    target_blank: bool
    policy_table: tuple[str, ...]   # column headers of the 信息公开 table, () = plain list
    block_class: str
    block_heading: str
    more_text: str
    # navigation and breadcrumb
    nav_tag: str
    nav_class: str
    sub_menu: str
    sub_class: str
    home_text: str
    crumb_separator: str
    crumb_label: str
    crumb_class: str
    crumb_last_text: bool
    # pagination and empty lists
    pager: str
    pager_class: str
    empty_marker: str
    # articles
    info_layout: str
    info_date_label: str
    source_label: str
    article_date: str
    title_tag: str
    source_first: bool
    # footer
    footer_tag: str
    footer_class: str
    footer_order: tuple[str, ...]
    footer_separator: str
    organizer_label: str
    code_label: str
    phone_label: str
    address_label: str
    # messages and guides
    message_list: str
    message_detail: str
    status_words: tuple[str, str]
    asked_label: str
    replied_label: str
    unit_label: str
    reply_label: str
    reply_placeholder: str  # what an unanswered 留言 shows as its reply ("" = no reply fields at all)
    detail_status: bool     # the 留言 page prints 办理状态
    guide_shape: str
    sitemap: str            # ul (nested lists) | table (a row per top column) | divs (nested headed boxes)


def draw_style(seed: int) -> SkinStyle:
    rng = random.Random(f"govinspect-skin-{seed}")
    c, flip = rng.choice, rng.random
    date_format = c(DATE_FORMATS)
    headers = [c(("名称", "标题", "文件名称"))]
    if flip() < 0.6:
        headers.insert(0, "序号")
    if flip() < 0.7:
        headers.append("文号")
    if flip() < 0.5:
        headers.append("成文日期")
    headers.append(c(("发布日期", "公开日期", "发布时间")))
    return SkinStyle(
        seed=seed, absolute_links=flip() < 0.3, body_class=cls(rng, ("index", "page", "body", "bg")),
        main_id=c(("main", "content", "container", "wrap", "zw")) if flip() < 0.7 else token(rng),
        table_layout=flip() < 0.25, site_metas=flip() < 0.6, article_metas=flip() < 0.5,
        list_tag=c(LIST_TAGS), home_tag=c(LIST_TAGS), list_class=cls(rng, LIST_CLASSES),
        date_format=date_format, home_format=c(DATE_FORMATS + HOME_ONLY_FORMATS) if flip() < 0.7 else date_format,
        date_before=flip() < 0.35, date_wrap=c(("element", "element", "inline", "anchor")),
        date_tag=c(DATE_TAGS), date_class=cls(rng, DATE_CLASSES), title_attr=flip() < 0.5,
        target_blank=flip() < 0.6, policy_table=tuple(headers) if flip() < 0.4 else (),
        block_class=cls(rng, ("block", "box", "mod", "column", "tab-box", "xw_box")), block_heading=c(("h2", "h3", "div", "span", "strong")),
        more_text=c(("更多&gt;&gt;", "更多", "+更多", "MORE+", "more&gt;&gt;", "&gt;&gt;更多", "更多+")),
        nav_tag=c(("div", "nav", "div")), nav_class=cls(rng, NAV_CLASSES), sub_menu=c(SUB_MENUS),
        sub_class=cls(rng, ("sub-nav", "subnav", "erji", "submenu", "child", "nav-sub")),
        home_text=c(("首页", "网站首页", "首 页")),
        crumb_separator=c(CRUMB_SEPARATORS), crumb_label=c(CRUMB_LABELS), crumb_class=cls(rng, CRUMB_CLASSES),
        crumb_last_text=flip() < 0.4,
        pager=c(PAGERS), pager_class=cls(rng, ("page", "pages", "pagination", "fy", "pagebar", "page_nav")),
        empty_marker=c(EMPTY_MARKERS),
        info_layout=c(INFO_LAYOUTS), info_date_label=c(INFO_DATE_LABELS), source_label=c(SOURCE_LABELS),
        article_date=c(ARTICLE_DATES), title_tag=c(("h1", "h2", "h3", "div", "p")), source_first=flip() < 0.3,
        footer_tag=c(("div", "footer", "div")), footer_class=cls(rng, FOOTER_CLASSES),
        footer_order=tuple(rng.sample(("organizer", "contact", "icp", "police", "code"), 5)),
        footer_separator=c(FOOTER_SEPARATORS),
        organizer_label=c(("主办单位：", "主办：", "网站主办：", "主办单位:")),
        code_label=c(("网站标识码：", "标识码：", "网站标识码:", "政府网站标识码：", "网站标识码 ")),
        phone_label=c(("联系电话：", "电话：", "咨询电话：")), address_label=c(("地址：", "通讯地址：", "联系地址：")),
        message_list=c(MESSAGE_LISTS), message_detail=c(MESSAGE_DETAILS), status_words=c(STATUS_WORDS),
        asked_label=c(("留言时间", "来信时间", "提问时间")), replied_label=c(("答复时间", "回复时间")),
        unit_label=c(("答复单位", "回复单位", "办理单位")), reply_label=c(("答复内容", "回复内容", "答复意见")),
        reply_placeholder=c(("暂未答复", "尚未答复", "")), detail_status=flip() < 0.5, guide_shape=c(GUIDE_SHAPES),
        sitemap=c(("ul", "table", "divs")),
    )


def fmt_date(d: date, kind: str, as_of: date | None = None) -> str:
    """``d`` as a site prints it; month–day kinds fall back to ISO outside ``as_of``'s year."""
    if kind in HOME_ONLY_FORMATS:
        if as_of is None or d.year != as_of.year:
            return f"[{d:%Y-%m-%d}]" if kind == "md_bracket" else f"{d:%Y-%m-%d}"
        return {"md_bracket": f"[{d:%m-%d}]", "md": f"{d:%m-%d}", "md_slash": f"{d:%m/%d}"}[kind]
    return {
        "iso": f"{d:%Y-%m-%d}", "cn": f"{d.year}年{d.month}月{d.day}日", "cn0": f"{d.year}年{d:%m}月{d:%d}日",
        "slash": f"{d:%Y/%m/%d}", "dot": f"{d:%Y.%m.%d}", "paren": f"({d:%Y-%m-%d})",
        "lenticular": f"【{d:%Y-%m-%d}】", "bracket": f"[{d:%Y-%m-%d}]",
        "iso_time": f"{d:%Y-%m-%d} 09:30", "iso_seconds": f"{d:%Y-%m-%d} 09:30:00",
        "slash_time": f"{d.year}/{d.month}/{d.day} 10:05:00", "cn_time": f"{d.year}年{d:%m}月{d:%d}日 09:30",
    }[kind]
