"""Hijack signals on demo homepages: the legitimate hidden menus and 友情链接 of every clean demo homepage raise
nothing, the cloaking homepage raises cloaking, and each other cause fires on its own change only."""
from __future__ import annotations

from govinspect.demo.build_city import build_city
from govinspect.extract.decode_html import decode_html
from govinspect.extract.security.hijack_signals import hijack_signals
from govinspect.extract.security.homepage_fingerprint import fingerprint
from govinspect.gather.fetch_spider_views import SPIDER_VIEWS


def _views(city, site) -> tuple[str, dict[str, str]]:
    out = {}
    for name, headers in SPIDER_VIEWS.items():
        resp = city.render(site.host, "/", headers)
        out[name] = decode_html(resp.body, resp.headers.get("Content-Type", ""))[0]
    return out.pop("browser"), out


def test_demo_homepages() -> None:
    city = build_city(seed=7, sites=10, pages_per_site=40)
    city.bind(8080)
    for site in city.sites:
        if site.plants.blocked or site.plants.unreachable:
            continue
        url = city.site_url(site)
        html, spiders = _views(city, site)
        now = fingerprint(html, url, spiders)
        causes = [s.cause for s in hijack_signals(now, fingerprint(html, url, {}))]
        assert causes == (["cloaking"] if site.plants.cloaking else []), (site.host, causes)


def test_each_cause_on_its_own_change() -> None:
    url = "http://www.xianning.gov.cn/"
    page = ("<html><head><title>咸宁市人民政府</title></head><body><ul><li><a href='/a/1.html'>{news}</a></li></ul>"
            "<div style='display:none'><a href='http://www.gov.cn/'>中国政府网</a></div>{extra}</body></html>")
    base = fingerprint(page.format(news="防汛通知", extra=""), url)
    assert hijack_signals(fingerprint(page.format(news="抗旱通知", extra=""), url), base) == []
    script = fingerprint(page.format(news="防汛通知", extra="<script src='http://cdn.evil-stat.com/a.js'></script>"), url)
    assert [s.key for s in hijack_signals(script, base)] == ["new_script_host:cdn.evil-stat.com"]
    gov = fingerprint(page.format(news="防汛通知", extra="<script src='http://www.hubei.gov.cn/a.js'></script>"), url)
    assert hijack_signals(gov, base) == []                        # another government host is no hijack
    hidden = "".join(f"<div style='position:absolute;left:-9999px'><a href='http://bet{i}.com/'>澳门赌场{i}</a></div>"
                     for i in range(5))
    assert [s.cause for s in hijack_signals(fingerprint(page.format(news="防汛通知", extra=hidden), url), base)] == \
        ["hidden_links"]
    titled = page.replace("咸宁市人民政府</title>", "澳门新葡京娱乐场_真人百家乐_咸宁市人民政府</title>")
    assert [s.cause for s in hijack_signals(fingerprint(titled.format(news="防汛通知", extra=""), url), base)] == \
        ["spam_title_meta"]
