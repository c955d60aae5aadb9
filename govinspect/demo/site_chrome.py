"""Site-wide page parts: navigation, search form, footer (six items + 找错), hidden elements."""
from __future__ import annotations

from govinspect.demo.city_model import DemoSite
from govinspect.demo.page_skins import Chrome, FooterParts, Skin
from govinspect.demo.site_content import SiteContent
from govinspect.demo.spam_plants import (
    BASE_CSS,
    EXTERNAL_CSS_RULE,
    INNER_TRICKS,
    STYLE_BLOCK_RULE,
    conac_script,
    hidden_link_html,
    login_box,
    mobile_menu,
    skip_link,
    spam_target,
)
from govinspect.demo.url_schemes import scheme_for

CONAC_HOST = "bszs.conac.cn"
CONAC_IMG_HOST = "dcs.conac.cn"
ERROR_REPORT_HOST = "zfwzzc.www.gov.cn"
ICP_HOST = "beian.miit.gov.cn"
POLICE_HOST = "www.beian.gov.cn"
GOV_CN_HOST = "www.gov.cn"
PROVINCE_HOST = "www.hubei.gov.cn"


def footer_parts(site: DemoSite, port: str) -> FooterParts:
    missing = site.plants.missing_footer
    code = site.plants.invalid_footer_code or site.site_code
    # a 友情链接 drop-down: hidden external links to government sites, legitimately (not 暗链)
    friends = (f'<div class="yqlj"><span>友情链接</span><ul class="yqlj-list" style="display:none">'
               f'<li><a href="http://{GOV_CN_HOST}{port}/" target="_blank">中国政府网</a></li>'
               f'<li><a href="http://{PROVINCE_HOST}{port}/" target="_blank">湖北省人民政府</a></li></ul></div>')
    police = None
    if "police_filing" not in missing:
        num = site.police_filing
        police = (f'<a href="http://{POLICE_HOST}{port}/portal/registerSystemInfo?recordcode={num}" '
                  f'target="_blank"><img src="/images/ga.png" alt="">鄂公网安备 {num}号</a>')
    badges = []
    if "conac_badge" not in missing:
        badges.append(conac_script(CONAC_IMG_HOST + port, site.site_code))
        badges.append(f'<span id="_ideConac"><a href="http://{CONAC_HOST}{port}/sitename?method=show&amp;id='
                      f'{site.site_code}A0C7E8" target="_blank"><img id="imgConac" src="http://'
                      f'{CONAC_IMG_HOST}{port}/image/red.png" alt="党政机关"></a></span>')
    if not site.plants.no_error_report:
        badges.append(f'<a href="http://{ERROR_REPORT_HOST}{port}/check_web/errorInfo_querySiteErrorInfo.action?'
                      f'sitecode={site.site_code}" target="_blank"><img src="/images/jiucuo.png" '
                      'alt="我为政府网站找错">我为政府网站找错</a>')
    has_contact = "contact" not in missing
    return FooterParts(
        links=[("/", "返回首页"), ("/wzsm.html", "网站声明"), ("/lxwm.html", "联系我们"), (sitemap_url(site), "网站地图")],
        friend_links=friends,
        organizer=site.organizer if "organizer" not in missing else None,
        phone=site.contact_phone if has_contact else None,
        address=f"{site.place}温泉路{20 + site.index}号" if has_contact else None,
        icp=f'<a href="http://{ICP_HOST}{port}/" target="_blank">{site.icp}</a>' if "icp" not in missing else None,
        police=police, site_code=code if "site_code" not in missing else None, badges=badges)


def sitemap_url(site: DemoSite) -> str:
    return scheme_for(site.template, []).sitemap


def search_form(site: DemoSite, content: SiteContent) -> str:
    if site.plants.no_search:
        return ""
    s = content.scheme
    return (f'<form class="search" name="searchform" action="{s.search}" method="get">'
            f'<input type="text" name="{s.search_param}" placeholder="请输入关键字">'
            '<input type="submit" value="搜索"></form>')


def build_chrome(site: DemoSite, content: SiteContent, port: str, page_kind: str, skin: Skin) -> Chrome:
    nav = []
    for col in site.top_columns:
        kids = [(content.scheme.column_url(site.by_cid[k]), site.by_cid[k].name) for k in col.children]
        nav.append((content.scheme.column_url(col), col.name, kids))
    top = [skip_link(), login_box(), mobile_menu([(u, n) for u, n, _ in nav])]
    bottom: list[str] = []
    style = ""
    for trick in site.plants.hidden_links:
        if INNER_TRICKS.get(trick, "home") != page_kind:
            continue
        url, text = spam_target(trick, port)
        bottom.append(hidden_link_html(trick, url, text))
    if site.plants.hidden_links and page_kind == "home":
        style = f"<style type=\"text/css\">{STYLE_BLOCK_RULE}</style>\n"
    return Chrome(
        charset=site.encoding, site_name=site.name, site_domain=site.host,
        site_code_meta=site.plants.invalid_footer_code or site.site_code,
        viewport=not site.plants.no_viewport, nav=nav, search_form=search_form(site, content),
        header_links=(f'<a href="http://{GOV_CN_HOST}{port}/" target="_blank">中国政府网</a>｜'
                      f'<a href="http://{PROVINCE_HOST}{port}/" target="_blank">湖北省人民政府</a>'),
        footer_html=skin.footer(footer_parts(site, port)), hidden_top="".join(top) + "\n",
        hidden_bottom="\n".join(bottom), style_block=style,
    )


def base_css(site: DemoSite) -> str:
    """The site stylesheet; on the 暗链 site it also hides ``.yqlj-box`` (the external-CSS trick)."""
    return BASE_CSS + (EXTERNAL_CSS_RULE + "\n" if site.plants.hidden_links else "")
