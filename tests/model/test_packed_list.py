"""PackedList: a list of records held as compressed pickles, read back equal, a fraction of the memory."""
from __future__ import annotations

import gc
import pickle
import tracemalloc
from datetime import date

import pytest

from govinspect.model.artifacts import Article, PageMeta
from govinspect.model.packed_list import CHUNK, PackedList
from govinspect.model.serialize import to_jsonable


def _articles(n: int) -> list[Article]:
    return [Article(url=f"http://www.example.gov.cn/art/2020/7/{i}/art_{i}.html", title=f"关于第{i}项工作的通知",
                    text="各单位：" + "现将有关事项通知如下。" * (i % 7 + 1), pub_date=date(2020, 7, 1 + i % 28),
                    column_path=("首页", "政务公开", "通知公告")) for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_reads_back_what_was_appended(n: int) -> None:
    items = _articles(n)
    packed = PackedList(items[: n // 2])
    for item in items[n // 2:]:
        packed.append(item)
    assert len(packed) == n and bool(packed) == bool(items)
    assert list(packed) == items and packed == items and list(packed) == list(packed)   # read twice, equal
    if n:
        assert packed[0] == items[0] and packed[-1] == items[-1] and packed[n // 2] == items[n // 2]
        assert packed[1:4] == items[1:4]
    with pytest.raises(IndexError):
        packed[n]
    assert to_jsonable(packed) == to_jsonable(items)
    sent = pickle.dumps(packed)
    again = pickle.loads(sent)
    assert type(again) is PackedList and again == items and len(again) == n        # across processes: packed
    if n > 2 * CHUNK:
        assert len(sent) < len(pickle.dumps(items)) / 2


def test_records_come_back_as_copies() -> None:
    metas = [PageMeta(url=f"http://a.gov.cn/{i}.html", site_name=f"第{i}站") for i in range(CHUNK + 2)]
    packed = PackedList(metas)
    first = next(iter(packed))
    assert first == metas[0] and first is not metas[0]
    assert packed != metas[:-1] and packed != [*metas[:-1], PageMeta(url="x", site_name="y")]


def test_holds_a_fraction_of_the_records_memory() -> None:
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        plain = _articles(4000)
        as_objects = tracemalloc.get_traced_memory()[0] - base
        packed = PackedList(_articles(4000))
        as_packed = tracemalloc.get_traced_memory()[0] - base - as_objects
    finally:
        tracemalloc.stop()
    assert packed == plain
    assert as_packed < as_objects / 4, (as_packed, as_objects)
