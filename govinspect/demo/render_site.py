"""Render one page of a demo site: homepage, column lists, articles, messages, guides, 网站地图, search."""
from __future__ import annotations

from html import escape

from govinspect.demo import personal_data_plants
from govinspect.demo.city_model import DemoColumn, DemoResponse, DemoSite
from govinspect.demo.page_skins import SKINS, Chrome, Head, Skin, fmt_iso
from govinspect.demo.prose import pick
from govinspect.demo.random_skin import random_skin
from govinspect.demo.render_article import ArticleMain
from govinspect.demo.site_chrome import base_css, build_chrome, search_form
from govinspect.demo.site_content import SiteContent
from govinspect.demo.spam_plants import (
    CLOAK_BLOCK,
    CLOAK_TITLE,
    HIJACKED_TITLE,
    SPAM_META,
    SPAM_TAIL,
    is_spider,
)
from govinspect.demo.url_schemes import STATIC_PAGES, Route

PAGE_SIZE = 20
ATTACHMENT_TYPES = {"doc": "application/msword", "pdf": "application/pdf", "xls": "application/vnd.ms-excel"}
SOURCES = ("咸宁日报", "咸宁新闻网", "湖北日报", "本网", "新华网", "人民网")
PNG_1PX = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def list_page_count(col: DemoColumn) -> int:
    """Pages of a column's list (a container column has one page). Every page carries the column's head,
    so a hijacked title or spam meta is on each of them (the ground truth lists them all)."""
    return 1 if col.is_container else max(1, -(-col.count // PAGE_SIZE))


class SiteRenderer:
    def __init__(self, site: DemoSite, content: SiteContent, port: str):
        self.site, self.c, self.port = site, content, port
        # a random skin (markup nobody tuned on) when the city was built with a skin seed
        self.skin: Skin = SKINS[site.template] if site.skin_seed is None else random_skin(site.skin_seed)
        self._chrome: dict[str, Chrome] = {}

    # entry point ---------------------------------------------------------------------------------
    def render(self, path_qs: str, user_agent: str = "", referer: str = "") -> DemoResponse:
        site = self.site
        if site.plants.blocked:
            return self._html(403, "<html><head><title>403 Forbidden</title></head><body><h1>访问被拒绝</h1>"
                              "<p>您的访问请求被网站安全防护系统拦截（事件ID：WAF-20200717）。</p></body></html>")
        if site.plants.unreachable:
            return self._html(502, "<html><head><title>502 Bad Gateway</title></head><body><center>"
                              "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
        path = path_qs.split("?")[0]
        if path in site.plants.soft_404_paths:
            return self._page(Head(f"页面不存在_{site.name}"), '<div class="error">对不起，您访问的页面不存在或已被删除！'
                              '<a href="/">返回首页</a></div>', None)
        route = self.c.scheme.parse(path_qs)
        if route is None:
            return self._not_found()
        if route.kind == "home":
            return self.home(is_spider(user_agent, referer))
        if route.kind == "css":
            return DemoResponse(200, {"Content-Type": "text/css; charset=utf-8"}, base_css(site).encode())
        if route.kind == "image":
            if "banner_2019" in route.query:
                return self._not_found()
            return DemoResponse(200, {"Content-Type": "image/png"}, PNG_1PX)
        if route.kind == "attachment":
            return self.attachment(route.query)
        if route.kind == "robots":
            return DemoResponse(200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
        if route.kind == "sitemap":
            return self.sitemap()
        if route.kind == "static":
            return self.static(route.query)
        if route.kind == "search":
            return self.search(route.query)
        col = site.column(route.cid) if route.cid is not None else None
        if col is None:
            return self._not_found()
        if route.kind == "column":
            return self.column(col, route.number)
        return self.article(col, route.number, route)

    # helpers --------------------------------------------------------------------------------------
    def _html(self, status: int, text: str) -> DemoResponse:
        enc = self.site.encoding
        # gb2312 sites declare it only in <meta> (no charset in the header) and, like real ones, are
        # written by a GBK encoder
        ctype = "text/html" if enc == "gb2312" else f"text/html; charset={enc}"
        codec = "gbk" if enc == "gb2312" else enc
        return DemoResponse(status, {"Content-Type": ctype, "Server": "nginx"},
                            text.encode(codec, errors="xmlcharrefreplace"))

    def _page(self, head: Head, main: str, trail: list[tuple[str, str]] | None, kind: str = "page",
              status: int = 200, tail: str = "") -> DemoResponse:
        chrome = self._chrome.get(kind)
        if chrome is None:      # site-wide parts depend only on the page kind: build once
            chrome = self._chrome[kind] = build_chrome(self.site, self.c, self.port, kind, self.skin)
        text = self.skin.page(chrome, head, main, trail)
        if self.skin.absolute_links:      # TRS sites print absolute links (as hd.gov.cn does)
            text = text.replace('href="/', f'href="http://{self.site.host}{self.port}/')
        return self._html(status, text + tail)

    def _not_found(self) -> DemoResponse:
        return self._html(404, "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>"
                          "<p>您访问的页面不存在。</p></body></html>")

    def _trail(self, col: DemoColumn) -> list[tuple[str, str]]:
        chain = []
        cur: DemoColumn | None = col
        while cur is not None:
            chain.append((self.c.scheme.column_url(cur), cur.name))
            cur = self.site.column(cur.parent) if cur.parent is not None else None
        return chain[::-1]

    def _with_port(self, url: str) -> str:
        """An absolute http:// URL on a mapped host gets the served port; paths stay as they are."""
        if not url.startswith("http://"):
            return url
        host, _, rest = url[7:].partition("/")
        return f"http://{host}{self.port}/{rest}"

    def _title(self, *parts: str) -> str:
        return "_".join(parts + (self.site.name,))

    # homepage ---------------------------------------------------------------------------------------
    def home_columns(self) -> list[DemoColumn]:
        """Columns whose newest items the homepage shows (none on a navigation-only homepage)."""
        if self.site.plants.nav_only_homepage:
            return []
        wanted = ("dtyw/bdyw", "tzgg", "zcwj", "dtyw/bmdt", "zcjd", "rsxx")
        return [c for slug in wanted for c in self.site.columns if c.slug == slug and c.count]

    def home_items_count(self) -> int:
        return sum(min(7, c.count) for c in self.home_columns())

    def home(self, spider: bool) -> DemoResponse:
        site, scheme = self.site, self.c.scheme
        if site.plants.nav_only_homepage:
            tiles = "".join(f'<li><a href="{scheme.column_url(c)}"><img src="/images/icon{c.cid}.png" alt="">'
                            f"<span>{escape(c.name)}</span></a></li>" for c in site.top_columns)
            main = f'<div class="entry-grid"><h2>{escape(site.name)}</h2><ul class="tiles">{tiles}</ul></div>'
        else:
            blocks = [self.skin.block(c.name, scheme.column_url(c),
                                      self.skin.list_html(self.c.items(c, 0, 7), home=True, as_of=self.c.as_of))
                      for c in self.home_columns()]
            main = "\n".join(blocks) + self._home_links()
        title = site.name
        if spider and site.plants.cloaking:
            title, main = CLOAK_TITLE, CLOAK_BLOCK + main
        return self._page(Head(title), main, None, kind="home")

    def _home_links(self) -> str:
        site, scheme = self.site, self.c.scheme
        services, specials = [], []
        for col in site.columns:
            if col.is_container:
                continue
            li = f'<li><a href="{scheme.column_url(col)}">{escape(col.name)}</a></li>'
            if col.column_type in ("service", "consultation", "interview", "survey"):
                services.append(li)
            elif col.column_type == "special":
                specials.append(li)
        for target, on_home in site.plants.broken_links:
            if not on_home:
                continue
            if target.endswith(".jpg"):
                specials.append(f'<li><img src="{target}" alt="专题图片"></li>')
            else:
                href = self._with_port(target)
                specials.append(f'<li><a href="{href}">{"公共资源交易平台" if "ggzy" in target else "相关链接"}</a></li>')
        return (f'<div class="block service"><h2>互动与服务</h2><ul>{"".join(services)}</ul></div>'
                f'<div class="block special"><h2>专题专栏</h2><ul>{"".join(specials)}</ul></div>')

    # column pages ------------------------------------------------------------------------------------
    def column(self, col: DemoColumn, page: int) -> DemoResponse:
        site, scheme = self.site, self.c.scheme
        head = Head(self._title(col.name), column_name=col.name)
        if site.plants.hijacked_title_cid == col.cid:
            head.title = f"{HIJACKED_TITLE}_{col.name}"
        if site.plants.spam_meta_cid == col.cid:
            head.extra.append(SPAM_META)
        if col.is_container:
            blocks = []
            for k in col.children:
                child = site.by_cid[k]
                inner = self.skin.list_html(self.c.items(child, 0, 5)) if child.count else \
                    f'<p><a href="{scheme.column_url(child)}">进入栏目</a></p>'
                blocks.append(self.skin.block(child.name, scheme.column_url(child), inner))
            return self._page(head, "\n".join(blocks), self._trail(col))
        pages = list_page_count(col)
        if page < 0 or page >= pages:
            return self._not_found()
        if col.count == 0:
            body = self.skin.empty_list()
        else:
            items = self.c.items(col, page * PAGE_SIZE, PAGE_SIZE)
            if col.column_type == "policy":
                body = self.skin.policy_list_html([(it, *self.c.policy_facts(col, it.index)) for it in items])
            elif col.kind == "messages":
                body = self.skin.message_list_html([(it, self.c.message(col, it.index)) for it in items])
            else:
                body = self.skin.list_html(items)
            if pages > 1:
                body += self.skin.pagination([scheme.column_url(col, p) for p in range(pages)], page, col.count)
        return self._page(head, f'<div class="column-list"><h2>{escape(col.name)}</h2>{body}</div>',
                          self._trail(col), kind="list")

    # articles ----------------------------------------------------------------------------------------
    def article(self, col: DemoColumn, index: int, route: Route) -> DemoResponse:
        if col.is_container or not 0 <= index < col.count:
            return self._not_found()
        item = self.c.item(col, index)
        if route.query and route.query != f"{item.date:%Y%m%d}":
            return self._not_found()
        plant = self.site.plants.items.get((col.cid, index), {})
        source = None if plant.get("no_source") or col.kind != "list" else \
            SOURCES[pick(f"{self.c.key}|{col.cid}|{index}|src", len(SOURCES))]
        main = ArticleMain(self.site, self.c, self.skin).render(col, index, item, plant, source)
        head = Head(self._title(item.title, col.name), column_name=col.name, article_title=item.title,
                    pub_date=f"{fmt_iso(item.date)} 09:30", content_source=source)
        tail = SPAM_TAIL if plant.get("spam_tail") else ""
        return self._page(head, main, self._trail(col), kind="article", tail=tail)

    # other pages ---------------------------------------------------------------------------------------
    def sitemap(self) -> DemoResponse:
        scheme = self.c.scheme

        def tree(cols: list[DemoColumn]) -> list[tuple[str, str, list]]:
            return [(scheme.column_url(c), c.name, tree([self.site.by_cid[k] for k in c.children])) for c in cols]
        return self._page(Head(self._title("网站地图")), self.skin.sitemap_html(tree(self.site.top_columns)),
                          [(scheme.sitemap, "网站地图")])

    def attachment(self, path: str) -> DemoResponse:
        """Attachments (申请表, 附件) exist unless a plant links to a missing one."""
        if any(path == target for target, _ in self.site.plants.broken_links):
            return self._not_found()
        planted = personal_data_plants.attachment(path, self.c.key)
        if planted is not None:
            return DemoResponse(200, {"Content-Type": personal_data_plants.attachment_type(path) or ""}, planted)
        ctype = ATTACHMENT_TYPES.get(path.rsplit(".", 1)[-1].lower())
        if ctype is None:
            return self._not_found()
        body = f"{self.site.name} {path}".encode() + bytes(64)
        return DemoResponse(200, {"Content-Type": ctype}, body)

    def static(self, path: str) -> DemoResponse:
        name, site = STATIC_PAGES[path], self.site
        texts = {
            "网站声明": f"{site.name}由{site.organizer}主办。本网站发布的信息仅供参考，转载请注明出处。",
            "联系我们": f"主办单位：{site.organizer}　联系电话：{site.contact_phone}　"
                        f"值班手机：{personal_data_plants.OFFICE_MOBILE}　通信地址：{site.place}温泉路{20 + site.index}号",
            "用户登录": "请输入用户名和密码登录。",
            "用户注册": "请填写注册信息。注册后可使用留言、在线办事等功能。",
        }
        return self._page(Head(self._title(name)), f'<div class="static"><h1>{name}</h1><p>{escape(texts[name])}</p></div>',
                          [(path, name)])

    def search(self, query: str) -> DemoResponse:
        if self.site.plants.no_search:
            return self._not_found()
        hits = []
        for col in self.site.columns:
            if col.kind == "list" and col.count:
                hits += [it for it in self.c.items(col, 0, 40) if query and query in it.title]
        hits.sort(key=lambda it: it.date, reverse=True)
        body = self.skin.list_html(hits[:20]) if hits else "<p>没有找到相关结果</p>"
        return self._page(Head(self._title("搜索结果")), f'{search_form(self.site, self.c)}'
                          f'<div class="search-result"><p>“{escape(query)}”共找到{len(hits)}条结果</p>{body}</div>',
                          [(self.c.scheme.search, "搜索结果")])
