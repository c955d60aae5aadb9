"""The versioned wording gazetteer (data/wording_gazetteer.yaml): leaders and their offices with terms,
retired organ names, fixed formulations and known wrong forms."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

_DATA = "govinspect.extract.security.data"


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    offices: tuple[Office, ...]
    context: tuple[str, ...]
    source: str

    def holds(self, title: str, on: date) -> bool:
        return any(o.title == title and o.start <= on and (o.end is None or on < o.end) for o in self.offices)

    def ever_held(self, title: str) -> tuple[Office, ...]:
        return tuple(o for o in self.offices if o.title == title)


@dataclass(frozen=True, slots=True)
class Institution:
    name: str
    retired: date
    successor: str
    source: str
    local: bool = False
    review_only: bool = False


@dataclass(frozen=True, slots=True)
class WrongForm:
    wrong: str
    correct: str
    source: str
    review_only: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    version: str
    title_forms: dict[str, str]            # written form → canonical title
    leaders: tuple[Leader, ...]
    institutions: tuple[Institution, ...]
    formulations: tuple[str, ...]
    wrong_forms: tuple[WrongForm, ...]

    def holders(self, title: str, on: date) -> list[str]:
        return [lead.name for lead in self.leaders if lead.holds(title, on)]


def _date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def parse_gazetteer(data: dict) -> Gazetteer:
    titles = data["titles"]
    forms = {form: canonical for canonical, written in titles.items() for form in written}
    leaders = []
    for entry in data["leaders"]:
        offices = []
        for o in entry.get("offices") or []:
            if o["title"] not in titles:
                raise ValueError(f"措辞词库：{entry['name']} 的职务 {o['title']} 不在 titles 中")
            offices.append(Office(o["title"], _date(o["from"]), _date(o["to"]) if o.get("to") else None))
        leaders.append(Leader(entry["name"], tuple(offices), tuple(entry.get("context") or ()),
                              str(entry.get("source", ""))))
    institutions = tuple(Institution(i["name"], _date(i["retired"]), i["successor"], i.get("source", ""),
                                     bool(i.get("local")), bool(i.get("review_only")))
                         for i in data.get("institutions") or [])
    wrong = tuple(WrongForm(w["wrong"], w["correct"], w.get("source", ""), bool(w.get("review_only")))
                  for w in data.get("wrong_forms") or [])
    return Gazetteer(str(data["version"]), forms, tuple(leaders), institutions,
                     tuple(data.get("formulations") or ()), wrong)


@cache
def load_gazetteer() -> Gazetteer:
    text = resources.files(_DATA).joinpath("wording_gazetteer.yaml").read_text(encoding="utf-8")
    return parse_gazetteer(yaml.safe_load(text))
