"""<meta> SiteIDCode/SiteName/ColumnName/PubDate/ContentSource, viewport and the site search form."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.links import clean_text
from govinspect.model.artifacts import PageMeta

_SEARCH_HINT = re.compile(r"search|sousuo|jsearch|query|/so/|s\.jsp|solr|trs|fulltext|检索|搜索", re.IGNORECASE)
_SEARCH_FIELD = re.compile(r"^(q|kw|key|keys|keyword|keywords|searchword|searchWord|query|wd|word|sw|qt|text|title)$", re.IGNORECASE)


def meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    """name (lower-case) → content of every <meta name=…>."""
    out: dict[str, str] = {}
    for m in tree.css("meta[name]"):
        name = (m.attributes.get("name") or "").strip().lower()
        if name and name not in out:
            out[name] = clean_text(m.attributes.get("content"))
    return out


def has_search_form(tree: LexborHTMLParser) -> bool:
    for form in tree.css("form"):
        attrs = form.attributes
        inputs = form.css("input")
        text_inputs = [i for i in inputs if (i.attributes.get("type") or "text").lower() in ("text", "search")]
        if not text_inputs:
            continue
        hints = " ".join(str(v or "") for v in (attrs.get("action"), attrs.get("name"), attrs.get("id"),
                                                attrs.get("class"), attrs.get("onsubmit")))
        labels = " ".join(str(i.attributes.get(k) or "") for i in inputs for k in ("value", "placeholder", "title"))
        buttons = " ".join(clean_text(b.text()) for b in form.css("button"))
        if (_SEARCH_HINT.search(hints) or re.search(r"搜索|检索|关键[字词]|search", labels + buttons, re.IGNORECASE)
                or any(_SEARCH_FIELD.match(i.attributes.get("name") or "") for i in text_inputs)):
            return True
    # Search boxes without a form, driven by script: an input with a search hint.
    return any(re.search(r"搜索|检索|关键[字词]", str(i.attributes.get("placeholder") or "") +
                         str(i.attributes.get("value") or "")) for i in tree.css("input"))


def extract_page_meta(tree: LexborHTMLParser, url: str) -> PageMeta:
    metas = meta_values(tree)
    title = tree.css_first("title")
    return PageMeta(
        url=url,
        site_code=metas.get("siteidcode") or None,
        site_name=metas.get("sitename") or None,
        column_name=metas.get("columnname") or None,
        pub_date=metas.get("pubdate") or metas.get("publishdate") or None,
        content_source=metas.get("contentsource") or None,
        viewport="viewport" in metas,
        search_form=has_search_form(tree),
        title=clean_text(title.text()) if title else "",
    )
