"""The gazetteer is valid data and the matcher judges as of the publication date."""
from __future__ import annotations

from datetime import date

import pytest

from govinspect.extract.security.match_wording import blank_non_prose, find_wording_errors
from govinspect.extract.security.wording_gazetteer import load_gazetteer, parse_gazetteer


def test_gazetteer_is_consistent() -> None:
    gaz = load_gazetteer()
    assert gaz.version
    for leader in gaz.leaders:
        for office in leader.offices:
            assert office.end is None or office.start < office.end, (leader.name, office)
    for title in ("国务院总理", "国家主席", "全国人大常委会委员长", "全国政协主席"):
        assert len(gaz.holders(title, date(2024, 1, 1))) == 1, title
    assert gaz.holders("国务院总理", date(2020, 1, 1)) == ["李克强"]
    assert gaz.holders("国务院总理", date(2024, 1, 1)) == ["李强"]


def test_gazetteer_rejects_unknown_titles() -> None:
    with pytest.raises(ValueError, match="不在 titles 中"):
        parse_gazetteer({"version": "t", "titles": {"国家主席": ["国家主席"]},
                         "leaders": [{"name": "某", "offices": [{"title": "总理", "from": "2020-01-01"}]}]})


@pytest.mark.parametrize(("text", "on", "expected"), [
    ("深入学习贯彻习进平新时代中国特色社会主义思想", date(2020, 7, 1), [("习进平", "习近平", "fail")]),
    ("习近平总书记强调", date(2010, 1, 1), [("习近平总书记", "2010-01-01时中共中央总书记为胡锦涛", "fail")]),
    ("国务院总理李强主持会议", date(2020, 1, 1), [("国务院总理李强", "2020-01-01时国务院总理为李克强", "fail")]),
    ("国务院总理李强主持会议", date(2024, 1, 1), []),
    ("国务院总理王沪宁出席", date(2024, 1, 1), [("国务院总理王沪宁", "2024-01-01时国务院总理为李强", "fail")]),
    ("原国务院总理李克强同志逝世", date(2023, 10, 28), []),
    ("胡锦涛总书记指出", date(2014, 1, 1), [("胡锦涛总书记", "2014-01-01时中共中央总书记为习近平", "fail")]),
    ("胡锦涛总书记指出", date(2020, 1, 1), [("胡锦涛总书记", "2020-01-01时中共中央总书记为习近平", "needs_review")]),
    ("全国人大常委会副委员长王晨出席", date(2020, 1, 1), []),
    ("坚持以人民为重心的发展思想", date(2020, 1, 1), [("以人民为重心", "以人民为中心", "fail")]),
    ("市环境保护局开展执法检查", date(2018, 1, 1), []),
    ("市环境保护局开展执法检查", date(2021, 1, 1), [("环境保护局", "生态环境局", "needs_review")]),
    ("各级环境保护部门加强监管", date(2021, 1, 1), []),
    ("2017年，国土资源部印发了方案", date(2021, 1, 1), []),
    ("李可强同志出席", date(2021, 1, 1), []),            # a namesake without a leader's title is nobody's typo
])
def test_matches(text: str, on: date, expected: list[tuple[str, str, str]]) -> None:
    assert [(h.wrong, h.correct, h.status) for h in find_wording_errors(text, on)] == expected


def test_filing_numbers_urls_and_code_are_never_matched() -> None:
    text = "沪公网安备31010602000000号 京ICP备05070218号 网站标识码bm01000001 http://www.gov.cn/a?b=安倍"
    assert set(blank_non_prose(text)) <= set(" 沪京号")
    assert find_wording_errors(text, date(2024, 1, 1)) == []
