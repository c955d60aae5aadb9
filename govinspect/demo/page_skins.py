"""Three CMS-like skins (markup only) modelled on real government pages in ../shared/realdata/html.

- ``trs``: div layout, ``<li><a>…</a><span>2020-08-02</span></li>``, ``发布日期：2020年08月02日``
  info table (hd.gov.cn style), TRS ``createPageHTML`` pagination.
- ``hanweb``: table layout, list dates ``2020年07月17日``, homepage ``[07-17]``, ``发布时间：2020-07-17 09:30``.
- ``jcms``: ASP.NET-style ``<dl><dd>``, list dates ``[2020-07-17]``, ``发布时间：2020/7/17``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

from govinspect.demo.site_content import Item, MessageFacts


@dataclass(slots=True)
class Head:
    title: str
    column_name: str | None = None
    article_title: str | None = None
    pub_date: str | None = None
    content_source: str | None = None
    extra: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Chrome:
    """Site-wide parts, prepared once per page by render_site."""

    charset: str
    site_name: str
    site_domain: str
    site_code_meta: str
    viewport: bool
    nav: list[tuple[str, str, list[tuple[str, str]]]]   # (url, name, [(child url, child name)])
    search_form: str
    header_links: str
    footer_html: str
    hidden_top: str = ""         # legit hidden things + planted tricks at the top of <body>
    hidden_bottom: str = ""
    style_block: str = ""
    nav_cache: str = ""          # nav_html, rendered once per Chrome


@dataclass(slots=True)
class FooterParts:
    """What a site footer says (None = not shown: a planted gap); skins decide order, labels and markup."""

    links: list[tuple[str, str]]        # (href, text): 返回首页, 网站声明, 联系我们, 网站地图
    friend_links: str                   # the hidden 友情链接 drop-down
    organizer: str | None
    phone: str | None
    address: str | None
    icp: str | None                     # <a> to beian.miit.gov.cn
    police: str | None                  # <a> to beian.gov.cn
    site_code: str | None
    badges: list[str]                   # CONAC script + badge, 我为政府网站找错


def fmt_iso(d: date) -> str:
    return f"{d:%Y-%m-%d}"


def fmt_cn(d: date) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


class Skin:
    name = "base"
    body_class = "page"
    absolute_links = False

    def head(self, chrome: Chrome, head: Head) -> str:
        metas = [f'<meta http-equiv="Content-Type" content="text/html; charset={chrome.charset}">',
                 '<meta http-equiv="X-UA-Compatible" content="IE=edge">']
        if chrome.viewport:
            metas.append('<meta name="viewport" content="width=device-width, initial-scale=1.0">')
        metas += [f'<meta name="SiteName" content="{escape(chrome.site_name)}">',
                  f'<meta name="SiteDomain" content="{chrome.site_domain}">',
                  f'<meta name="SiteIDCode" content="{chrome.site_code_meta}">']
        if head.column_name:
            metas.append(f'<meta name="ColumnName" content="{escape(head.column_name)}">')
        if head.article_title:
            metas.append(f'<meta name="ArticleTitle" content="{escape(head.article_title)}">')
        if head.pub_date:
            metas.append(f'<meta name="PubDate" content="{head.pub_date}">')
        if head.content_source:
            metas.append(f'<meta name="ContentSource" content="{escape(head.content_source)}">')
        metas += head.extra
        return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n" + "\n".join(metas) +
                f"\n<title>{escape(head.title)}</title>\n"
                '<link rel="stylesheet" type="text/css" href="/css/base.css">\n'
                f"{chrome.style_block}</head>\n")

    def nav_html(self, chrome: Chrome) -> str:
        if chrome.nav_cache:
            return chrome.nav_cache
        out = ['<div class="nav"><ul><li><a href="/">首页</a></li>']
        for url, name, children in chrome.nav:
            sub = "".join(f'<li><a href="{u}">{escape(n)}</a></li>' for u, n in children)
            sub_html = f'<ul class="sub-nav" style="display:none">{sub}</ul>' if sub else ""
            out.append(f'<li><a href="{url}">{escape(name)}</a>{sub_html}</li>')
        out.append("</ul></div>")
        chrome.nav_cache = "".join(out)
        return chrome.nav_cache

    def breadcrumb(self, trail: list[tuple[str, str]]) -> str:
        parts = ['<a href="/">首页</a>'] + [f'<a href="{u}">{escape(n)}</a>' for u, n in trail]
        return f'<div class="position">当前位置：{" &gt; ".join(parts)}</div>'

    def page(self, chrome: Chrome, head: Head, main: str, trail: list[tuple[str, str]] | None) -> str:
        crumb = self.breadcrumb(trail) if trail is not None else ""
        return (self.head(chrome, head) + f'<body class="{self.body_class}">\n{chrome.hidden_top}'
                + self.header(chrome) + self.nav_html(chrome) + crumb
                + self.main_html(main) + chrome.footer_html
                + chrome.hidden_bottom + "\n</body>\n</html>\n")

    def main_html(self, main: str) -> str:
        return f'\n<div id="main" class="main">\n{main}\n</div>\n'

    def header(self, chrome: Chrome) -> str:
        return (f'<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" '
                f'alt="{escape(chrome.site_name)}"></a></div><div class="lj">{chrome.header_links}</div>'
                f"{chrome.search_form}</div>\n")

    # lists ------------------------------------------------------------------------------------
    def list_date(self, d: date) -> str:
        return fmt_iso(d)

    def home_date(self, d: date, as_of: date) -> str:
        return fmt_iso(d)

    list_open, list_close = '<ul class="list">', "</ul>"

    def list_row(self, it: Item, d: str) -> str:
        return (f'<li><a href="{it.path}" target="_blank" title="{escape(it.title)}">'
                f"{escape(it.title)}</a><span>{d}</span></li>")

    def list_html(self, items: list[Item], home: bool = False, as_of: date | None = None) -> str:
        rows = [self.list_row(it, self.home_date(it.date, as_of) if home and as_of else self.list_date(it.date))
                for it in items]
        return self.list_open + "\n".join(rows) + self.list_close

    def policy_list_html(self, rows: list[tuple[Item, str, date]]) -> str:
        """A 政策文件 list; rows are (item, 文号, 成文日期). Most skins show a plain list."""
        return self.list_html([it for it, _, _ in rows])

    def empty_list(self) -> str:
        return '<div class="no-data">暂无信息</div>'

    def page_numbers(self, urls: list[str], page: int) -> str:
        """Numbered links around the current page (1 … 3 4 [5] 6 7 … 20), as most CMSs print."""
        lo, hi = max(0, page - 4), min(len(urls), page + 5)
        nums = [f"<span class=\"current\">{p + 1}</span>" if p == page else f'<a href="{urls[p]}">{p + 1}</a>'
                for p in range(lo, hi)]
        return " ".join(nums)

    def pagination(self, urls: list[str], page: int, total: int) -> str:
        n = len(urls)
        links = [f'<a href="{urls[0]}">首页</a>']
        if page > 0:
            links.append(f'<a href="{urls[page - 1]}">上一页</a>')
        links.append(self.page_numbers(urls, page))
        if page < n - 1:
            links.append(f'<a href="{urls[page + 1]}">下一页</a>')
        links.append(f'<a href="{urls[-1]}">尾页</a>')
        return f'<div class="page">共{total}条 第{page + 1}/{n}页 {" ".join(links)}</div>'

    def block(self, title: str, more_url: str, inner: str) -> str:
        return (f'<div class="block"><div class="block-title"><h2>{escape(title)}</h2>'
                f'<a class="more" href="{more_url}">更多&gt;&gt;</a></div>{inner}</div>')

    # articles ---------------------------------------------------------------------------------
    def article_info(self, title: str, d: date, publisher: str, source: str | None, index_no: str,
                     number: str | None = None, written: date | None = None) -> str:
        src = f'<span class="source">来源：{escape(source)}</span>' if source else ""
        return (f'<h1 class="title">{escape(title)}</h1><div class="info">发布时间：{fmt_iso(d)} 09:30'
                f" {src}</div>")

    # site parts and detail pages --------------------------------------------------------------
    def footer(self, p: FooterParts) -> str:
        links = " | ".join(f'<a href="{href}">{text}</a>' for href, text in p.links)
        lines = [f'<div class="footer"><div class="footer-links">{links}</div>', p.friend_links]
        if p.organizer:
            lines.append(f"<p>主办单位：{escape(p.organizer)}</p>")
        if p.phone:
            lines.append(f"<p>联系电话：{p.phone}　地址：{escape(p.address or '')}</p>")
        row = [x for x in (p.icp, p.police, p.site_code and f"网站标识码：{p.site_code}") if x]
        lines.append("<p>" + "　".join(row) + "</p>")
        lines.append('<div class="badges">' + " ".join(p.badges) + "</div></div>\n")
        return "\n".join(lines)

    def sitemap_html(self, tree: list[tuple[str, str, list]]) -> str:
        """网站地图; ``tree`` is [(url, name, children)] of the top columns."""
        def ul(nodes: list[tuple[str, str, list]]) -> str:
            return "<ul>" + "".join(f'<li><a href="{u}">{escape(n)}</a>{ul(kids) if kids else ""}</li>'
                                    for u, n, kids in nodes) + "</ul>"
        return f'<div class="sitemap"><h2>网站地图</h2>{ul(tree)}</div>'

    def message_list_html(self, rows: list[tuple[Item, MessageFacts]]) -> str:
        """The 留言 list of a 政务咨询 column; most skins print a plain list."""
        return self.list_html([it for it, _ in rows])

    def message_html(self, title: str, m: MessageFacts) -> str:
        rows = [("留言标题", escape(title)), ("留言人", m.asker), ("留言时间", fmt_iso(m.asked)),
                ("留言内容", f"您好！{escape(title)}，希望有关部门予以答复，谢谢。")]
        if m.replied:
            rows.append(("答复时间", fmt_iso(m.replied)))
        if m.reply_unit:
            rows.append(("答复单位", escape(m.reply_unit)))
        rows.append(("答复内容", escape(m.reply_text) if m.reply_text else "暂未答复"))
        trs = "".join(f'<tr><th width="120">{k}：</th><td>{v}</td></tr>' for k, v in rows)
        return f'<div class="message"><table class="msg-table" border="1" cellspacing="0">{trs}</table></div>'

    def guide_html(self, title: str, rows: list[tuple[str, str]], form: str) -> str:
        """A 办事指南: rows are (element heading, escaped value)."""
        trs = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        return f'<div class="guide"><h1>{escape(title)}</h1><table class="guide-table" border="1">{trs}</table>{form}</div>'


class TrsSkin(Skin):
    name = "trs"
    body_class = "trs"
    absolute_links = True

    def pagination(self, urls: list[str], page: int, total: int) -> str:
        return (super().pagination(urls, page, total) +
                f'<script language="JavaScript">createPageHTML({len(urls)}, {page}, "index", "html");</script>')

    def article_info(self, title: str, d: date, publisher: str, source: str | None, index_no: str,
                     number: str | None = None, written: date | None = None) -> str:
        src = f'<div class="source">来源：{escape(source)}</div>' if source else ""
        return (f'<div class="xxgk-info"><p><strong>索引号</strong>：{index_no}</p>'
                f"<p><strong>发布机构</strong>：{escape(publisher)}</p>"
                f"<p><strong>名称</strong>：{escape(title)}</p>"
                + (f"<p><strong>文号</strong>：{number}</p><p><strong>成文日期</strong>：{fmt_cn(written)}</p>"
                   if number and written else "")
                + f"<p><strong>发布日期</strong>：{fmt_cn(d)}</p></div>"
                f'<h1 class="title">{escape(title)}</h1>{src}')


class HanwebSkin(Skin):
    name = "hanweb"
    body_class = "hanweb"

    def page(self, chrome: Chrome, head: Head, main: str, trail: list[tuple[str, str]] | None) -> str:
        wrapped = f'<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>{main}</td></tr></table>'
        return super().page(chrome, head, wrapped, trail)

    def list_date(self, d: date) -> str:
        return fmt_cn(d)

    def home_date(self, d: date, as_of: date) -> str:
        # homepage lists print [MM-DD] for the last ~10 months, a full date beyond (no ambiguous year)
        return f"[{d:%m-%d}]" if (as_of - d).days < 300 and d <= as_of else f"[{fmt_iso(d)}]"

    list_open = '<table class="list" width="100%" border="0" cellspacing="0" cellpadding="0">'
    list_close = "</table>"

    def list_row(self, it: Item, d: str) -> str:
        return (f'<tr><td class="bt" align="left"><a href="{it.path}" target="_blank" '
                f'title="{escape(it.title)}">{escape(it.title)}</a></td>'
                f'<td class="date" width="110" align="right">{d}</td></tr>')

    def policy_list_html(self, rows: list[tuple[Item, str, date]]) -> str:
        """The 信息公开 table layout: 序号 | 名称 | 文号 | 成文日期 | 发布日期 (two dates per row)."""
        head = "<tr><th>序号</th><th>名称</th><th>文号</th><th>成文日期</th><th>发布日期</th></tr>"
        body = "".join(f'<tr><td>{it.index + 1}</td><td class="bt"><a href="{it.path}" target="_blank" '
                       f'title="{escape(it.title)}">{escape(it.title)}</a></td><td>{number}</td>'
                       f"<td>{fmt_iso(written)}</td><td>{fmt_iso(it.date)}</td></tr>" for it, number, written in rows)
        return f'<table class="xxgk-table" width="100%" border="1" cellspacing="0">{head}{body}</table>'

    def pagination(self, urls: list[str], page: int, total: int) -> str:
        nxt = f'<a href="{urls[page + 1]}">下页</a>' if page < len(urls) - 1 else ""
        prev = f'<a href="{urls[page - 1]}">上页</a>' if page > 0 else ""
        return (f'<div class="pages">共 {total} 条记录 {page + 1}/{len(urls)} 页 '
                f'<a href="{urls[0]}">首页</a> {prev} {self.page_numbers(urls, page)} {nxt} '
                f'<a href="{urls[-1]}">尾页</a></div>')

    def article_info(self, title: str, d: date, publisher: str, source: str | None, index_no: str,
                     number: str | None = None, written: date | None = None) -> str:
        src = f"&nbsp;&nbsp;信息来源：{escape(source)}" if source else ""
        return (f'<table width="100%"><tr><td class="title" align="center">{escape(title)}</td></tr>'
                f'<tr><td class="info" align="center">发布时间：{fmt_iso(d)} 09:30:00{src}'
                f'&nbsp;&nbsp;浏览次数：<span id="c">{(d.toordinal() % 900) + 37}</span></td></tr></table>')


class JcmsSkin(Skin):
    name = "jcms"
    body_class = "jcms"

    def list_date(self, d: date) -> str:
        return f"[{fmt_iso(d)}]"

    def home_date(self, d: date, as_of: date) -> str:
        return f"{d:%m-%d}" if d.year == as_of.year else fmt_iso(d)

    list_open, list_close = '<dl class="news-list">', "</dl>"

    def list_row(self, it: Item, d: str) -> str:
        return f'<dd><span class="time">{d}</span><a href="{it.path}" target="_blank">{escape(it.title)}</a></dd>'

    def pagination(self, urls: list[str], page: int, total: int) -> str:
        return (super().pagination(urls, page, total) +
                '<span class="jump">跳转到<input type="text" size="2" id="pg">页 <input type="button" value="GO"></span>')

    def article_info(self, title: str, d: date, publisher: str, source: str | None, index_no: str,
                     number: str | None = None, written: date | None = None) -> str:
        src = f" | 来源：{escape(source)}" if source else ""
        return (f'<div class="art-title"><h2>{escape(title)}</h2></div><div class="art-info">'
                f"发布时间：{d.year}/{d.month}/{d.day} 10:05:00{src} | 作者：{escape(publisher)}</div>")


SKINS: dict[str, Skin] = {"trs": TrsSkin(), "hanweb": HanwebSkin(), "jcms": JcmsSkin()}
