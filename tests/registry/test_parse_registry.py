"""Registry import: formats, encodings, and every kind of malformed row named by its row number."""
from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from govinspect.registry.parse_registry import parse_registry_file, parse_registry_rows
from govinspect.registry.region_codes import is_known_region
from govinspect.registry.registry_errors import RegistryFileError

SITE_HEADER = ["网站标识码", "网站名称", "首页地址", "主办单位", "是否门户", "所属地区", "有无办事服务"]
GOOD = ["4212000001", "咸宁市人民政府", "http://www.xianning.gov.cn/", "咸宁市人民政府办公室", "是", "市直", "是"]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_gbk_csv_with_chinese_headers_fullwidth_spaces(tmp_path: Path) -> None:
    rows = [SITE_HEADER, ["\u30004212000001\u3000", "咸宁市人民政府", "www.xianning.gov.cn", "市政府办", "是", "市直", ""]]
    parsed = parse_registry_file(write_csv(tmp_path / "gbk.csv", rows, "gbk"))
    assert parsed.errors == []
    site = parsed.sites[0]
    assert site.site_code == "4212000001" and site.url == "http://www.xianning.gov.cn/"
    assert site.is_portal and site.has_services and site.region == "市直"


def test_english_headers_and_bom_utf8(tmp_path: Path) -> None:
    rows = [["site_code", "name", "url", "organizer", "is_portal", "region", "has_services"],
            ["bm07000001", "工业和信息化部", "https://www.miit.gov.cn/", "工信部", "否", "部委", "否"]]
    parsed = parse_registry_file(write_csv(tmp_path / "en.csv", rows))
    assert parsed.errors == [] and parsed.sites[0].has_services is False


def test_xlsx(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(SITE_HEADER)
    ws.append([4212000001, "咸宁市人民政府", "http://www.xianning.gov.cn/", "市政府办", "是", "市直", "是"])
    wb.save(tmp_path / "r.xlsx")
    parsed = parse_registry_file(tmp_path / "r.xlsx")
    assert parsed.errors == [] and parsed.sites[0].site_code == "4212000001"


MALFORMED = [
    # (row cells, expected reason fragment)
    (["", "网站A", "http://a.gov.cn/", "", "是", "", ""], "网站标识码为空"),
    (["42120001", "网站B", "http://b.gov.cn/", "", "是", "", ""], "格式错误"),
    (["9999990001", "网站C", "http://c.gov.cn/", "", "是", "", ""], "不是有效的行政区划代码"),
    (["4212000002", "", "http://d.gov.cn/", "", "是", "", ""], "网站名称为空"),
    (["4212000003", "网站E", "", "", "是", "", ""], "首页地址为空"),
    (["4212000004", "网站F", "ht!tp//bad url", "", "是", "", ""], "不是有效的网址"),
    (["4212000005", "网站G", "ftp://g.gov.cn/", "", "是", "", ""], "不是有效的网址"),
    (["4212000006", "网站H", "http://h.gov.cn/", "", "也许", "", ""], "是否门户"),
    (["4212000007", "网站I", "http://i.gov.cn/", "", "否", "", "不知道"], "有无办事服务"),
    (["4212000001", "重复标识码", "http://j.gov.cn/", "", "否", "", ""], "重复"),
    (["4212000008", "重复网址", "http://www.xianning.gov.cn", "", "否", "", ""], "重复"),
    (["bm1234", "部委", "http://k.gov.cn/", "", "否", "", ""], "格式错误"),
]


def test_every_malformed_row_named_with_row_number_and_good_rows_kept() -> None:
    rows = [SITE_HEADER, GOOD] + [cells for cells, _ in MALFORMED] + [
        ["4212020001", "咸安区人民政府", "http://www.xianan.gov.cn/", "", "是", "咸安区", ""]]
    parsed = parse_registry_rows(rows)
    assert [s.site_code for s in parsed.sites] == ["4212000001", "4212020001"]
    assert len(parsed.errors) == len(MALFORMED)
    for err, (cells, fragment) in zip(parsed.errors, MALFORMED):
        expected_row = rows.index(cells) + 1
        assert err.row == expected_row, (err, cells)
        assert fragment in err.reason, (err, fragment)
        assert str(err).startswith(f"第{expected_row}行")


ACCOUNT_HEADER = ["账号名称", "平台", "主办单位", "所属地区", "是否备案", "订阅地址", "最近更新"]


def test_account_rows_and_their_errors() -> None:
    rows = [ACCOUNT_HEADER,
            ["咸宁林业", "微信公众号", "咸宁市林业局", "市直", "是", "", "2020年7月3日"],
            ["咸宁发布", "新浪微博", "市政府办", "市直", "否", "http://127.0.0.1:1/rss", ""],
            ["坏平台", "脸书", "某局", "市直", "是", "", ""],
            ["坏日期", "微信", "某局", "市直", "是", "", "2020-13-45"],
            ["坏备案", "抖音", "某局", "市直", "可能", "", ""],
            ["坏订阅", "抖音", "某局2", "市直", "是", "not a url", ""],
            ["咸宁林业", "微信", "咸宁市林业局", "市直", "是", "", ""]]
    parsed = parse_registry_rows(rows)
    assert parsed.kind == "accounts"
    assert [a.name for a in parsed.accounts] == ["咸宁林业", "咸宁发布"]
    assert parsed.accounts[0].platform == "微信" and parsed.accounts[0].last_post.isoformat() == "2020-07-03"
    assert parsed.accounts[1].filed is False
    reasons = {e.row: e.reason for e in parsed.errors}
    assert set(reasons) == {4, 5, 6, 7, 8}
    assert "平台" in reasons[4] and "日期" in reasons[5] and "备案" in reasons[6]
    assert "订阅地址" in reasons[7] and "重复" in reasons[8]


def test_file_level_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(RegistryFileError, match="缺少必填列"):
        parse_registry_rows([["网站名称", "备注"], ["x", "y"]])
    with pytest.raises(RegistryFileError, match="为空"):
        parse_registry_rows([])
    with pytest.raises(RegistryFileError, match="不支持"):
        parse_registry_file(write_csv(tmp_path / "x.pdf", [["a"]]))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x00\x01\x02 binary \x00 garbage")
    with pytest.raises(RegistryFileError, match="既不是 Excel 文件也不是文本表格"):
        parse_registry_file(bad)
    old_xls = tmp_path / "old.xlsx"
    old_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(RegistryFileError, match=r"旧版 Excel（\.xls）"):
        parse_registry_file(old_xls)


def test_csv_renamed_to_xlsx_is_read_as_csv(tmp_path: Path) -> None:
    rows = [SITE_HEADER, ["4212000001", "咸宁市人民政府", "http://www.xianning.gov.cn/", "咸宁市人民政府办公室", "是", "市直", "是"]]
    text = write_csv(tmp_path / "r.csv", rows).read_bytes()
    renamed = tmp_path / "名录.xlsx"
    renamed.write_bytes(text)
    parsed = parse_registry_file(renamed)
    assert not parsed.errors and [s.site_code for s in parsed.sites] == ["4212000001"]


def test_5000_rows_parse_fast(tmp_path: Path) -> None:
    rows = [SITE_HEADER] + [[f"421200{i:04d}", f"单位{i}", f"http://s{i}.xianning.gov.cn/", "单位", "否", "市直", "是"]
                            for i in range(5000)]
    path = write_csv(tmp_path / "big.csv", rows)
    started = time.perf_counter()
    parsed = parse_registry_file(path)
    elapsed = time.perf_counter() - started
    assert len(parsed.sites) == 5000 and not parsed.errors
    print(f"5000-row parse: {elapsed:.3f}s")


def portal_rows_from_laosheng(text: str) -> list[list[str]]:
    """The 千县网 list: lines "<6-digit code> [name](url …)"; 标识码 = code + 4-digit serial."""
    rows = [SITE_HEADER]
    pattern = re.compile(r"^(\d{6})\s*(?:<b>)?\[([^\]]+)\]\((\S+?)(?:\s+'[^']*')?\s*\)")
    for line in text.splitlines():
        m = pattern.match(line.strip())
        if m:
            code, name, url = m.groups()
            rows.append([code + "0001", name + "人民政府", url, name + "人民政府办公室", "是", name, "是"])
    return rows


def test_real_portal_list_parses_and_every_region_code_is_known(realdata: Path) -> None:
    text = (realdata / "sites" / "laosheng_qianxian_county_gov_urls.md").read_text(encoding="utf-8")
    rows = portal_rows_from_laosheng(text)
    assert len(rows) - 1 > 3000
    unknown = sorted({r[0][:6] for r in rows[1:] if not is_known_region(r[0][:6])})
    assert unknown == []
    parsed = parse_registry_rows(rows)
    # Rows the real list itself gets wrong are reported, not silently dropped (e.g. two 区 sharing one site).
    assert len(parsed.sites) + len(parsed.errors) == len(rows) - 1
    assert len(parsed.sites) > 3000
    for err in parsed.errors:
        assert "重复" in err.reason or "网址" in err.reason, err


def test_same_named_accounts_need_an_account_id_and_never_posted_is_recorded() -> None:
    header = ["账号名称", "平台", "主办单位", "所属地区", "账号ID", "最近更新"]
    rows = [header,
            ["崇阳医保", "微信", "崇阳县医疗保障局", "崇阳县", "cyyb01", "2020-07-01"],
            ["崇阳医保", "微信", "崇阳县医疗保障局", "崇阳县", "cyyb02", "无更新"]]
    parsed = parse_registry_rows(rows)
    assert parsed.errors == [] and len({a.key for a in parsed.accounts}) == 2
    assert parsed.accounts[1].never_posted and parsed.accounts[1].last_post is None
    no_id = parse_registry_rows([row[:4] for row in rows])
    assert len(no_id.accounts) == 1 and "账号ID" in no_id.errors[0].reason
