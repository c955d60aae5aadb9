"""The site's content-security reading (model/content_reading.py), made once in the extract stage from the
pages' analyses, the crawl's link hints, the spider views and the articles: the content checks only judge it.

Artifacts that predate page analyses still carry their pages' HTML; those pages are analysed here."""
from __future__ import annotations

from datetime import date

from govinspect.extract.security.analyse_page import PageAnalysis, analyse_page
from govinspect.extract.security.compact_analysis import link_context, link_verdict, templated
from govinspect.extract.security.find_injected_spam import (
    InjectedSpam,
    SpamSegment,
    cloaked_spam,
    find_injected_spam,
    script_cloaking,
)
from govinspect.extract.security.match_wording import find_wording_errors, gazetteer_version
from govinspect.extract.security.site_pages import analyse_site, host_of, html_pages
from govinspect.model.artifacts import SiteArtifacts
from govinspect.model.content_reading import (
    CloakedView,
    ContentReading,
    PageSpam,
    SpamLink,
    SpamText,
    WordingError,
)

NOTABLE = ("spam", "suspicious")


def read_content(artifacts: SiteArtifacts, as_of: date) -> ContentReading:
    analyses = artifacts.page_analyses if artifacts.page_analyses is not None else analyse_site(artifacts.pages or [])
    site_host = host_of(artifacts.url)
    pages, browser_home = _page_spam(artifacts, analyses, site_host)
    return ContentReading(html_pages=sum(1 for _ in html_pages(artifacts.pages or [])),
                          links=_spam_links(artifacts, analyses, site_host), pages=pages,
                          cloaked=_cloaked(artifacts, browser_home, site_host),
                          wording=_wording(artifacts, as_of), gazetteer_version=gazetteer_version())


def _text(s: SpamSegment) -> SpamText:
    return SpamText(where=s.where, text=s.text, excerpt=s.excerpt, verdict=s.verdict.evidence())


def _spam_links(artifacts: SiteArtifacts, analyses: list[PageAnalysis], site_host: str) -> list[SpamLink]:
    out: list[SpamLink] = []

    def record(target: str, text: str, page_url: str, hints: tuple[str, ...], js: bool, context: str,
               how: str) -> None:
        if templated(target):
            return
        verdict = link_verdict(target, context, site_host, bool(hints), js)
        if verdict.level in NOTABLE:
            out.append(SpamLink(url=target, text=text, page_url=page_url, level=verdict.level,
                                verdict=verdict.evidence(), hidden_hints=hints, js_written=js, detected_by=how))

    for page in analyses:
        for link in page.links:
            record(link.url, link.text, page.url, link.hidden_hints, link.js_written, link_context(link), "static")
    # hints from gather (incl. computed visibility in headless Chromium when [browser] is installed)
    for link in artifacts.links or []:
        if link.hidden_hints and link.tag in ("a", "area"):
            record(link.url, link.text, artifacts.url, tuple(link.hidden_hints), False, f"{link.text} {link.title}",
                   "gather")
    return out


def _page_spam(artifacts: SiteArtifacts, analyses: list[PageAnalysis],
               site_host: str) -> tuple[list[PageSpam], InjectedSpam | None]:
    """Each page's injected text, and what a browser saw on the homepage (for cloaking)."""
    home = artifacts.homepage
    home_url = (home.final_url or home.url) if home else artifacts.url
    homes = (home_url.rstrip("/"), artifacts.url.rstrip("/"))
    out: list[PageSpam] = []
    browser_home = None
    for page in analyses:
        spam = find_injected_spam(page, site_host)
        if page.url.rstrip("/") in homes:
            browser_home = spam
        scripted = script_cloaking(page.spider_scripts)
        if spam.spam or spam.suspicious or scripted:
            out.append(PageSpam(url=page.url, spam=[_text(s) for s in spam.spam],
                                suspicious=[_text(s) for s in spam.suspicious], scripted=[_text(s) for s in scripted]))
    return out, browser_home


def _cloaked(artifacts: SiteArtifacts, browser_home: InjectedSpam | None, site_host: str) -> list[CloakedView]:
    """Spider views of the homepage compared with what a browser saw."""
    if not artifacts.spider_views:
        return []
    if browser_home is None:
        home = artifacts.homepage
        if home is None or not home.text:
            return []       # the homepage's reading is among the analysed pages whenever it was read
        browser_home = find_injected_spam(analyse_page(home.text, home.final_url or home.url), site_host)
    out = []
    for spider, view in sorted(artifacts.spider_views.items()):
        if not view or not view.text:
            continue
        seen = find_injected_spam(analyse_page(view.text, view.final_url or view.url), site_host)
        if extra := cloaked_spam(browser_home, seen):
            out.append(CloakedView(spider=spider, url=view.url, segments=[_text(s) for s in extra]))
    return out


def _wording(artifacts: SiteArtifacts, as_of: date) -> list[WordingError]:
    """Wording errors of every article, judged as of its publication date (the 监测时间点 when it has none
    or a later one)."""
    out = []
    for article in artifacts.articles or []:
        dated = article.pub_date is not None and article.pub_date <= as_of
        on = article.pub_date if dated else as_of
        text = f"{article.title}\n{article.text}"
        for hit in find_wording_errors(text, on):
            out.append(WordingError(
                wrong=hit.wrong, correct=hit.correct, kind=hit.kind, status=hit.status, reason=hit.reason,
                source=hit.source, context=text[max(0, hit.start - 20):hit.start + 40], article_url=article.url,
                location=">".join(article.column_path), pub_date=article.pub_date, judged_on=on, dated=dated,
                evidence=dict(hit.evidence)))
    return out
