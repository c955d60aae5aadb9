"""On real government pages nobody here wrote: no 暗链, no injected spam, no serious wording error.

Several of them carry legitimate hidden things (display:none menus, login boxes, share widgets)."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from govinspect.checks.content import hidden_spam_links, injected_spam_text, serious_wording_errors
from govinspect.extract.articles import extract_article
from govinspect.extract.page_meta import extract_page_meta
from govinspect.extract.security.site_pages import analyse_site
from tests.content.conftest import AS_OF, ctx, extracted, site_with, snapshot


def _url(name: str) -> str:
    return f"http://{name.removesuffix('.html')}/index.html"


def test_no_spam_findings_on_real_pages(real_pages) -> None:
    found = []
    for name, html in real_pages:
        art = site_with(_url(name), html)
        for check in (hidden_spam_links, injected_spam_text):
            found += [(name, f.check, f.subject, f.status) for f in check.run(art, ctx())]
    assert found == []


def test_real_pages_do_have_legitimate_hidden_links(real_pages) -> None:
    """The clean result above is not for lack of seeing hidden links."""
    hidden_pages = [name for name, html in real_pages  # the same (cached) analysis the checks used
                    if any(link.hidden_hints for link in analyse_site([snapshot(_url(name), html)])[0].links)]
    assert len(hidden_pages) >= 10


def test_no_wording_errors_on_real_articles(real_pages) -> None:
    from govinspect.model.artifacts import SiteArtifacts

    articles = []
    for name, html in real_pages:
        tree = LexborHTMLParser(html)
        articles.append(extract_article(tree, _url(name), AS_OF, extract_page_meta(tree, _url(name))))
    assert sum(len(a.text) for a in articles) > 100_000
    art = extracted(SiteArtifacts(site_code="x", url="http://x.gov.cn/", articles=articles))
    assert [(f.subject, f.message) for f in serious_wording_errors.run(art, ctx())] == []
