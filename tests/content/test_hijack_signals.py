"""Hijack signals on demo homepages and real pages: legitimate hidden menus and 友情链接 raise nothing, the hijacked
demo homepage raises cloaking and hidden links, and each cause fires on its own change only."""
from __future__ import annotations

from pathlib import Path

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
        # the content-security site is hijacked (cloaking and hidden spam links on its homepage); no other fires
        assert causes == (["cloaking", "hidden_links"] if site.plants.cloaking else []), (site.host, causes)


def test_real_pages_raise_nothing(realdata: Path) -> None:
    """68 real government pages (hidden 友情链接 drop-downs to 新华网, 中国科学院…) as a first round and as an
    unchanged one; the synthetic 暗链 test page of realdata does fire."""
    fired = {}
    for i, path in enumerate(sorted((realdata / "html").rglob("*.html"))):
        now = fingerprint(decode_html(path.read_bytes(), None)[0], f"http://www{i}.example.gov.cn/")
        causes = sorted({s.cause for s in hijack_signals(now, None) + hijack_signals(now, now)})
        if causes:
            fired[path.name] = causes
    assert fired == {"yuanzhao_synthetic_dark_link_test.html": ["hidden_links", "spam_title_meta"]}


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
                     for i in range(2))
    assert [s.cause for s in hijack_signals(fingerprint(page.format(news="防汛通知", extra=hidden), url), base)] == \
        ["hidden_links"]
    plain = "".join(f"<div style='display:none'><a href='http://www.media{i}.com/'>合作媒体{i}</a></div>" for i in range(5))
    grown = fingerprint(page.format(news="防汛通知", extra=plain), url)
    assert [s.cause for s in hijack_signals(grown, base)] == ["hidden_links"]   # five new since the baseline
    assert hijack_signals(grown, None) == [] and hijack_signals(grown, grown) == []   # a site's own drop-down
    titled = page.replace("咸宁市人民政府</title>", "澳门新葡京娱乐场_真人百家乐_咸宁市人民政府</title>")
    assert [s.cause for s in hijack_signals(fingerprint(titled.format(news="防汛通知", extra=""), url), base)] == \
        ["spam_title_meta"]
