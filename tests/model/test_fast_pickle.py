"""Records pickled by field tuple (model/fast_pickle.py) come back equal, on the slot fast path and the
generic one, and a state of the wrong length is refused as before."""
from __future__ import annotations

import pickle
from dataclasses import dataclass, fields

import pytest

from govinspect.model import artifacts, page_analysis
from govinspect.model.fast_pickle import fast_pickle

REGISTERED = (artifacts.PageSnapshot, artifacts.Link, artifacts.ListItem, artifacts.Message, artifacts.PageMeta,
              artifacts.FooterInfo, artifacts.Article, artifacts.PageKind, artifacts.PersonalDataHit,
              page_analysis.PageLink, page_analysis.TextBlock, page_analysis.PageAnalysis)


def _sample(cls: type):
    """An instance whose every field holds a distinct value (so a swapped pair would show)."""
    values = {}
    for i, f in enumerate(fields(cls)):
        values[f.name] = f"{f.name}-{i}" if f.type in ("str", "str | None") else getattr(cls, f.name, None)
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


@pytest.mark.parametrize("cls", REGISTERED, ids=lambda c: c.__name__)
def test_registered_records_round_trip_on_the_slot_path(cls):
    assert "member_descriptor" in type(vars(cls)[fields(cls)[0].name]).__name__    # the fast path is taken
    obj = _sample(cls)
    back = pickle.loads(pickle.dumps([obj, obj], protocol=pickle.HIGHEST_PROTOCOL))
    assert back[0] is back[1]
    for f in fields(cls):
        assert getattr(back[0], f.name) == getattr(obj, f.name), f.name


def test_link_fields_keep_their_places():
    link = artifacts.Link(url="http://a.gov.cn/x", text="通知", position="nav", tag="img", hidden_hints=("hidden-attr",),
                          title="标题")
    assert pickle.loads(pickle.dumps(link)) == link


@fast_pickle
@dataclass(frozen=True)
class Plain:          # no slots: the generic setter
    state: str
    obj: int


@fast_pickle
@dataclass(frozen=True, slots=True)
class One:            # one field; names that would clash with the setter's own locals
    state: tuple


def test_generic_path_and_one_field_and_clashing_names():
    assert pickle.loads(pickle.dumps(Plain("s", 3))) == Plain("s", 3)
    assert pickle.loads(pickle.dumps(One(("a", 1)))) == One(("a", 1))


def test_a_state_of_the_wrong_length_is_refused():
    link = object.__new__(artifacts.Link)
    with pytest.raises(ValueError):
        link.__setstate__(("only", "two"))
    plain = object.__new__(Plain)
    with pytest.raises(ValueError):
        plain.__setstate__(("only",))
