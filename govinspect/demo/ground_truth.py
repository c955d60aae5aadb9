"""Ground truth of the demo city: expected (check, subject) findings, vetoes and verdicts.

Column staleness, blank columns, messages, guides and 解读 pairs are derived from the same
SiteContent the pages are rendered from (one source of truth); content-security and footer plants
come from SitePlants. Vetoes follow indicators.md §3 (V1–V6); the expected score comes from the demo's own
table of points per planted defect (expected_score.py) and the samples from its own draw (sample_draw.py):
the truth is an oracle that shares no code with the checks or scoring/ it is compared with.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from govinspect.demo import personal_data_plants
from govinspect.demo.account_truth import account_truth
from govinspect.demo.city_model import DemoColumn, DemoSite
from govinspect.demo.expected_score import expected_result, expected_score
from govinspect.demo.render_site import list_page_count
from govinspect.demo.sample_draw import drawn_sample
from govinspect.demo.site_content import SiteContent
from govinspect.demo.spam_plants import INNER_TRICKS, spam_target
from govinspect.model.check_ids import DISCLOSURE_COLUMNS, FOOTER_ITEMS, SITE_WIDE
from govinspect.model.result import Verdict

if TYPE_CHECKING:
    from govinspect.demo.demo_city import DemoCity

WINDOWS = {"news": 14, "personnel": 365, "planning": 365}
LEVEL1_WINDOWS = {"notice": 183, "policy": 183, "interpretation": 183}
V4_STALE, V4_LONG, V4_BLANK = 5, 10, 5
V6_GUIDES, V6_MISSING = 5, 4
DISCLOSURE_TYPES = dict(zip(("disclosure_guide", "disclosure_catalog", "disclosure_report", "finance", "planning"),
                            DISCLOSURE_COLUMNS))
CONTENT_VETO = ("hidden_spam_links", "injected_spam_text", "serious_wording_errors", "forged_publication_dates")


def window_of(col: DemoColumn) -> int | None:
    """Days a column may go without an update (None = not judged), per indicators.md §3 V4."""
    if col.historical or col.is_container:
        return None
    if col.column_type in LEVEL1_WINDOWS and col.level == 1:
        return LEVEL1_WINDOWS[col.column_type]
    return WINDOWS.get(col.column_type)


def is_stale(col: DemoColumn, content: SiteContent) -> bool:
    window = window_of(col)
    if window is None or col.count == 0:
        return False
    newest = content.newest_real_date(col)
    return newest is None or newest < content.as_of - timedelta(days=window)


class SiteTruth:
    def __init__(self, city: DemoCity, site: DemoSite):
        self.city, self.site = city, site
        self.c = city.content(site)
        self.findings: list[dict[str, Any]] = []
        self.vetoes: list[str] = []

    def add(self, check: str, subject: str, **extra: Any) -> None:
        self.findings.append({"check": check, "subject": subject, "status": "fail", **extra})

    def url(self, path: str) -> str:
        return self.city.absolute(self.site, path)

    def item_url(self, col: DemoColumn, index: int) -> str:
        return self.url(self.c.path(col, index))

    # families ----------------------------------------------------------------------------------
    def columns(self) -> None:
        stale_v4 = stale_long = blank = 0
        for col in self.site.columns:
            if col.is_container:
                continue
            if col.count == 0 and not col.historical:
                blank += 1
                self.add("blank_columns", col.location, column_type=col.column_type, level=col.level)
            elif is_stale(col, self.c):
                newest = self.c.newest_real_date(col)
                self.add("stale_columns", col.location, column_type=col.column_type, level=col.level,
                         newest_date=newest.isoformat() if newest else None)
                stale_long += 1
                if col.column_type == "news" or col.column_type in ("notice", "policy") and col.level == 1:
                    stale_v4 += 1
        if stale_v4 >= V4_STALE or stale_long + blank >= V4_LONG:
            self.vetoes.append("stale_columns")
        if blank >= V4_BLANK:
            self.vetoes.append("blank_columns")
        present = {DISCLOSURE_TYPES[c.column_type] for c in self.site.columns if c.column_type in DISCLOSURE_TYPES}
        for name in DISCLOSURE_COLUMNS:
            if name not in present:
                self.add("missing_disclosure_columns", name)

    def homepage(self) -> None:
        renderer = self.city.renderer(self.site)
        cols = renderer.home_columns() or [c for c in self.site.columns if not c.is_container]
        dates = [d for c in cols if c.count and (d := self.c.newest_real_date(c))]
        if not dates or max(dates) < self.c.as_of - timedelta(days=14):
            self.add("homepage_not_updated", "首页")
            self.vetoes.append("homepage_not_updated")

    def interaction(self) -> None:
        msgs = self.site.columns_of_type("consultation")
        if not msgs:
            self.add("missing_consultation_channel", "政务咨询")
            self.vetoes.append("missing_consultation_channel")
            return
        col, as_of = msgs[0], self.c.as_of
        replies, unanswered, answered = [], False, {}
        for i in range(col.count):
            m = self.c.message(col, i)
            if m.replied:
                replies.append(m.replied)
            if m.replied or m.reply_text:
                answered[self.item_url(col, i)] = [name for name, value in (
                    ("留言时间", m.asked), ("答复时间", m.replied), ("答复单位", m.reply_unit),
                    ("答复内容", m.reply_text)) if not value]
            elif as_of - timedelta(days=365) <= m.asked <= as_of - timedelta(days=90):
                self.add("unanswered_messages", self.item_url(col, i), asked=m.asked.isoformat())
                unanswered = True
        # I1 deducts only inside the 5 published messages drawn by the seeded sample (indicators.md §4.3)
        for url in self.sample("incomplete_message_replies", answered):
            if answered[url]:
                self.add("incomplete_message_replies", url, missing=answered[url])
        if unanswered:
            self.vetoes.append("unanswered_messages")
        if not replies or max(replies) < as_of - timedelta(days=61):
            self.add("no_recent_replies", "政务咨询")

    def services(self) -> None:
        guides = [c for c in self.site.columns if c.kind == "guides"]
        if not guides:
            if self.site.has_services:
                self.add("missing_services", "办事服务")
                self.vetoes.append("missing_services")
            return
        heavy = 0
        for i in range(guides[0].count):
            missing = self.c.guide_missing(i)
            if missing:
                self.add("incomplete_service_guides", self.item_url(guides[0], i), missing=list(missing),
                         severe=len(missing) > V6_MISSING)
                heavy += len(missing) > V6_MISSING
        if heavy >= V6_GUIDES:
            self.vetoes.append("incomplete_service_guides")

    def publishing(self) -> None:
        site, p = self.site, self.site.plants
        policies, interps = site.columns_of_type("policy"), site.columns_of_type("interpretation")
        if policies and interps:
            self.interpretations(policies[0], interps[0])
        for col in site.columns_of_type("overview"):
            if col.kind == "orgs":
                for i in sorted(p.orgs_without_contacts):
                    self.add("missing_org_contacts", self.item_url(col, i))
        for (cid, i), plant in sorted(p.items.items()):
            col = site.column(cid)
            if col is None:
                continue
            if plant.get("no_source"):
                self.add("missing_article_sources", self.item_url(col, i))
            if plant.get("forged"):
                self.add("forged_publication_dates", self.item_url(col, i), shown_date=plant["forged"].isoformat())
            if plant.get("wording"):
                self.add("serious_wording_errors", plant["wording"], url=self.item_url(col, i))
            if plant.get("spam_tail"):
                self.add("injected_spam_text", self.item_url(col, i), form="appended")
            if plant.get("personal_table"):          # a reviewer decides (docs/checks.md): needs_review
                self.add("personal_data_leaks", self.item_url(col, i), status="needs_review",
                         kinds=personal_data_plants.PAGE_KINDS, where="page")
            if plant.get("personal_file"):
                path = plant["attachment_link"]
                self.add("personal_data_leaks", self.url(path), status="needs_review",
                         kinds=personal_data_plants.FILE_KINDS[path], where="attachment")

    def interpretations(self, policies: DemoColumn, interps: DemoColumn) -> None:
        """D7/D8 on the seeded samples the checks draw: 3 policy documents, 3 解读稿 (indicators.md §4.1).
        A 解读 linked in neither direction still interprets its policy (D7 met): two D8 findings."""
        p = self.site.plants
        policy_urls = [self.item_url(policies, i) for i in range(policies.count)]
        missing = {policy_urls[i] for i in p.missing_interp_policies}
        for url in self.sample("missing_interpretations", policy_urls):
            if url in missing:
                self.add("missing_interpretations", url)
        explains = {self.item_url(interps, k): i for k, i in enumerate(self.site.interp_policies)}
        for url in self.sample("unlinked_interpretations", [self.item_url(interps, k) for k in range(interps.count)]):
            i = explains.get(url)
            if i is None:
                continue
            if i in p.interp_no_link_to_policy:
                self.add("unlinked_interpretations", url + "|to_policy", policy_url=policy_urls[i])
            if i in p.interp_no_link_from_policy:
                self.add("unlinked_interpretations", url + "|from_policy", policy_url=policy_urls[i])

    def sample(self, check: str, urls: Iterable[str]) -> list[str]:
        """The URLs ``check`` samples from ``urls``: the seeded draw the rules prescribe (sample_draw.py)."""
        return drawn_sample(check, urls, self.site.site_code)

    def content_security(self) -> None:
        p = self.site.plants
        for trick in p.hidden_links:
            target, text = spam_target(trick, self.city.port_suffix)
            self.add("hidden_spam_links", target, trick=trick, anchor=text,
                     page=INNER_TRICKS.get(trick, "home"))
        if p.cloaking:
            self.add("injected_spam_text", self.city.site_url(self.site), form="cloaking")
        for cid, form in ((p.hijacked_title_cid, "hijacked_title"), (p.spam_meta_cid, "meta")):
            if cid is not None and (col := self.site.column(cid)):
                # the tampered head is on every page of the column's list, not only the first
                for page in range(list_page_count(col)):
                    self.add("injected_spam_text", self.url(self.c.scheme.column_url(col, page)), form=form)

    def function_design(self) -> None:
        site, p = self.site, self.site.plants
        for target, on_home in p.broken_links:
            self.add("broken_links", self.url(target) if not target.startswith("http") else
                     self.city.absolute(site, target), on_homepage=on_home)
        for item in FOOTER_ITEMS:
            if item in p.missing_footer:
                self.add("missing_footer_items", item)
        if p.invalid_footer_code:
            self.add("invalid_site_code", p.invalid_footer_code)
        if not site.host.endswith((".gov.cn", ".政务")):
            self.add("nonconforming_domain", site.host)
        for flag, check in ((p.no_search, "missing_search"), (p.no_viewport, "missing_mobile_support"),
                            (p.no_ipv6, "missing_ipv6"), (p.no_error_report, "missing_error_report_entry")):
            if flag:
                self.add(check, SITE_WIDE)
        if not p.no_ipv6 and not self.city.ipv6:      # the sandbox has no ::1: true, but not a plant
            self.add("missing_ipv6", SITE_WIDE, environment=True)
        # environment, not a plant: the demo serves plain HTTP only (docs/demo_city.md)
        self.add("missing_https", SITE_WIDE, environment=True)


def site_truth(city: DemoCity, site: DemoSite) -> dict[str, Any]:
    t = SiteTruth(city, site)
    out: dict[str, Any] = {
        "site_code": site.site_code, "name": site.name, "url": city.site_url(site), "host": site.host,
        "region": site.region, "is_portal": site.is_portal, "template": site.template,
        "encoding": site.encoding, "role": site.role, "blocked": site.plants.blocked,
    }
    if site.plants.blocked:
        out.update(expected_findings=[], expected_vetoes=[], expected_result=Verdict.NOT_ASSESSED.value, expected_score=None,
                   columns=[], footer={}, homepage_items=0)
        return out
    if site.plants.unreachable:
        t.add("homepage_unreachable", city.site_url(site), ratio=1.0)
        t.add("missing_https", SITE_WIDE, environment=True)     # a network fact, known without pages
        t.vetoes.append("homepage_unreachable")
        out.update(expected_findings=t.findings, expected_vetoes=t.vetoes, expected_result="不合格",
                   expected_score=None, columns=[], footer={}, homepage_items=0)
        return out
    for family in (t.columns, t.homepage, t.interaction, t.services, t.publishing, t.content_security,
                   t.function_design):
        family()
    t.vetoes += [c for c in CONTENT_VETO if any(f["check"] == c for f in t.findings)]
    score = None if t.vetoes else expected_score(t.findings, has_services=site.has_services)
    out.update(
        expected_findings=t.findings, expected_vetoes=t.vetoes,
        expected_result="不合格" if score is None else expected_result(score),
        expected_score=score,
        columns=[_column_truth(t, c) for c in site.columns],
        footer={item: item not in site.plants.missing_footer for item in FOOTER_ITEMS} |
        {"site_code_value": site.plants.invalid_footer_code or site.site_code,
         "error_report_entry": not site.plants.no_error_report},
        homepage_items=city.renderer(site).home_items_count(),
    )
    return out


def _column_truth(t: SiteTruth, col: DemoColumn) -> dict[str, Any]:
    newest = t.c.newest_real_date(col) if col.count else None
    return {"location": col.location, "url": t.url(t.c.scheme.column_url(col)), "column_type": col.column_type,
            "level": col.level, "newest_date": newest.isoformat() if newest else None,
            "blank": col.count == 0 and not col.is_container, "historical": col.historical,
            "container": col.is_container, "items": col.count, "stale": is_stale(col, t.c)}


def city_ground_truth(city: DemoCity) -> dict[str, Any]:
    return {"as_of": city.as_of.isoformat(), "seed": city.seed, "defects": city.defects,
            "port": city.port, "resolve_map": city.resolve_map(),
            "sites": [site_truth(city, s) for s in city.sites],
            "accounts": [account_truth(city, a) for a in city.accounts]}
