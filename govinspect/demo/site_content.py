"""What a demo site says, item by item: dates, titles, URLs, messages, guides, 机构 entries.

Everything is a pure function of (seed, site, column, index): the renderer and the ground truth
both read it, so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from govinspect.demo.city_model import DemoColumn, DemoSite, item_date
from govinspect.demo.prose import document_name, fraction, person_name, pick
from govinspect.demo.titles import guide_title, item_title, item_topic
from govinspect.demo.url_schemes import UrlScheme, scheme_for
from govinspect.model.artifacts import SERVICE_GUIDE_ELEMENTS

ORG_NAMES = ("办公室", "政策法规科", "财务审计科", "行政审批科", "综合执法大队", "信息中心", "规划发展科",
             "人事科")
REPLY_UNITS = ("办公室", "行政审批科", "综合执法大队", "规划发展科", "政策法规科")


@dataclass(frozen=True, slots=True)
class Item:
    col: DemoColumn
    index: int
    title: str
    date: date
    path: str


@dataclass(frozen=True, slots=True)
class MessageFacts:
    asked: date
    replied: date | None
    reply_unit: str | None
    reply_text: str | None
    asker: str


class SiteContent:
    def __init__(self, site: DemoSite, seed: int, as_of: date):
        self.site, self.seed, self.as_of = site, seed, as_of
        self.scheme: UrlScheme = scheme_for(site.template, site.columns)
        self.key = f"{seed}|{site.host}"

    # dates -----------------------------------------------------------------------------------
    def shown_date(self, col: DemoColumn, index: int) -> date:
        """The date the site prints (a forged date where one is planted)."""
        plant = self.site.plants.items.get((col.cid, index))
        if plant and "forged" in plant:
            return plant["forged"]
        if col.column_type == "interpretation" and self.site.interp_policies:
            policy = self.site.columns_of_type("policy")[0]
            d = self.shown_date(policy, self.site.interp_policies[index]) + timedelta(days=1)
            return min(d, self.as_of)
        return item_date(col, index, fraction(f"{self.key}|{col.cid}|{index}") * 0.5)

    def newest_real_date(self, col: DemoColumn) -> date | None:
        """Newest date not after as_of (forged future dates do not make a column fresh)."""
        for i in range(min(col.count, 5)):
            d = self.shown_date(col, i)
            if d <= self.as_of:
                return d
        return None

    # items -----------------------------------------------------------------------------------
    def salt(self, col: DemoColumn) -> int:
        return pick(f"{self.key}|{col.cid}|salt", 1 << 20)

    def topic(self, col: DemoColumn, index: int) -> str:
        """What item ``index`` is about (its title and body agree)."""
        return item_topic(index, self.salt(col))

    def title(self, col: DemoColumn, index: int) -> str:
        d = self.shown_date(col, index)
        site = self.site
        if col.column_type == "interpretation" and site.interp_policies:
            policy = site.columns_of_type("policy")[0]
            return f"《{document_name(self.title(policy, site.interp_policies[index]))}》政策解读"
        if col.kind == "guides":
            return guide_title(index, self.salt(col))
        if col.kind == "orgs":
            return f"{site.unit}{ORG_NAMES[index % len(ORG_NAMES)]}"
        if col.column_type == "disclosure_guide":
            return f"{site.unit}政府信息公开指南" + ("（2020年修订）" if index == 0 else "")
        if col.column_type == "disclosure_report":
            return f"{site.unit}{d.year - 1}年政府信息公开工作年度报告"
        if col.column_type == "overview":
            return f"{site.unit}{('主要职责', '内设机构', '领导信息')[index % 3]}"
        return item_title(col.column_type, index, self.salt(col), site.unit, site.place, d)

    def path(self, col: DemoColumn, index: int) -> str:
        return self.scheme.article_url(col, index, self.shown_date(col, index))

    def item(self, col: DemoColumn, index: int) -> Item:
        return Item(col, index, self.title(col, index), self.shown_date(col, index), self.path(col, index))

    def items(self, col: DemoColumn, start: int, n: int) -> list[Item]:
        return [self.item(col, i) for i in range(start, min(start + n, col.count))]

    def policy_facts(self, col: DemoColumn, index: int) -> tuple[str, date]:
        """(文号, 成文日期) of a policy document; 成文 1–6 days before publication."""
        d = self.shown_date(col, index)
        issuer = self.site.unit
        short = issuer[:2] + ("政发" if issuer.endswith("人民政府") else "发")
        number = f"{short}〔{d.year}〕{1 + pick(f'{self.key}|{col.cid}|{index}|no', 40)}号"
        return number, d - timedelta(days=1 + pick(f"{self.key}|{col.cid}|{index}|cw", 6))

    # special kinds ---------------------------------------------------------------------------
    def message(self, col: DemoColumn, index: int) -> MessageFacts:
        k = f"{self.key}|msg|{index}"
        asked = self.shown_date(col, index)
        asker = person_name(k)[0] + "先生" if pick(k, 2) else person_name(k)[0] + "女士"
        if index in self.site.plants.messages_unanswered:
            return MessageFacts(asked, None, None, None, asker)
        replied = min(asked + timedelta(days=1 + pick(k + "r", 5)), self.as_of)
        unit = f"{self.site.unit}{REPLY_UNITS[pick(k + 'u', len(REPLY_UNITS))]}"
        text = ("您好！您反映的问题已收悉。经核实，相关工作正在按计划推进，我单位将加强督促落实，"
                "及时回应群众关切。感谢您对我们工作的关心和支持！")
        if index in self.site.plants.messages_incomplete:
            return MessageFacts(asked, None, None, text, asker) if index % 2 else \
                MessageFacts(asked, replied, None, text, asker)
        return MessageFacts(asked, replied, unit, text, asker)

    def guide_missing(self, index: int) -> tuple[str, ...]:
        return self.site.plants.guides_incomplete.get(index, ())

    def guide_elements(self, index: int) -> tuple[str, ...]:
        missing = self.guide_missing(index)
        return tuple(e for e in SERVICE_GUIDE_ELEMENTS if e not in missing)

    def org_has_contacts(self, index: int) -> bool:
        return index not in self.site.plants.orgs_without_contacts
