"""All pages of one site → SiteArtifacts (pure: no I/O, no clock; time is ``as_of``).

Each page is parsed once, where it arrives, into a compact digest (page_digest.py); this module reads
digests only — no HTML, no trees — and gives each page a kind with its evidence (page_kinds.py). Columns come
from menus, sub-menus, breadcrumbs, 网站地图, homepage blocks and every list page (site_columns.py,
list_page_columns.py); the site's list templates, learnt from its own list pages, show an empty list
where no "暂无信息" says so (template_lists.py). Fills columns, page_kinds, understanding, homepage_items,
homepage_navigation_only, footers, links, messages, service_guides, articles, org_entries and metas.
Probes, link checks and network facts belong to the gather stage and stay ``None``.

A column whose list page was not fetched or failed gets ``fetch_error`` and is never called
blank or stale: an unread page is 未能检测, not an empty column; a page not understood is only ever
a reason for review.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from govinspect.extract.articles import article_kind, pick_title
from govinspect.extract.columns import ColumnRef, canonical_column_url, trail_columns
from govinspect.extract.links import clean_text
from govinspect.extract.list_page_columns import LATER_PAGE, pick_list_name, place_by_url
from govinspect.extract.org_entries import is_org_location
from govinspect.extract.page_digest import PageDigest, digest_page
from govinspect.extract.page_kinds import structural_kind, textual_kind
from govinspect.extract.security.read_site import read_content
from govinspect.extract.security.site_pages import html_pages, site_stylesheets
from govinspect.extract.service_guides import extract_service_guide
from govinspect.extract.site_columns import ColumnRefs, build_columns
from govinspect.extract.subnav_columns import subnav_refs
from govinspect.extract.template_lists import empty_template_list
from govinspect.extract.understanding_coverage import coverage
from govinspect.model.artifacts import OrgEntry, PageKind, PageSnapshot, PersonalDataHit, SiteArtifacts

NAV_ONLY_MAX_DATED = 3          # fewer dated items than this: a navigation-only homepage (V3)
_NAV_SECTIONS = 30              # pages whose menus are read: one per site section (sub-menus differ)
_MAX_NOT_UNDERSTOOD = 50
_TITLE_PARTS = re.compile(r"\s*[_|｜\-—–]+\s*")
WholeDigest = Callable[[str, PageDigest], PageDigest]    # (snapshot URL, light digest) → the whole digest


def readable(snap: PageSnapshot) -> bool:
    return snap.readable and snap.error_class is None and (snap.status is None or 200 <= snap.status < 400)


def _failure(snap: PageSnapshot) -> str:
    if snap.error_class is None and snap.status is not None and snap.status < 400:
        reason = "非HTML页面或空页面"
    else:
        reason = " ".join(x for x in (snap.error_class, f"HTTP {snap.status}" if snap.status else "") if x)
    reason = reason or "页面无法读取"
    return f"{reason}: {snap.error_detail}" if snap.error_detail else reason


def _section_pages(parsed: list[PageDigest], home: PageDigest | None) -> list[PageDigest]:
    """The homepage and the first page of each site section (first path segment): their menus."""
    out = [home] if home else []
    seen: set[str] = set()
    for p in parsed:
        if p is home:
            continue
        section = urlsplit(p.url).path.strip("/").split("/")[0]
        if section not in seen:
            seen.add(section)
            out.append(p)
        if len(out) >= _NAV_SECTIONS:
            break
    return out


def site_names(parsed: list[PageDigest]) -> set[str]:
    """The site's own name as pages print it (SiteName meta, a logo heading on every page):
    never an article's title."""
    names = {clean_text(p.meta.site_name) for p in parsed if p.meta.site_name}
    counts: dict[str, int] = {}
    for p in parsed:
        for text in p.h1s:
            if text:
                counts[text] = counts.get(text, 0) + 1
    floor = max(3, len(parsed) // 3)
    names |= {t for t, n in counts.items() if n >= floor}
    # a <title> segment most pages repeat ("… - 中国农药信息网_生物农药 - Powered by ICAMA") is the site's chrome
    segments: dict[str, int] = {}
    for p in parsed:
        for part in set(_TITLE_PARTS.split(p.meta.title or "")):
            part = part.strip()
            if part:
                segments[part] = segments.get(part, 0) + 1
    names |= {t for t, n in segments.items() if n >= floor}
    return {n for n in names if n}


def _list_page_refs(parsed: list[PageDigest], tree: ColumnRefs, names: set[str]) -> None:
    """Every first page of a dated list becomes a column (menus miss many); aliases merge."""
    signatures: dict[tuple[str, ...], str] = {}
    framed = {canonical_column_url(src) for p in parsed for src in p.facts.frames}
    for p in parsed:
        if not (p.kind_name == "list" or (p.kind_name == "board" and len(p.messages) >= 2)):
            continue          # a message's own page is not a column
        key = canonical_column_url(p.url)
        sig = tuple(sorted(i.url for i in p.listing.main_items()[:8]))
        if len(sig) >= 3 and signatures.setdefault(sig, key) != key:
            continue          # the same list reached by another URL
        if key in tree.refs or key in framed or LATER_PAGE.search(p.url):
            continue          # known, shown in another column's frame, or a later page of a list
        if p.crumb_path and p.crumb_path[-1] != "首页":
            name = p.crumb_path[-1]
            tree.add(ColumnRef(name, p.url, p.crumb_path, "listpage"))
            continue
        name = pick_list_name(p.meta_column_name, p.name_candidates, names)
        if name:
            tree.add(place_by_url(p.url, name, tree.refs))


def understand_site(pages: list[PageSnapshot], homepage_url: str, as_of: date) -> SiteArtifacts:
    """Pages still holding their HTML (tests, tools): digest each, then read the site."""
    css = site_stylesheets(pages)
    digests = {}
    for snap in pages:
        if snap.text and snap.url not in digests:
            digests[snap.url] = digest_page(snap, as_of, homepage_url, css)
    art = understand_digests([d.snap if (d := digests.get(s.url)) else s for s in pages], digests,
                             homepage_url, as_of)
    art.content_reading = read_content(art, as_of)
    return art


def understand_digests(pages: list[PageSnapshot], digests: dict[str, PageDigest], homepage_url: str,
                       as_of: date, whole: WholeDigest | None = None,
                       personal_hits: list[PersonalDataHit] | None = None,
                       per_page_list: Callable[[], list] = list) -> SiteArtifacts:
    """The site from its pages' digests (``digests`` by the snapshot's URL; pages carry no HTML).

    ``whole``: when ``digests`` are light (page_digest.without_page_parts), a page's whole digest from its
    light one, read one page at a time in the last, per-page pass. ``personal_hits`` receives the pages' masked
    personal-data hits, in page order. ``per_page_list`` makes the lists of one record a page (articles,
    metas, footers, content-security readings): model.packed_list.PackedList in a scan."""
    pages = list(pages)        # read once when they come from the gather store (page_store.StoredPages)
    whole = whole or _as_read
    art = SiteArtifacts(site_code="", url=homepage_url, pages=pages)
    home_key = canonical_column_url(homepage_url)
    parsed: list[PageDigest] = []
    failed: dict[str, str] = {}
    for snap in pages:
        key = canonical_column_url(snap.url) if snap.url else ""
        if key == home_key:
            art.homepage = art.homepage or snap
        digest = digests.get(snap.url)
        if not readable(snap) or digest is None:
            failed[key] = _failure(snap)
            continue
        parsed.append(digest)
    if not parsed:
        # Nothing readable: every page artifact stays None ("not gathered" → 未能检测), never empty lists.
        _per_page(art, pages, digests, [], set(), whole, personal_hits, per_page_list)
        art.gather_errors.append("站点页面均无法读取")
        return art
    pages_by_key: dict[str, list[PageDigest]] = {}
    for p in parsed:
        for u in {p.snap.url, p.url}:
            pages_by_key.setdefault(canonical_column_url(u), []).append(p)
    home = next(iter(pages_by_key.get(home_key, [])), None)
    for p in parsed:
        p.facts.is_home = p is home
        p.facts.is_sitemap = p is not home and p.sitemap
        p.kind = structural_kind(p.facts)
    # the site's list templates, learnt from its list pages; an undecided page holding one of their
    # containers empty is an empty list of that template
    templates = {p.signature for p in parsed if p.kind_name == "list" and p.signature}
    for p in parsed:
        if p.kind is None and (empty := empty_template_list(p.empty_chains, templates)):
            p.kind = PageKind(p.url, "list", empty)

    tree = ColumnRefs(home_key)
    for p in _section_pages(parsed, home):
        for ref in p.nav_refs:
            tree.add(ref)
    if home:
        for ref in home.block_refs:
            tree.add(ref)
    for p in parsed:
        if p.kind_name == "sitemap":
            for ref in p.sitemap_refs:
                tree.add(ref)
        listed = p.kind_name in ("list", "board")
        crumbs = trail_columns(p.trail, p.url, homepage_url, listed)
        for ref in crumbs:
            tree.add(ref)
        if crumbs:
            p.crumb_path = crumbs[-1].path
            if canonical_column_url(crumbs[-1].url or "") == canonical_column_url(p.url):
                for ref in subnav_refs(list(p.side_menus), p.crumb_path):
                    tree.add(ref)
    names = site_names(parsed)
    _list_page_refs(parsed, tree, names)

    keys = set(tree.refs)
    for p in parsed:
        if p.kind is None:
            p.facts.column_links = sum(1 for t in p.body_targets if t in keys)
            p.main_chars = p.facts.main_chars = p.measured_chars or 0
            p.kind = textual_kind(p.facts)
    art.page_kinds = [p.kind for p in parsed if p.kind is not None]
    art.columns = build_columns(tree, pages_by_key, failed, as_of, templates)
    if home is not None:
        art.homepage_items = [i for i in home.listing.items if i.date]
        art.homepage_navigation_only = len(art.homepage_items) < NAV_ONLY_MAX_DATED
    art.understanding = coverage(art.page_kinds, art.columns, _MAX_NOT_UNDERSTOOD, homepage_url)
    _per_page(art, pages, digests, parsed, names, whole, personal_hits, per_page_list)
    return art


def _as_read(url: str, digest: PageDigest) -> PageDigest:
    return digest


def _anchor_titles(parsed: list[PageDigest]) -> dict[str, str]:
    """URL → the title a list printed for it (an article's title when its page has no usable heading)."""
    out: dict[str, str] = {}
    for p in parsed:
        for item in p.listing.items:
            if item.date and item.url not in out:
                out[item.url] = item.title
    return out


def _per_page(art: SiteArtifacts, pages: list[PageSnapshot], digests: dict[str, PageDigest],
              parsed: list[PageDigest], names: set[str], whole: WholeDigest,
              personal_hits: list[PersonalDataHit] | None, per_page_list: Callable[[], list]) -> None:
    """One pass over the pages in order, each page's whole digest read once: the content-security reading of
    each HTML page (one per final URL), its personal-data hits, and — for the readable pages, once the site is
    read (``parsed``) — links, footers, metas, messages, guides, articles and 机构 entries."""
    html = html_pages(pages)
    next_html = next(html, None)
    analyses = per_page_list()
    if parsed:
        art.links, art.footers, art.metas = [], per_page_list(), per_page_list()
        art.messages, art.service_guides, art.articles, art.org_entries = [], [], per_page_list(), []
    anchors = _anchor_titles(parsed)
    links: dict = {}              # each distinct link once: menus repeat on every page
    for snap in pages:
        is_html, next_html = (True, next(html, None)) if snap is next_html else (False, next_html)
        p = digests.get(snap.url)
        if p is None:
            continue
        w = whole(snap.url, p)
        if is_html:
            analyses.append(w.analysis)
        if personal_hits is not None:
            personal_hits.extend(w.personal_hits)
        if parsed and readable(snap):        # as the site reading took it (parsed)
            _page_artifacts(art, p, w, names, anchors, links)
    art.page_analyses = analyses
    if parsed:
        art.links = per_page_list()
        art.links.extend(links)


def _page_artifacts(art: SiteArtifacts, p: PageDigest, w: PageDigest, names: set[str], anchors: dict[str, str],
                    links: dict) -> None:
    """What one readable page adds (``p`` its digest as the site reading left it, ``w`` its whole digest)."""
    for link in p.links:
        links.setdefault(link)
    art.footers.append(w.footer)
    art.metas.append(p.meta)
    kind = p.kind_name
    if kind in ("board", "list"):
        art.messages.extend(p.messages)
    if kind not in ("article", "guide", "content", "board", "landing", "other") or w.article is None:
        return
    p.place = p.place or p.crumb_path
    title = pick_title(list(w.title_candidates), names, anchors.get(p.url))
    article = replace(w.article, title=title, kind=article_kind(title, p.place, w.article.text))
    if kind == "board":
        return
    if kind == "guide":
        guide = extract_service_guide(w.guide_text or "", p.url, article.title)
        if guide is not None:
            art.service_guides.append(guide)
        return
    location = ">".join(p.place)
    if p.org_contacts is not None and is_org_location(location):
        art.org_entries.append(OrgEntry(url=p.url, name=article.title, has_phone=p.org_contacts[0],
                                        has_address=p.org_contacts[1], location=location))
        return
    if kind == "article" and (article.pub_date is not None or p.meta.pub_date):
        art.articles.append(article)      # 登录/联系我们/网站声明 pages carry no date: not articles
