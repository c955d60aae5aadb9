"""understand_site on real pages nobody here wrote, and on hostile input (bounded time)."""
from __future__ import annotations

import time
from datetime import date

from govinspect.extract.decode_html import decode_html
from govinspect.extract.links import extract_links
from govinspect.extract.understand_site import understand_site
from govinspect.model.artifacts import PageSnapshot


def _snap(url: str, text: str | None, status: int = 200) -> PageSnapshot:
    return PageSnapshot(url=url, final_url=url, status=status, fetched_at="2020-08-10T10:00:00+08:00",
                        elapsed_ms=1.0, text=text)


def test_hd_homepage_items_and_columns(realdata):
    home = "http://hdzfxxgk.hd.gov.cn/"
    text = (realdata / "html/lists/hd_gov_cn_xxgk_home_2020.html").read_text("utf-8")
    listing = (realdata / "html/lists/hd_gov_cn_xxgk_list_2020.html").read_text("utf-8")
    pages = [_snap(home, text), _snap("http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/", listing)]
    art = understand_site(pages, home, date(2020, 8, 10))
    assert len(art.homepage_items) == 61 and art.homepage_navigation_only is False
    assert max(i.date for i in art.homepage_items) == date(2020, 8, 2)
    by_loc = {c.location: c for c in art.columns}
    recent = by_loc["首页>政府文件>近期信息公开"]
    assert recent.newest_date == date(2020, 8, 5) and not recent.blank and recent.fetch_error is None
    # Columns seen only as links (not fetched) are never judged.
    unfetched = [c for c in art.columns if c.fetch_error]
    assert unfetched and all(not c.blank and c.newest_date is None for c in unfetched)
    assert art.footers[0].site_code == "1304000009"


def test_hostile_page_bounded():
    links = "".join(f'<li><a href="/p/{i}.html">第{i}条信息标题内容</a><span>2020-01-{i % 28 + 1:02d}</span></li>'
                    for i in range(10000))
    nested = "<div>" * 5000 + "深层嵌套" + "</div>" * 5000
    html = f"<html><body><ul>{links}</ul>{nested}<p>{'字' * 500000}</p></body></html>"
    start = time.perf_counter()
    found = extract_links(html, "http://x.gov.cn/")
    art = understand_site([_snap("http://x.gov.cn/", html)], "http://x.gov.cn/", date(2020, 2, 1))
    elapsed = time.perf_counter() - start
    assert len(found) == 10000 and len(art.homepage_items) == 10000
    assert elapsed < 20


def test_flat_and_deep_pages_stay_linear():
    """Bare sibling anchors in one div (no li rows) and deep nesting around big text: no quadratic walks."""
    flat = "<html><body><div class='news'>" + "".join(
        f'<a href="/p/{i}.html">第{i}条信息标题内容</a> 2020/01/{i % 28 + 1:02d}<br>' for i in range(10000)) + "</div></body></html>"
    deep = "<html><body>" + "<div class='x'>" * 3000 + "字" * 200000 + "</div>" * 3000 + "".join(
        f"<p><a href='/a{i}'>链接标题{i}号</a></p>" for i in range(3000)) + "</body></html>"
    start = time.perf_counter()
    art = understand_site([_snap("http://x.gov.cn/", flat)], "http://x.gov.cn/", date(2020, 2, 1))
    assert len(art.homepage_items) == 10000
    understand_site([_snap("http://x.gov.cn/", deep)], "http://x.gov.cn/", date(2020, 2, 1))
    assert time.perf_counter() - start < 15


def test_unreadable_site_leaves_artifacts_ungathered():
    art = understand_site([_snap("http://x.gov.cn/", None, 503)], "http://x.gov.cn/", date(2020, 2, 1))
    assert art.homepage is not None and art.homepage.status == 503
    assert art.columns is None and art.footers is None and art.homepage_items is None and art.links is None
    assert art.gather_errors


def test_binary_and_invalid_bytes_do_not_break():
    text, _ = decode_html(bytes(range(256)) * 4000, "text/html")
    art = understand_site([_snap("http://x.gov.cn/", text), _snap("http://x.gov.cn/a/", None, 404)],
                          "http://x.gov.cn/", date(2020, 2, 1))
    assert art.homepage is not None and art.columns == []


def test_column_on_a_soft_404_page_is_not_blank():
    home = ('<html><body><div class="nav"><ul><li><a href="/tzgg/">通知公告</a></li><li><a href="/zcwj/">政策文件</a>'
            '</li><li><a href="/rsxx/">人事信息</a></li></ul></div></body></html>')
    gone = "<html><head><title>404 页面不存在</title></head><body><h1>您访问的页面不存在</h1></body></html>"
    art = understand_site([_snap("http://x.gov.cn/", home), _snap("http://x.gov.cn/tzgg/", gone)],
                          "http://x.gov.cn/", date(2020, 2, 1))
    col = next(c for c in art.columns if c.name == "通知公告")
    assert col.fetch_error == "页面不存在（软404）" and not col.blank


def test_every_real_page_goes_through(realdata):
    files = sorted((realdata / "html").glob("*/*.html"))
    for path in files:
        text, _ = decode_html(path.read_bytes(), None)
        url = f"http://{path.stem.split('_')[0]}/"
        art = understand_site([_snap(url, text)], url, date(2025, 12, 31))
        assert art.footers and art.metas and isinstance(art.homepage_items, list), path.name
