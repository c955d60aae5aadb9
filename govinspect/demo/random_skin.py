"""Randomly generated CMS skins: the demo city's content through markup nobody tuned the extractor on.

    skin = random_skin(1042)      # same seed → same markup; same interface as page_skins.Skin

The skin varies markup only (list tags, class names, date formats and positions, menus, breadcrumbs,
pagination, empty-list markers, article info lines, footers, 留言 and 办事指南 shapes). Every page says
the same things as under the template skins, so the ground truth holds unchanged.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

from govinspect.demo.page_skins import Chrome, FooterParts, Head, Skin
from govinspect.demo.site_content import Item, MessageFacts
from govinspect.demo.skin_details import article_info, footer, guide, message, sitemap
from govinspect.demo.skin_style import SkinStyle, draw_style, fmt_date

SITE_METAS = ('<meta name="SiteName"', '<meta name="SiteDomain"', '<meta name="SiteIDCode"')
LIST_WRAPPERS = {"ul": ("<ul", "</ul>"), "ol": ("<ol", "</ol>"), "dl": ("<div", "</div>"),
                 "divdiv": ("<div", "</div>"), "p": ("<div", "</div>")}


def random_skin(seed: int) -> RandomSkin:
    return RandomSkin(draw_style(seed))


class RandomSkin(Skin):
    def __init__(self, style: SkinStyle):
        self.s = style
        self.name = f"random-{style.seed}"
        self.body_class = style.body_class
        self.absolute_links = style.absolute_links

    # page frame -------------------------------------------------------------------------------
    def head(self, chrome: Chrome, head: Head) -> str:
        if not self.s.article_metas:
            head = replace(head, column_name=None, article_title=None, pub_date=None, content_source=None)
        text = super().head(chrome, head)
        if not self.s.site_metas:
            text = "\n".join(line for line in text.split("\n") if not line.startswith(SITE_METAS))
        return text

    def main_html(self, main: str) -> str:
        if self.s.table_layout:
            main = (f'<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">'
                    f"<tr><td>{main}</td></tr></table>")
        return f'\n<div id="{self.s.main_id}" class="{self.s.main_id}-box">\n{main}\n</div>\n'

    def nav_html(self, chrome: Chrome) -> str:
        if chrome.nav_cache:
            return chrome.nav_cache
        s = self.s
        items, separate = [f'<li><a href="/">{s.home_text}</a></li>'], []
        for i, (url, name, children) in enumerate(chrome.nav):
            items.append(f'<li><a href="{url}">{escape(name)}</a>{self._sub_menu(i, children, separate)}</li>')
        style = f'<style type="text/css">.{s.sub_class}{{display:none}}</style>' if s.sub_menu == "css_hidden" else ""
        boxes = f'<div class="{s.sub_class}-box">{"".join(separate)}</div>' if separate else ""
        chrome.nav_cache = f'{style}<{s.nav_tag} class="{s.nav_class}"><ul>{"".join(items)}</ul></{s.nav_tag}>{boxes}'
        return chrome.nav_cache

    def _sub_menu(self, i: int, children: list[tuple[str, str]], separate: list[str]) -> str:
        mode, sub = self.s.sub_menu, self.s.sub_class
        if not children or mode == "none":
            return ""
        links = "".join(f'<a href="{u}">{escape(n)}</a>' for u, n in children)
        lis = "".join(f'<li><a href="{u}">{escape(n)}</a></li>' for u, n in children)
        if mode == "display_none":
            return f'<ul class="{sub}" style="display:none">{lis}</ul>'
        if mode == "dropdown":
            return f'<div class="dropdown-menu" style="display: none;">{links}</div>'
        if mode == "separate":
            separate.append(f'<div id="{sub}{i + 1}" class="{sub}" style="display:none">{links}</div>')
            return ""
        return f'<ul class="{sub}">{lis}</ul>'        # visible, or hidden by the class rule (css_hidden)

    def breadcrumb(self, trail: list[tuple[str, str]]) -> str:
        s = self.s
        parts = [f'<a href="/">{s.home_text.replace(" ", "")}</a>'] + [f'<a href="{u}">{escape(n)}</a>' for u, n in trail]
        if s.crumb_last_text and trail:
            parts[-1] = f"<span>{escape(trail[-1][1])}</span>"
        return f'<div class="{s.crumb_class}">{s.crumb_label}{s.crumb_separator.join(parts)}</div>'

    def block(self, title: str, more_url: str, inner: str) -> str:
        s = self.s
        return (f'<div class="{s.block_class}"><div class="{s.block_class}-hd"><{s.block_heading}>{escape(title)}'
                f'</{s.block_heading}><a class="more" href="{more_url}">{s.more_text}</a></div>{inner}</div>')

    # lists ------------------------------------------------------------------------------------
    def list_date(self, d: date) -> str:
        return fmt_date(d, self.s.date_format)

    def home_date(self, d: date, as_of: date) -> str:
        return fmt_date(d, self.s.home_format, as_of)

    def list_html(self, items: list[Item], home: bool = False, as_of: date | None = None) -> str:
        tag = self.s.home_tag if home else self.s.list_tag
        rows = [self.row(tag, it, self.home_date(it.date, as_of) if home and as_of else self.list_date(it.date))
                for it in items]
        return self.wrap(tag, "\n".join(rows))

    def wrap(self, tag: str, rows: str) -> str:
        if tag == "table":
            return f'<table class="{self.s.list_class}" width="100%" border="0" cellspacing="0" cellpadding="0">{rows}</table>'
        opening, closing = LIST_WRAPPERS[tag]
        return f'{opening} class="{self.s.list_class}">{rows}{closing}'

    def anchor(self, it: Item, text: str) -> str:
        s = self.s
        attrs = f' href="{it.path}"' + (' target="_blank"' if s.target_blank else "")
        attrs += f' title="{escape(it.title)}"' if s.title_attr else ""
        return f"<a{attrs}>{text}</a>"

    def row(self, tag: str, it: Item, d: str, extra: str = "") -> str:
        """One list item; ``extra`` (a 留言 status) follows the title."""
        s, title = self.s, escape(it.title)
        if s.date_wrap == "anchor":
            a, d = self.anchor(it, f"{d} {title}" if s.date_before else f"{title} {d}"), ""
        else:
            a = self.anchor(it, title)
        if tag == "table":
            cells = [f'<td class="bt">{a}{extra}</td>']
            if d:
                cells.insert(0 if s.date_before else 1, f'<td class="{s.date_class}">{d}</td>')
            return "<tr>" + "".join(cells) + "</tr>"
        if tag == "dl":
            if not d:
                return f"<dl><dt>{a}{extra}</dt></dl>"
            return f"<dl><dt>{d}</dt><dd>{a}{extra}</dd></dl>" if s.date_before else f"<dl><dt>{a}{extra}</dt><dd>{d}</dd></dl>"
        if d and s.date_wrap == "element":
            d = f'<{s.date_tag} class="{s.date_class}">{d}</{s.date_tag}>'
        inner = (f"{d} {a}{extra}" if s.date_before else f"{a}{extra} {d}") if d else a + extra
        opening, closing = {"divdiv": ('<div class="item">', "</div>"), "p": ("<p>", "</p>")}.get(tag, ("<li>", "</li>"))
        return f"{opening}{inner}{closing}"

    def policy_list_html(self, rows: list[tuple[Item, str, date]]) -> str:
        headers = self.s.policy_table
        if not headers:
            return super().policy_list_html(rows)
        plain = self.s.date_format if self.s.date_format in ("iso", "cn", "cn0", "slash", "dot") else "iso"
        body = []
        for it, number, written in rows:
            cells = {"序号": str(it.index + 1), "文号": number, "成文日期": fmt_date(written, plain)}
            cells |= {h: self.anchor(it, escape(it.title)) for h in ("名称", "标题", "文件名称")}
            cells |= {h: fmt_date(it.date, plain) for h in ("发布日期", "公开日期", "发布时间")}
            body.append("<tr>" + "".join(f"<td>{cells[h]}</td>" for h in headers) + "</tr>")
        head = "<tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>"
        return f'<table class="{self.s.list_class}" width="100%" border="1" cellspacing="0">{head}{"".join(body)}</table>'

    def message_list_html(self, rows: list[tuple[Item, MessageFacts]]) -> str:
        s = self.s
        if s.message_list == "plain":
            return super().message_list_html(rows)
        done, pending = s.status_words
        status = [done if m.replied or m.reply_text else pending for _, m in rows]
        if s.message_list == "status":
            return self.wrap(s.list_tag, "\n".join(
                self.row(s.list_tag, it, self.list_date(it.date), f' <span class="zt">[{word}]</span>')
                for (it, _), word in zip(rows, status)))
        head = f"<tr><th>序号</th><th>标题</th><th>{s.asked_label}</th><th>状态</th></tr>"
        body = "".join(f"<tr><td>{it.index + 1}</td><td>{self.anchor(it, escape(it.title))}</td>"
                       f"<td>{fmt_date(it.date, 'iso')}</td><td>{word}</td></tr>" for (it, _), word in zip(rows, status))
        return f'<table class="{s.list_class}" width="100%">{head}{body}</table>'

    def empty_list(self) -> str:
        s = self.s
        if s.empty_marker == "共0条":
            return f'<div class="{s.pager_class}">共0条 第1/1页</div>'
        if s.list_tag in ("ul", "ol"):
            return self.wrap(s.list_tag, f"<li>{s.empty_marker}</li>")
        return f'<div class="{s.list_class}"><p class="no-data">{s.empty_marker}</p></div>'

    def pagination(self, urls: list[str], page: int, total: int) -> str:
        s, n = self.s, len(urls)
        first = f'<a href="{urls[0]}">首页</a>'
        prev = f'<a href="{urls[page - 1]}">上一页</a>' if page > 0 else "<span>上一页</span>"
        nxt = f'<a href="{urls[page + 1]}">下一页</a>' if page < n - 1 else "<span>下一页</span>"
        last = f'<a href="{urls[-1]}">尾页</a>'
        if s.pager == "trs_script" and urls[1].endswith("/index_1.html"):
            inner = f'<script language="JavaScript">createPageHTML({n}, {page}, "index", "html");</script>'
        elif s.pager == "prev_next":
            inner = f"{first} {prev} {nxt} {last}"
        elif s.pager == "numbers":
            inner = self.page_numbers(urls, page)
        elif s.pager == "empire":
            nums = "&nbsp;".join(f"<b>{p + 1}</b>" if p == page else f'<a href="{urls[p]}">{p + 1}</a>'
                                 for p in range(max(0, page - 4), min(n, page + 5)))
            back = f"{first}&nbsp;{prev}&nbsp;" if page > 0 else ""
            ahead = f"&nbsp;{nxt}&nbsp;{last}" if page < n - 1 else ""
            inner = f'<a title="Total record">&nbsp;<b>{total}</b> </a>&nbsp;&nbsp;&nbsp;{back}{nums}{ahead}'
        else:
            inner = f"共{total}条 第{page + 1}/{n}页 {first} {prev} {nxt} {last}"
        return f'<div class="{s.pager_class}">{inner}</div>'

    # detail pages and footer ------------------------------------------------------------------
    def article_info(self, title: str, d: date, publisher: str, source: str | None, index_no: str,
                     number: str | None = None, written: date | None = None) -> str:
        return article_info(self.s, title, d, publisher, source, index_no, number, written)

    def footer(self, p: FooterParts) -> str:
        return footer(self.s, p)

    def message_html(self, title: str, m: MessageFacts) -> str:
        return message(self.s, title, m)

    def guide_html(self, title: str, rows: list[tuple[str, str]], form: str) -> str:
        return guide(self.s, title, rows, form)

    def sitemap_html(self, tree: list[tuple[str, str, list]]) -> str:
        return super().sitemap_html(tree) if self.s.sitemap == "ul" else sitemap(self.s, tree)
