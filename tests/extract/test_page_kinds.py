"""Page kinds on real pages nobody here wrote (../shared/realdata) and on the markup shapes real CMSs print."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govinspect.extract.decode_html import decode_html
from govinspect.extract.understand_site import understand_site
from govinspect.model.artifacts import PageKind, PageSnapshot

REAL = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "html"
AS_OF = date(2025, 12, 1)


def _kind(html: str, url: str = "http://x.gov.cn/a/b/page.html") -> PageKind:
    snap = PageSnapshot(url=url, final_url=url, status=200, fetched_at="", elapsed_ms=0, text=html)
    art = understand_site([snap], "http://home.invalid/", AS_OF)
    assert art.page_kinds is not None
    return art.page_kinds[0]


def _real(path: Path) -> PageKind:
    text, _ = decode_html(path.read_bytes(), None)
    return _kind(text, f"http://{path.stem}.test/page.html")


def test_real_article_pages_are_articles() -> None:
    """56 saved gov.cn article pages + 5 article pages (GNE, ccgp) + 2 rendered NFRA articles: ≥ 0.95 read as
    article; none as a list, board or blank-able page (a 政务咨询 sidebar of questions is not a board)."""
    pages = [*sorted((REAL / "clones_mhxqwer").glob("*.html")), *sorted((REAL / "articles").glob("*.html")),
             REAL / "rendered" / "nfra_gov_cn_penalty_article_rendered_2025.html",
             REAL / "rendered" / "nfra_gov_cn_penalty_table_rendered_2024.html"]
    kinds = {p.name: _real(p) for p in pages}
    articles = [n for n, k in kinds.items() if k.kind == "article"]
    assert len(articles) / len(kinds) >= 0.95, {n: (k.kind, k.evidence) for n, k in kinds.items() if k.kind != "article"}
    assert not [n for n, k in kinds.items() if k.kind in ("list", "board", "other")]


def test_real_list_and_content_pages() -> None:
    assert _real(REAL / "lists" / "hd_gov_cn_xxgk_list_2020.html").kind == "list"
    assert _real(REAL / "lists" / "hd_gov_cn_xxgk_home_2020.html").kind == "list"      # not the homepage here
    assert _real(REAL / "lists" / "hd_gov_cn_xxgk_detail_2020.html").kind == "article"
    gkzn = _real(REAL / "lists" / "hd_gov_cn_xxgk_gkzn_2020.html")
    assert gkzn.kind == "content" and gkzn.confident       # the 信息公开指南: a content page, never blank


def test_meta_refresh_section_page_forwards() -> None:
    k = _kind('<html><head><meta http-equiv="Refresh" content="0;URL=./ywyw/"></head></html>',
              "http://x.gov.cn/gzdt/index.html")
    assert k.kind == "landing" and "ywyw" in k.evidence


def test_trs_article_whose_date_a_script_writes() -> None:
    html = ("<body><div class='title'><h1>遵义市岗位设置管理实施意见</h1><div class='toolbar'>发布时间："
            "<script>var pubdata='2017年05月20日';document.write(pubdata);</script> 字体：小 中 大</div></div>"
            "<div class='content'><p>有效期至2021年6月30号。</p></div></body>")
    assert _kind(html).kind == "article"


def test_empty_trs_list_is_a_list_and_a_javascript_item_counts() -> None:
    html = ("<body><div class='NewsList'><h1><span>通知公告</span></h1><ul><li>"
            "<a href='javascript:;' title='关于开展专项行动的通知'>关于开展专项行动的通知</a><span>2017-08-08</span>"
            "</li></ul></div><script>createPageHTML(1, 0, \"index\", \"html\")</script></body>")
    k = _kind(html, "http://x.gov.cn/bmgk/tzgg_62444/index.html")
    assert k.kind == "list"


def test_login_search_soft404_form() -> None:
    assert _kind("<title>用户登录</title><body><form><input type='password'></form></body>",
                 "http://x.gov.cn/login.html").kind == "login"
    assert _kind("<title>页面不存在</title><body><h1>404</h1></body>").kind == "soft404"
    assert _kind("<title>搜索结果</title><body>共找到0条</body>", "http://x.gov.cn/search?q=a").kind == "search"


def test_a_news_article_quoting_guide_headings_is_not_a_guide() -> None:
    body = "".join(f"<p>{h}：……</p>" for h in ("办理材料", "办理流程", "办理地点", "联系电话"))
    news = f"<title>毕业生报到须知_人社局</title><body><h1>毕业生报到须知</h1><p>发布时间：2019-06-21</p>{body}</body>"
    assert _kind(news, "http://x.gov.cn/gzdt/ywyw/201906/t20190621_1.html").kind == "article"
    guide = f"<title>食品经营许可办事指南</title><body><h1>食品经营许可办事指南</h1>{body}</body>"
    assert _kind(guide, "http://x.gov.cn/bsfw/bszn/1.html").kind == "guide"


def test_unread_page_is_not_confident() -> None:
    k = _kind("<body><div id='app'></div><script>$.ajax({url:'/list'})</script></body>")
    assert k.kind == "other" and not k.confident


@pytest.mark.parametrize("home, other", [("http://www.x.gov.cn/", "http://hd.x.gov.cn/jyj/index.html")])
def test_other_hosts_are_reported(home: str, other: str) -> None:
    snaps = [PageSnapshot(url=u, final_url=u, status=200, fetched_at="", elapsed_ms=0,
                          text="<body><h1>标题标题</h1><p>" + "正文" * 100 + "</p></body>") for u in (home, other)]
    art = understand_site(snaps, home, AS_OF)
    assert art.understanding is not None and art.understanding.other_hosts == ("hd.x.gov.cn",)


def _list_page(rows: str) -> str:
    return ("<html><head><title>专题</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<h2>专题概要</h2><p>{'专题介绍文字。' * 30}</p><table><tr><td><div class='ztzxkList'><ul>{rows}</ul>"
            "</div></td></tr></table></body></html>")


def test_an_empty_container_of_the_sites_list_template_is_a_blank_list() -> None:
    """Two topic pages of one template: one lists items, the other prints the same container empty (no
    暂无信息 text). Comparing the pages of the site makes the second an explicitly empty list."""
    rows = "".join(f"<li><a href='/zwdt/{n}.html' title='党支部开展主题党日活动{n}'>党支部开展主题党日活动{n}</a>"
                   f"<em>[2020-12-{n:02d}]</em></li>" for n in range(1, 6))
    home = "http://x.gov.cn/"
    pages = {home: "<html><body><h1>首页</h1><a href='/topic/3.html'>专题一</a></body></html>",
             "http://x.gov.cn/topic/3.html": _list_page(rows), "http://x.gov.cn/topic/11.html": _list_page("")}
    snaps = [PageSnapshot(url=u, final_url=u, status=200, fetched_at="", elapsed_ms=0, text=t) for u, t in pages.items()]
    art = understand_site(snaps, home, AS_OF)
    kinds = {k.url: k for k in art.page_kinds or []}
    assert kinds["http://x.gov.cn/topic/11.html"].kind == "list"
    empty = next(c for c in art.columns or [] if c.url.endswith("/topic/11.html"))
    assert empty.blank and "ztzxkList" in empty.blank_evidence
    full = next(c for c in art.columns or [] if c.url.endswith("/topic/3.html"))
    assert not full.blank and full.newest_date == date(2020, 12, 5)


def test_article_title_is_never_the_site_name() -> None:
    """A logo <h1>荆门市人民政府</h1> on every page is the site's name: the article's title comes from its own
    heading, else from the list's anchor text."""
    logo = "<div class='head'><h1>荆门市人民政府</h1></div>"
    home = "http://www.jingmen.gov.cn/"
    items = "".join(f"<li><a href='/zcwj/{n}.html'>关于印发第{n}号实施方案的通知</a><span>2020-07-0{n}</span></li>"
                    for n in range(1, 4))
    pages = {home: f"<body>{logo}<ul>{items}</ul></body>",
             "http://www.jingmen.gov.cn/zcwj/index.html": f"<body>{logo}<ul>{items}</ul></body>"}
    for n in range(1, 4):
        pages[f"http://www.jingmen.gov.cn/zcwj/{n}.html"] = (
            f"<body>{logo}<div class='info'>发布时间：2020-07-0{n}</div><p>{'正文内容。' * 40}</p></body>")
    snaps = [PageSnapshot(url=u, final_url=u, status=200, fetched_at="", elapsed_ms=0, text=t) for u, t in pages.items()]
    art = understand_site(snaps, home, AS_OF)
    titles = {a.url.rsplit("/", 1)[-1]: a.title for a in art.articles or []}
    assert titles == {f"{n}.html": f"关于印发第{n}号实施方案的通知" for n in range(1, 4)}


def test_a_list_page_without_breadcrumb_is_named_by_its_title_and_placed_by_its_directory() -> None:
    home = "http://x.gov.cn/"
    rows = "".join(f"<li><a href='/zwgk/tzgg/{n}.html'>Announcement No.{n} of the Ministry</a><span>2015-08-2{n}</span></li>"
                   for n in range(1, 4))
    pages = {home: "<title>某部门网站</title><body><a href='/about.html'>About</a><a href='/zwgk/'>政务公开</a></body>",
             "http://x.gov.cn/about.html": "<title>About - 某部门网站</title><body><p>" + "简介。" * 60 + "</p></body>",
             "http://x.gov.cn/zwgk/tzgg/index.html":
                 f"<title>Government affairs public - 某部门网站</title><body><ul>{rows}</ul></body>"}
    snaps = [PageSnapshot(url=u, final_url=u, status=200, fetched_at="", elapsed_ms=0, text=t) for u, t in pages.items()]
    art = understand_site(snaps, home, AS_OF)
    col = next(c for c in art.columns or [] if c.url.endswith("/zwgk/tzgg/index.html"))
    assert col.name == "Government affairs public" and col.source == "listpage"
    assert "About" not in col.location                       # a root page is no parent of every section
    assert col.column_type == "notice"                        # typed by its items when the name says nothing


def test_a_column_whose_list_is_in_an_iframe_reads_the_framed_list() -> None:
    home = "http://x.gov.cn/"
    rows = "".join(f"<li><a href='/tzgg/{n}.html'>关于开展第{n}次检查的通知</a><span>2020-06-0{n}</span></li>"
                   for n in range(1, 4))
    pages = {home: "<body><div class='nav'><a href='/tzgg/'>通知公告</a><a href='/a/'>要闻</a><a href='/b/'>政策</a></div></body>",
             "http://x.gov.cn/tzgg/": "<body><div class='position'>当前位置：<a href='/'>首页</a> &gt; 通知公告</div>"
                                      "<iframe src='/tzgg/list.jsp'></iframe></body>",
             "http://x.gov.cn/tzgg/list.jsp": f"<body><ul>{rows}</ul></body>"}
    snaps = [PageSnapshot(url=u, final_url=u, status=200, fetched_at="", elapsed_ms=0, text=t) for u, t in pages.items()]
    col = next(c for c in understand_site(snaps, home, AS_OF).columns or [] if c.name == "通知公告")
    assert col.newest_date == date(2020, 6, 3) and col.item_count == 3 and not col.blank
