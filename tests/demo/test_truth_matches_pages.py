"""Every expected finding of the ground truth is visible in the bytes the city serves (no drift)."""
from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from urllib.parse import unquote, urlsplit

import pytest

from govinspect.demo import build_city
from govinspect.demo.spam_plants import CLOAK_TITLE, SPAM_TAIL

SPIDER = {"User-Agent": "Mozilla/5.0 (compatible; Baiduspider/2.0)"}


@pytest.fixture(scope="module")
def city():
    c = build_city(sites=12, pages_per_site=120)
    c.bind(8123)
    return c


def get(city, url: str, headers: dict | None = None) -> tuple[int, str]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    resp = city.render(parts.hostname, path, headers)
    charset = resp.headers.get("Content-Type", "").partition("charset=")[2] or "utf-8"
    return resp.status, resp.body.decode(charset)


def revealed(html: str) -> str:
    """The page plus what its scripts would write (unescape, base64)."""
    extra = [unquote(html)]
    for b64 in re.findall(r'atob\("([A-Za-z0-9+/=]+)"\)', html):
        extra.append(base64.b64decode(b64).decode("utf-8"))
    return html + "".join(extra)


def page_of_trick(city, site, kind: str) -> str:
    content = city.content(site)
    col = next(c for c in site.columns if c.kind == "list" and c.count)
    path = {"home": "/", "list": content.scheme.column_url(col), "article": content.path(col, 0)}[kind]
    return city.absolute(site, path)


def test_findings_are_visible(city) -> None:
    truth = city.ground_truth()
    checked = set()
    for st in truth["sites"]:
        site = city.site_by_host(st["host"])
        _, home = get(city, st["url"])
        for f in st["expected_findings"]:
            check, subject = f["check"], f["subject"]
            checked.add(check)
            if check == "hidden_spam_links":
                _, html = get(city, page_of_trick(city, site, f["page"]))
                assert subject in revealed(html), f
            elif check == "injected_spam_text":
                headers = SPIDER if f["form"] == "cloaking" else None
                _, html = get(city, subject, headers)
                assert "365bet" in html or SPAM_TAIL in html, f
                if f["form"] == "meta":
                    assert '<meta name="keywords" content="365bet' in html
                if f["form"] == "cloaking":
                    assert CLOAK_TITLE in html and CLOAK_TITLE not in get(city, subject)[1]
            elif check == "serious_wording_errors":
                assert subject in get(city, f["url"])[1]
            elif check == "forged_publication_dates":
                status, html = get(city, subject)
                shown = date.fromisoformat(f["shown_date"])
                assert status == 200 and shown > city.as_of and f"{shown:%Y}" in html
            elif check == "broken_links":
                status, html = get(city, subject)
                assert status == 404 or "页面不存在" in html, f
                if f["on_homepage"]:
                    assert urlsplit(subject).path in home
            elif check == "missing_footer_items":
                marker = {"conac_badge": "conac.cn", "police_filing": "公网安备", "icp": "ICP备",
                          "organizer": "主办单位", "contact": "联系电话", "site_code": "网站标识码"}[subject]
                assert marker not in home
            elif check == "unanswered_messages":
                html = get(city, subject)[1]
                assert "暂未答复" in html and "答复时间" not in html
            elif check == "incomplete_message_replies":
                html = get(city, subject)[1]
                assert "答复内容" in html and ("答复时间" not in html or "答复单位" not in html)
            elif check == "incomplete_service_guides":
                html = get(city, subject)[1]
                assert all(f"<th>{m}</th>" not in html for m in f["missing"])
            elif check == "missing_org_contacts":
                assert "联系电话" not in get(city, subject)[1].split('<div id="main"')[1].split("footer")[0]
            elif check == "missing_article_sources":
                html = get(city, subject)[1]
                assert "来源" not in html.split('<div id="main"')[1] and "ContentSource" not in html
            elif check == "unlinked_interpretations":
                interp_url, direction = subject.split("|")
                _, interp = get(city, interp_url)
                _, policy = get(city, f["policy_url"])
                if direction == "to_policy":
                    assert urlsplit(f["policy_url"]).path not in interp
                else:
                    assert urlsplit(interp_url).path not in policy
            elif check == "missing_interpretations":
                assert "相关解读" not in get(city, subject)[1]
            elif check == "blank_columns":
                col = next(c for c in st["columns"] if c["location"] == subject)
                assert "暂无信息" in get(city, col["url"])[1]
            elif check == "stale_columns":
                col = next(c for c in st["columns"] if c["location"] == subject)
                newest = date.fromisoformat(col["newest_date"])
                assert newest < city.as_of - timedelta(days=14)
            elif check == "homepage_not_updated":
                assert st["homepage_items"] == 0 or "nav_only" not in st["role"]
            elif check == "missing_search":
                assert "<form" not in home.replace('<form action="/login"', "")
            elif check == "missing_mobile_support":
                assert 'name="viewport"' not in home
            elif check == "missing_error_report_entry":
                assert "我为政府网站找错" not in home
            elif check == "invalid_site_code":
                assert f"网站标识码：{subject}<" in home or f"网站标识码：{subject}" in home
            elif check == "homepage_unreachable":
                assert get(city, subject)[0] >= 500
    assert {"hidden_spam_links", "injected_spam_text", "broken_links", "stale_columns"} <= checked


def test_blank_and_fresh_columns_of_clean_sites(city) -> None:
    truth = city.ground_truth()
    clean = next(s for s in truth["sites"] if s["role"] == "clean")
    for col in clean["columns"]:
        if col["container"]:
            continue
        status, html = get(city, col["url"])
        assert status == 200
        assert not col["blank"] and "暂无信息" not in html
        if not col["historical"] and col["column_type"] == "news":
            assert date.fromisoformat(col["newest_date"]) >= city.as_of - timedelta(days=14)


def test_clean_pages_carry_no_spam_or_wording_plants() -> None:
    city = build_city(sites=6, defects="none")
    city.bind(8123)
    bad = ("365bet", "百家乐", "博彩", "习进平", "张高丽", "工商行政管理总局", "计划生育委员会", "av在线")
    for site in city.sites:
        content = city.content(site)
        paths = ["/"] + [content.scheme.column_url(c) for c in site.columns]
        paths += [content.path(c, i) for c in site.columns if c.count for i in range(min(3, c.count))]
        for path in paths:
            html = revealed(city.render(site.host, path, SPIDER).body.decode(site.encoding))
            assert not any(b in html for b in bad), (site.host, path)
