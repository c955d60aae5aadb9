"""dates: every vector of realdata/notes/date_formats_observed.json, Chinese numerals, month–day years."""
from __future__ import annotations

import json
from datetime import date

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.dates import (
    date_from_url,
    find_dates,
    infer_year,
    labelled_dates,
    parse_date,
    publication_date,
)


def _vector_date(raw: str, expect_year: int | None) -> date | None:
    """What the extractor reads from a vector: a <meta> content, an HTML snippet's text, or text."""
    if "<meta" in raw:
        node = LexborHTMLParser(raw).css_first("meta")
        text = node.attributes.get("content") or ""
    elif raw.lstrip().startswith("<"):
        text = LexborHTMLParser(raw).text(deep=True)
    else:
        text = raw
    # The as-of date matters only for year-less dates; the miit vector was saved in March 2018.
    as_of = date(expect_year, 3, 31) if expect_year else date(2025, 1, 1)
    found = publication_date(text, as_of)
    if found is None:
        found = next((f for f in find_dates(text, as_of, month_day=True)), None)
    return found.date if found else None


def test_date_vectors_observed(realdata):
    vectors = json.loads((realdata / "notes/date_formats_observed.json").read_text("utf-8"))["vectors"]
    assert len(vectors) >= 19
    right = 0
    for v in vectors:
        expect = date.fromisoformat(v["expect"][:10]) if v["expect"] else None
        got = _vector_date(v["raw"], expect.year if expect and "year from context" in v["expect"] else None)
        right += got == expect
    assert right / len(vectors) >= 0.95
    assert right == len(vectors)      # measured: 19/19


@pytest.mark.parametrize("text, expect", [
    ("2020年07月17日", date(2020, 7, 17)),
    ("2020 年 7 月 17 日", date(2020, 7, 17)),
    ("２０２０－０７－１７", date(2020, 7, 17)),
    ("2020/7/17", date(2020, 7, 17)),
    ("2020.07.17", date(2020, 7, 17)),
    ("二〇二〇年七月十七日", date(2020, 7, 17)),
    ("二○一一年十二月三十一日", date(2011, 12, 31)),
    ("发布日期：2020年07月17日 16:10:05", date(2020, 7, 17)),
    ("2023-08-19 10∶08", date(2023, 8, 19)),
])
def test_full_formats(text, expect):
    assert parse_date(text, date(2024, 1, 1)).date == expect


def test_month_day_takes_year_from_as_of():
    as_of = date(2020, 7, 20)
    assert parse_date("[07-17]", as_of).date == date(2020, 7, 17)
    assert parse_date("[07-17]", as_of).year_inferred
    # Would be in the future this year → previous year.
    assert parse_date("[12-31]", as_of).date == date(2019, 12, 31)
    assert parse_date("03.16", date(2018, 3, 31)).date == date(2018, 3, 16)
    assert parse_date("07月17日", as_of).date == date(2020, 7, 17)
    assert infer_year(2, 29, date(2021, 3, 1)) == date(2020, 2, 29)
    # Without a 监测时间点 a year-less date is not guessed.
    assert parse_date("[07-17]", None) is None


def test_no_dates_from_digit_runs_or_index_numbers():
    assert find_dates("统计期限为202311日至20231231日") == []
    assert find_dates("201395") == []
    assert find_dates("索引号：000014348/2020-35428") == []
    assert find_dates("电话 0310-3456789") == []
    assert parse_date("第2020-13-45号") is None
    # Long text: a bare "07-17" is not a date (phone fragments, numbers), bracketed is.
    assert find_dates("联系电话 12-31 转 3 号分机，请在工作时间拨打本单位电话", date(2020, 7, 20), True) == []


def test_future_dates_are_flagged():
    found = parse_date("2030-01-01", date(2024, 1, 1))
    assert found.future
    assert not parse_date("2024-01-01", date(2024, 1, 1)).future


def test_labels_told_apart():
    text = "成文日期：2024年03月30日 发布日期：2024年04月06日 实施日期：2024-05-01"
    labels = labelled_dates(text)
    assert labels["成文日期"].date == date(2024, 3, 30)
    assert labels["发布日期"].date == date(2024, 4, 6)
    pub = publication_date(text)
    assert pub.label == "发布日期" and pub.date == date(2024, 4, 6)
    only_effective = publication_date("实施日期：2024-05-01 截止日期：2024-06-01")
    assert only_effective is None
    assert publication_date("成文日期：2024-03-30").label == "成文日期"
    assert publication_date("发 文 日 期 2019-11-29 上 载 日 期 2019-12-02").date == date(2019, 11, 29)


def test_date_from_url():
    assert date_from_url("http://www.fjnh.gov.cn/xxgk/gggs/202311/t20231102_1971295.htm") == date(2023, 11, 2)
    assert date_from_url("http://www.szzj.gov.cn/art/2017/3/28/art_1_2.html") == date(2017, 3, 28)
    assert date_from_url("http://x.gov.cn/col/col123/index.html") is None


def test_short_list_forms():
    as_of = date(2020, 7, 20)
    assert parse_date("19年10月08日", as_of).date == date(2019, 10, 8)
    assert parse_date("昨天 16:10", as_of).date == date(2020, 7, 19)
    assert parse_date("3天前", as_of).date == date(2020, 7, 17)
    assert parse_date("5小时前", as_of).date == as_of
    assert parse_date("昨天", None) is None
    # Not in running text: a sentence mentioning 昨天 is not a list date.
    assert parse_date("市领导昨天到我区调研乡村振兴工作进展情况并召开座谈会", as_of) is None
