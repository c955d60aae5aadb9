"""Fuzz: feed parsing (RSS / Atom / JSON feeds of new-media accounts) and HTML extraction (random bytes,
truncated documents, deep nesting, huge attributes, mixed encodings). Neither has an error class of its
own: a feed always ends in a ParsedFeed (ok / empty / parse_error with a Chinese detail), a page always in
SiteArtifacts — whatever the bytes."""
from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from govinspect.extract.decode_html import decode_html
from govinspect.extract.understand_site import understand_site
from govinspect.gather.feeds.parse_feed import ParsedFeed, parse_feed_bytes
from govinspect.model.artifacts import PageSnapshot, SiteArtifacts

from .fuzz_bounds import FUZZ, bounded, process_high_water_ok
from .strategies import JSONISH, TEXT, truncated

AS_OF = date(2020, 7, 17)
HOME = "http://www.xianning.gov.cn/"
DATES = st.sampled_from(["Fri, 17 Jul 2020 07:30:00 +0800", "2020-07-17T16:10:00Z", "2020年7月3日", "昨天",
                         "", "9999-99-99", "1594947600", "-1", "Mon, 32 Foo 2020"]) | TEXT | st.integers()
ENCODINGS = st.sampled_from(["utf-8", "gb18030", "gbk", "big5", "utf-16", "latin-1", "shift_jis"])


def _enc(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def rss(draw: st.DrawFn) -> bytes:
    items = "".join(f"<item><title>{draw(TEXT)}</title><pubDate>{draw(DATES)}</pubDate>"
                    f"<description><![CDATA[{draw(TEXT)}]]></description><link>{draw(TEXT)}</link></item>"
                    for _ in range(draw(st.integers(0, 12))))
    encoding = draw(ENCODINGS)
    return _enc(f'<?xml version="1.0" encoding="{draw(st.sampled_from([encoding, "utf-8", "gbk", "bogus"]))}"?>'
                f"<rss version=\"2.0\"><channel><title>{draw(TEXT)}</title>{items}</channel></rss>", encoding)


@st.composite
def atom(draw: st.DrawFn) -> bytes:
    entries = "".join(f"<entry><title>{draw(TEXT)}</title><updated>{draw(DATES)}</updated>"
                      f"<content type=\"html\">{draw(TEXT)}</content></entry>" for _ in range(draw(st.integers(0, 12))))
    return _enc(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(TEXT)}</title>{entries}</feed>',
                draw(ENCODINGS))


@st.composite
def json_feed(draw: st.DrawFn) -> bytes:
    key = draw(st.sampled_from(["items", "posts", "data", "list", "entries", "other"]))
    items = draw(st.lists(st.fixed_dictionaries({}, optional={
        "date_published": DATES, "created_at": DATES, "title": TEXT, "content_text": TEXT, "url": TEXT,
        "text": JSONISH}) | JSONISH, max_size=12))
    doc = draw(st.sampled_from([{key: items}, items, {"data": {key: items}}]))
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


def _deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


FEEDS = (rss() | atom() | json_feed() | st.binary(max_size=3000)
         | st.integers(100, 200_000).map(_deep_json))


@FUZZ
@given(body=FEEDS, cut=st.data(), content_type=st.sampled_from(["", "application/json", "application/rss+xml",
                                                                 "text/html; charset=gbk"]))
def test_any_feed_body_ends_in_a_parsed_feed(body, cut, content_type) -> None:
    if cut.draw(st.booleans()):
        body = cut.draw(truncated(body))
    value, _ = bounded(parse_feed_bytes, body, content_type)
    assert isinstance(value, ParsedFeed) and value.status in ("ok", "empty", "parse_error")
    if value.status != "ok":
        assert value.detail
    process_high_water_ok()


def _page(depth: int, tag: str, attr: str, text: str, links: int) -> str:
    nav = "".join(f'<li><a href="/lm{i}/" {attr}>栏目{i}{text}</a></li>' for i in range(links))
    body = f"<{tag}>" * depth + text + f"</{tag}>" * depth
    return (f'<html><head><meta charset="gbk"><title>{text}咸宁市人民政府</title></head><body>'
            f"<ul class=\"nav\">{nav}</ul><div class=\"list\"><ul><li><a href=\"/a/1.html\">{text}</a>"
            f"<span>2020-07-01</span></li></ul></div>{body}<div class=\"footer\">主办单位：{text}</div></body></html>")


@st.composite
def html(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["page", "deep", "huge_attr", "mixed", "bytes"]))
    text = draw(TEXT)
    if kind == "bytes":
        return draw(st.binary(max_size=5000))
    depth = draw(st.integers(0, 30)) if kind != "deep" else draw(st.integers(500, 20_000))
    attr = f'title="{draw(TEXT) * draw(st.integers(1, 20_000))}"' if kind == "huge_attr" else 'class="a"'
    page = _page(depth, draw(st.sampled_from(["div", "span", "table", "ul", "font", "p", "b"])), attr, text,
                 draw(st.integers(0, 40)))
    if kind == "mixed":      # a UTF-8 template with a GBK-encoded include, or the other way round
        half = len(page) // 2
        return page[:half].encode("utf-8", "replace") + page[half:].encode("gb18030", "replace")
    return page.encode(draw(ENCODINGS), errors="replace")


def _extract(body: bytes, content_type: str) -> SiteArtifacts:
    text, encoding = decode_html(body, content_type)
    pages = [PageSnapshot(url=url, final_url=url, status=200, fetched_at="2020-07-17T08:00:00+08:00",
                          elapsed_ms=10.0, content_type=content_type, encoding=encoding, text=text,
                          size=len(body), depth=0 if url == HOME else 1, referrer=None if url == HOME else HOME)
             for url in (HOME, HOME + "lm1/")]
    return understand_site(pages, HOME, AS_OF)


@FUZZ
@given(body=html(), cut=st.data(), content_type=st.sampled_from(["text/html", "text/html; charset=utf-8",
                                                                 "text/html; charset=gb2312", "", "text/html; charset=x"]))
def test_any_html_bytes_end_in_site_artifacts(body, cut, content_type) -> None:
    if cut.draw(st.booleans()):
        body = cut.draw(truncated(body))
    value, _ = bounded(_extract, body, content_type, seconds=30)
    assert isinstance(value, SiteArtifacts)
    process_high_water_ok()
