"""Random-skin markup of article info lines, footers, 留言 pages and 办事指南 (see random_skin.py)."""
from __future__ import annotations

from datetime import date
from html import escape

from govinspect.demo.page_skins import FooterParts
from govinspect.demo.site_content import MessageFacts
from govinspect.demo.skin_style import SkinStyle, fmt_date


def article_info(s: SkinStyle, title: str, d: date, publisher: str, source: str | None, index_no: str,
                 number: str | None, written: date | None) -> str:
    heading = f'<{s.title_tag} class="title">{escape(title)}</{s.title_tag}>'
    shown = fmt_date(d, s.article_date)
    if s.info_layout == "table":          # 信息公开 table above the title (TRS/xxgk style)
        rows = [("索引号", index_no), ("发布机构", escape(publisher)), ("名称", escape(title))]
        if number and written:
            rows += [("文号", number), ("成文日期", fmt_date(written, "cn0"))]
        rows.append((s.info_date_label if "日期" in s.info_date_label else "发布日期", shown))
        cells = "".join(f"<tr><th>{k}：</th><td>{v}</td></tr>" for k, v in rows)
        src = f'<div class="source">{s.source_label}：{escape(source)}</div>' if source else ""
        return f'<table class="xxgk-info" width="100%">{cells}</table>{heading}{src}'
    parts = [f"{s.info_date_label}：{shown}"]
    if source:
        parts.insert(0 if s.source_first else 1, f"{s.source_label}：{escape(source)}")
    parts.append(f"浏览次数：{(d.toordinal() % 900) + 37}")
    if s.info_layout == "spans":
        inner = "".join(f"<span>{p}</span>" for p in parts)
    else:
        inner = "&nbsp;&nbsp;".join(parts)
    return f'{heading}<div class="{s.block_class}-info">{inner}</div>'


def footer(s: SkinStyle, p: FooterParts) -> str:
    items = {
        "organizer": p.organizer and f"{s.organizer_label}{escape(p.organizer)}",
        "contact": p.phone and f"{s.phone_label}{p.phone}　{s.address_label}{escape(p.address or '')}",
        "icp": p.icp, "police": p.police, "code": p.site_code and f"{s.code_label}{p.site_code}",
    }
    shown = [items[k] for k in s.footer_order if items[k]]
    links = " | ".join(f'<a href="{href}">{text}</a>' for href, text in p.links)
    return (f'<{s.footer_tag} class="{s.footer_class}"><div class="{s.footer_class}-links">{links}</div>'
            f'{p.friend_links}<p>{s.footer_separator.join(shown)}</p>'
            f'<div class="{s.footer_class}-badges">{" ".join(p.badges)}</div></{s.footer_tag}>\n')


def message(s: SkinStyle, title: str, m: MessageFacts) -> str:
    answered = bool(m.replied or m.reply_text)
    asked = [("留言人", m.asker), (s.asked_label, fmt_date(m.asked, s.article_date)),
             ("留言内容", f"您好！{escape(title)}，希望有关部门予以答复，谢谢。")]
    reply = []
    if m.reply_unit:
        reply.append((s.unit_label, escape(m.reply_unit)))
    if m.replied:
        reply.append((s.replied_label, fmt_date(m.replied, s.article_date)))
    if m.reply_text:
        reply.append((s.reply_label, escape(m.reply_text)))
    elif s.reply_placeholder:
        reply.append((s.reply_label, s.reply_placeholder))
    status = [("办理状态", s.status_words[0 if answered else 1])] if s.detail_status else []
    if s.message_detail == "div_msg":
        paras = "".join(f"<p>{k}：{v}</p>" for k, v in asked + status)
        answer = f'<div class="reply">{"".join(f"<p>{k}：{v}</p>" for k, v in reply)}</div>' if reply else ""
        return f'<div class="msg"><h4>{escape(title)}</h4>{paras}{answer}</div>'
    rows = [("留言标题", escape(title))] + asked + status + reply
    if s.message_detail == "dl":
        return f'<dl class="{s.list_class}-msg">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
    trs = "".join(f"<tr><td class=\"label\">{k}：</td><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="{s.list_class}-msg" width="100%" border="1" cellspacing="0">{trs}</table>'


def guide(s: SkinStyle, title: str, rows: list[tuple[str, str]], form: str) -> str:
    if s.guide_shape == "dl":
        body = "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
    elif s.guide_shape == "h3p":
        body = "".join(f"<h3>{k}</h3><p>{v}</p>" for k, v in rows)
    elif s.guide_shape == "colon":
        body = "".join(f"<p><strong>{k}：</strong>{v}</p>" for k, v in rows)
    else:
        body = '<table border="1" width="100%">' + "".join(f'<tr><td class="th">{k}</td><td>{v}</td></tr>'
                                                            for k, v in rows) + "</table>"
    return (f'<div class="{s.block_class}-guide"><{s.title_tag} class="title">{escape(title)}</{s.title_tag}>'
            f"{body}{form}</div>")


def sitemap(s: SkinStyle, tree: list[tuple[str, str, list]]) -> str:
    def link(u: str, n: str) -> str:
        return f'<a href="{u}">{escape(n)}</a>'

    def table_cell(nodes: list[tuple[str, str, list]]) -> str:
        return " ".join(link(u, n) + (f"（{table_cell(kids)}）" if kids else "") for u, n, kids in nodes)

    def divs(nodes: list[tuple[str, str, list]], depth: int) -> str:
        return "".join(f'<div class="map-lv{depth}"><h{depth + 3}>{link(u, n)}</h{depth + 3}>{divs(kids, depth + 1)}</div>'
                       for u, n, kids in nodes)

    if s.sitemap == "table":
        rows = "".join(f'<tr><td class="map-t">{link(u, n)}</td><td>{table_cell(kids)}</td></tr>' for u, n, kids in tree)
        body = f'<table class="{s.block_class}-map" width="100%" border="1">{rows}</table>'
    else:
        body = divs(tree, 0)
    return f'<div class="{s.block_class}-sitemap"><{s.title_tag}>网站地图</{s.title_tag}>{body}</div>'
