"""Planted content-security defects: 暗链 with every hiding trick, injected spam text, cloaking.

Also the legitimate hidden things every clean site carries (drop-down menus, a mobile menu, a skip
link, a hidden login form, the CONAC ``document.write``) which a detector must NOT flag.
"""
from __future__ import annotations

import base64
from urllib.parse import quote

# Mapped hosts that play the spammers (all resolve to loopback through the resolve map).
GAMBLING_HOSTS = ("www.365bet-tyzx.com", "www.hg3088-vip.com", "www.amxpj-yl.com")
PORN_HOSTS = ("www.av-yingyuan.com",)
SPAM_HOSTS = GAMBLING_HOSTS + PORN_HOSTS
SPAM_ANCHORS = ("365bet体育在线", "皇冠体育投注", "澳门新葡京娱乐场", "真人百家乐", "六合彩开奖直播",
                "北京赛车pk10", "成人影院在线观看", "ag真人视讯",   # not in public lists: the hard case "时时彩平台", "博彩网站大全",
                "太阳城娱乐", "威尼斯人线上赌场", "现金棋牌游戏", "成人av在线播放", "老虎机游戏")

TRICKS = ("inline_display_none", "visibility_hidden", "opacity_zero", "offscreen_absolute", "text_indent",
          "font_size_zero", "font_size_one", "colour_as_background", "zero_size_container", "marquee",
          "style_block_class", "external_css_class", "document_write", "eval_base64", "escaped_write",
          "hidden_attribute")

EXTERNAL_CSS_CLASS = "yqlj-box"
STYLE_BLOCK_CLASS = "ft-ad"
STYLE_BLOCK_RULE = f".{STYLE_BLOCK_CLASS}{{display:none}}"
EXTERNAL_CSS_RULE = f".{EXTERNAL_CSS_CLASS}{{position:absolute;top:-3000px;left:-3000px}}"

# Where each trick sits: most on the homepage, three on inner pages.
INNER_TRICKS = {"visibility_hidden": "article", "marquee": "list", "escaped_write": "article"}


def spam_target(trick: str, port_suffix: str) -> tuple[str, str]:
    """(target URL, anchor text) for a trick; distinct URL per trick."""
    i = TRICKS.index(trick)
    host = SPAM_HOSTS[i % len(SPAM_HOSTS)]
    return f"http://{host}{port_suffix}/?from=gov{i:02d}", SPAM_ANCHORS[i % len(SPAM_ANCHORS)]


def hidden_link_html(trick: str, url: str, text: str) -> str:
    a = f'<a href="{url}" target="_blank">{text}</a>'
    match trick:
        case "inline_display_none":
            return f'<div style="display:none">{a}</div>'
        case "visibility_hidden":
            return f'<span style="visibility: hidden">{a}</span>'
        case "opacity_zero":
            return f'<div style="opacity:0;filter:alpha(opacity=0)">{a}</div>'
        case "offscreen_absolute":
            return f'<div style="position:absolute;top:-9999px;left:-9999px">{a}</div>'
        case "text_indent":
            return f'<p style="text-indent:-9999px;overflow:hidden;height:1px">{a}</p>'
        case "font_size_zero":
            return f'<span style="font-size:0px">{a}</span>'
        case "font_size_one":
            return f'<span style="font-size:1px;line-height:1px">{a}</span>'
        case "colour_as_background":
            return f'<div style="background:#ffffff"><a href="{url}" style="color:#ffffff">{text}</a></div>'
        case "zero_size_container":
            return f'<div style="width:0;height:0;overflow:hidden">{a}</div>'
        case "marquee":
            return f'<marquee height="1" width="2" scrollamount="3000" scrolldelay="20000">{a}</marquee>'
        case "style_block_class":
            return f'<div class="{STYLE_BLOCK_CLASS}">{a}</div>'
        case "external_css_class":
            return f'<div class="{EXTERNAL_CSS_CLASS}">{a}</div>'
        case "document_write":
            inner = f'<div style="display:none;">{a}</div>'.replace('"', "'")
            return f"<script>document.write(\"{inner}\");</script>"
        case "eval_base64":
            js = f"document.write('<div style=\"position:absolute;left:-3000px\">{a}</div>');"
            b64 = base64.b64encode(js.encode("utf-8")).decode("ascii")
            return (f'<script>eval(decodeURIComponent(escape(window.atob("{b64}"))));</script>')
        case "hidden_attribute":
            return f"<div hidden>{a}</div>"
        case "escaped_write":
            inner = f'<div style="display:none">{a}</div>'
            return f'<script>document.write(unescape("{quote(inner, safe="")}"));</script>'
    raise ValueError(trick)


# Injected spam text (visible to everyone).
HIJACKED_TITLE = "365bet体育在线_澳门新葡京娱乐场_真人百家乐官网"
SPAM_TAIL = ("<p>av在线播放 成人影院在线观看 日本无码高清视频 欧美性爱图片 六合彩开奖直播 "
             "365bet体育在线 皇冠体育投注 澳门新葡京娱乐场</p>")

SPAM_META = ('<meta name="keywords" content="365bet体育在线,皇冠体育,澳门新葡京,真人百家乐,六合彩">\n'
             '<meta name="description" content="365bet体育在线为您提供皇冠体育投注、真人百家乐、六合彩开奖直播。">')

# What spiders see on a cloaking homepage.
CLOAK_TITLE = "365bet体育在线网址_365bet娱乐场_bet365体育投注"
CLOAK_BLOCK = ('<div class="gg-top"><p>365bet体育在线是亚洲最大的在线博彩平台，提供真人百家乐、'
               "六合彩、北京赛车pk10、时时彩等游戏，注册即送彩金，澳门新葡京娱乐场官方网址。</p></div>")
SPIDER_AGENTS = ("baiduspider", "360spider", "sogou", "bingbot", "googlebot", "yisouspider")
SEARCH_REFERERS = ("baidu.com", "so.com", "sogou.com", "sm.cn", "bing.com")


def is_spider(user_agent: str, referer: str) -> bool:
    ua, ref = user_agent.lower(), referer.lower()
    return any(s in ua for s in SPIDER_AGENTS) or any(r in ref for r in SEARCH_REFERERS)


# Legitimate hidden things (must not be flagged).
def skip_link() -> str:
    return ('<a class="skip-link" href="#main" style="position:absolute;left:-9999px;top:auto;'
            'width:1px;height:1px;overflow:hidden">跳转到主要内容区域</a>')


def login_box() -> str:
    return ('<div id="loginBox" style="display:none"><form action="/login" method="post">'
            '<input name="user" placeholder="用户名"><input type="password" name="pwd" placeholder="密码">'
            '<button type="submit">登录</button> <a href="/register">用户注册</a> '
            '<a href="/login?forget=1">忘记密码</a></form></div>')


def mobile_menu(links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in links)
    return f'<div class="m-menu" id="mMenu" style="display:none"><ul>{items}</ul></div>'


def conac_script(conac_host: str, site_code: str) -> str:
    """The real CONAC badge is written by script (as on hd.gov.cn); this is legitimate."""
    src = f"http://{conac_host}/js/42/000/0000/{site_code}.js"
    return ("<script type=\"text/javascript\">document.write(unescape(\"%3Cspan id='_ideConac' %3E%3C/span%3E"
            f"%3Cscript src='{src}' type='text/javascript'%3E%3C/script%3E\"));</script>")


BASE_CSS = (
    "body{margin:0;font:14px/1.6 'Microsoft YaHei',SimSun,sans-serif;background:#ffffff;color:#333}\n"
    ".nav li{float:left;position:relative}.nav .sub-nav{display:none;position:absolute;top:40px}\n"
    ".nav li:hover .sub-nav{display:block}\n"
    ".skip-link{position:absolute;left:-9999px}.skip-link:focus{left:10px}\n"
    ".m-menu{display:none}@media (max-width:768px){.nav{display:none}.m-menu{display:block}}\n"
    ".list li{overflow:hidden;line-height:32px}.list li span{float:right;color:#999}\n"
    ".footer{background:#f3f3f3;text-align:center;padding:20px 0;color:#666}\n"
)
