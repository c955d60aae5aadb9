"""The regexes respelt so re can skip ahead (issue 13) find exactly what the plain spellings found.

Each rewrite is compared with the plain pattern it replaced on texts built at random from that pattern's own
pieces (the words, separators, folds and boundaries where a rewrite could go wrong), and on the real pages."""
from __future__ import annotations

import random
import re
from pathlib import Path

from govinspect.extract import articles, dates, footer, links, list_items, page_digest
from govinspect.extract.any_case_pattern import any_case, letters
from govinspect.gather import script_pages

REAL = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "html"


def _texts(pieces: list[str], n: int = 4000, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))) for _ in range(n)]
    real = sorted(REAL.rglob("*.htm*"))[:20]
    assert real, f"no real pages under {REAL}"
    out += [f.read_bytes().decode("utf-8", errors="replace") for f in real]
    return out


def _spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_any_case_matches_what_ignorecase_matches():
    plain = re.compile(r"\bfetch\s*\(|axios\.|getJSON|isk", re.IGNORECASE)
    fast = re.compile("|".join((any_case("fetch", r"\s*\(", boundary=True), any_case("axios."), letters("getJSON"),
                                any_case("isk"))))
    pieces = ["fetch", "FETCH", "Fetch", "xfetch", "_fetch", " fetch", "(", " (", "axios", ".", "AXIOS", "getjson",
              "GETJSON", "ſ", "ı", "İ", "K", "k", "is", "IS", "中", "a", " "]
    for text in _texts(pieces):
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)], text


def test_blank_markers_as_before():
    plain = re.compile(
        r"暂无(信息|数据|内容|记录|相关信息|相关内容|文章|资料)|没有(相关)?(信息|数据|内容|记录)|无相关(信息|内容|记录)|"
        r"(栏目|页面|内容)?(正在|尚在)(建设|完善|更新)中?|建设中|共\s*0\s*条|共有\s*0\s*条|记录数\s*[:：]?\s*0\b|"
        r"\bTotal\s*[:：]?\s*0(?![.,]?\d)|\bNo\s+(?:records?|data|information|items?)\s+(?:found|available)\b")
    pieces = ["暂无", "信息", "没有", "相关", "数据", "无相关", "栏目", "页面", "内容", "正在", "尚在", "建设", "完善", "更新",
              "中", "建设中", "共", " ", "0", "条", "共有", "记录数", "：", "Total", "xTotal", "中Total", "No", "aNo",
              " records", " data", " found", " available", "1", "."]
    for text in _texts(pieces):
        a, b = plain.search(text), list_items.BLANK_MARKERS.search(text)
        assert (a and (a.start(), a.group(0))) == (b and (b.start(), b.group(0))), text


def test_full_dates_as_before():
    pieces = ["2020", "1999", "19", "20", "2", "0", "1", "-", "/", ".", "年", "月", "日", "号", " ", "07", "17",
              "二〇二〇", "〇", "一", "二", "十", "三", "九", "O", "o", "零", "○", "x", "12", "3"]
    for text in _texts(pieces):
        assert _spans(dates._FULL_RE.finditer(text)) == _spans(dates._full_dates(text)), text


def test_organiser_as_before():
    def plain(text: str) -> str | None:       # every match in order, as before the search was narrowed
        return next((v for m in footer._ORGANIZER_RE.finditer(text) if (v := footer.organiser_of(m))), None)
    pieces = ["主办", "主", "办", "单位", "网站主办", "主 办", ":", "：", "  ", "\n", " ", "由", "共同", "XX市人民政府",
              "主管主办", "单", "方", "|", "，", "x" * 31, "中", "政府办公室" * 3]
    for text in _texts(pieces):
        assert plain(text) == footer._organizer(text), text


def test_href_publication_label_doc_number_and_script_list_as_before():
    href = re.compile(r"""\bhref\s*=\s*["']?\s*([^"'\s>]*)""", re.IGNORECASE)
    label = re.compile(r"(发布时间|发布日期|发文日期|成文日期|发表时间|更新时间|信息来源|文章来源|稿件来源|来\s*源|字\s*号|"
                       r"Release\s+(?:time|date)|Publish(?:ed)?\s+(?:time|date|on)|Post(?:ed)?\s+(?:time|on|date))\s*[:：]|"
                       r"【\s*(?:字体|打印|关闭)", re.IGNORECASE)
    doc_number = re.compile(r"[\u4e00-\u9fa5]{1,8}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d+\s*号")
    script_list = re.compile(r"\$\.(?:ajax|get|post|getJSON)\s*\(|XMLHttpRequest|\bfetch\s*\(|axios\.|jpage|dataproxy|"
                             r"laypage|v-for=|\{\{\s*\w", re.IGNORECASE)
    pieces = ["href", "HREF", "xhref", " href", "=", '"', "'", "/a.html", ">", "发布时间", "来 源", "：", ":", "【", "字体",
              "release", "Release", "TIME", "date", "PUBLISHED", "post", "on", " ", "国发", "〔", "2020", "〕", "12", "号",
              "(", "（", "$.", "ajax", "getJSON", "fetch", "XMLHttpRequest", "jpage", "v-for=", "{{", "ſ", "ı", "中"]
    for text in _texts(pieces):
        assert href.findall(text) == links._HREF.findall(text), text
        a, b = label.search(text), page_digest._PUB_LABEL.search(text)
        assert (a and a.start()) == (b and b.start()), text
        assert bool(doc_number.search(text)) == articles._has_doc_number(text), text
        a, b = script_list.search(text), script_pages._SCRIPT_LIST.search(text)
        assert (a and a.start()) == (b and b.start()), text
