"""Personal-data detection: checksums, personal context, masking, and attachments read within their bounds."""
from __future__ import annotations

import io
import zipfile
from datetime import date

from govinspect.demo.render_attachments import card_number, docx_bytes, id_number, pdf_bytes, xlsx_bytes
from govinspect.extract.attachment_text import attachment_text
from govinspect.extract.document_lines import html_lines
from govinspect.extract.personal_data import (
    find_personal_data,
    id_number_valid,
    luhn_valid,
    mask_name,
    redact_text,
)
from govinspect.extract.scan_personal_data import read_attachment, scan_pages
from govinspect.model.artifacts import AttachmentFile, PageSnapshot

ID = id_number("t1")
CARD = card_number("t2")


def _kinds(lines: list[str]) -> list[str]:
    return [f.kind for f in find_personal_data(lines, date(2020, 7, 17))[0]]


def test_gb11643_checksum_birth_date_and_province() -> None:
    assert id_number_valid(ID)
    assert not id_number_valid(ID[:17] + ("0" if ID[17] != "0" else "1"))      # wrong check character
    assert not id_number_valid(id_number("t3", born=date(2021, 1, 1)), latest_birth=date(2020, 7, 17))
    body = "991202198503141"                                                    # no such province
    assert not any(id_number_valid(body + f"{n:03d}") for n in range(1000))
    assert luhn_valid(CARD) and not luhn_valid(CARD[:-1] + str((int(CARD[-1]) + 1) % 10))


def test_masking_keeps_four_and_four_and_names_first_and_last() -> None:
    found, _ = find_personal_data([f"姓名\t身份证号\n", f"张明华\t{ID}"])
    assert found[0].masked == ID[:4] + "*" * 10 + ID[-4:]
    assert ID not in found[0].excerpt and "张*华" in found[0].excerpt
    assert mask_name("李四") == "李*" and mask_name("欧阳建华") == "欧**华"


def test_mobiles_only_beside_a_person() -> None:
    people = ["序号\t姓名\t性别\t联系电话\t家庭住址", "1\t王建国\t男\t13812345678\t马桥镇"]
    assert _kinds(people) == ["mobile"]
    staff = ["序号\t姓名\t职务\t手机", "1\t王建国\t科长\t13812345678"]           # a staff directory
    assert _kinds(staff) == []
    office = ["联系人：王科长，联系电话：13812345678", "值班电话 13812345678", "咨询电话：13812345678"]
    assert _kinds(office) == []
    assert _kinds([f"1\t王建国\t{ID}\t13812345678"]) == ["id_card", "mobile"]   # same row as an ID number


def test_cards_need_a_card_word_and_are_not_public_accounts() -> None:
    assert _kinds([f"银行卡号：{CARD}"]) == ["bank_card"]
    assert _kinds([f"编号 {CARD}"]) == []
    assert _kinds([f"对公账户 账户名称：咸宁市财政局 卡号：{CARD}"]) == []
    assert _kinds(["姓名\t银行卡号", f"李秀英\t{CARD}"]) == ["bank_card"]      # the column says it


def test_secret_markings_alone_on_their_line() -> None:
    assert _kinds(["秘密★1年"]) == ["secret_marking"]
    assert _kinds(["（机密★长期）"]) == ["secret_marking"]
    assert _kinds(["内部资料 注意保密"]) == ["secret_marking"]
    assert _kinds(["国家秘密的密级标志为“绝密★”“机密★”“秘密★”，应当标注在首页左上角。"]) == []


def test_pages_are_kept_masked() -> None:
    text = f"<table><tr><td>姓名</td><td>性别</td><td>手机</td></tr><tr><td>张三</td><td>男</td><td>13812345678</td></tr></table><p>{ID}</p>"
    page = PageSnapshot(url="http://a.gov.cn/1.html", final_url="http://a.gov.cn/1.html", status=200, fetched_at="",
                        elapsed_ms=1.0, text=text)
    kept, hits = scan_pages([page], date(2020, 7, 17))
    assert {h.kind for h in hits} == {"id_card", "mobile"}
    assert ID not in kept[0].text and "13812345678" not in kept[0].text and "138****5678" in kept[0].text
    assert redact_text("联系电话：13812345678") == "联系电话：13812345678"    # an office number stays readable


def test_html_rows_become_tab_joined_lines() -> None:
    assert html_lines("<table><tr><th>姓名</th><td>李四</td></tr></table><p>a<br>b</p>") == ["姓名\t李四", "a", "b"]


def _file(data: bytes, url: str = "http://a.gov.cn/f.bin") -> AttachmentFile:
    return AttachmentFile(url=url, source_url="http://a.gov.cn/", status=200, size=len(data), data=data)


def test_every_format_is_read() -> None:
    table = [["姓名", "性别", "身份证号码", "银行卡号"], ["李秀英", "女", ID, CARD]]
    files = {
        "x.xlsx": xlsx_bytes("公示", table[0], table[1:]),
        "d.docx": docx_bytes(["内部资料 注意保密"], table),
        "p.pdf": pdf_bytes(["低保对象名单", f"1 李秀英 {ID}"]),
        "d.wps": docx_bytes(["公示"], table),             # a .wps that is really a docx
    }
    for name, data in files.items():
        read, hits = read_attachment(_file(data, f"http://a.gov.cn/{name}"), date(2020, 7, 17))
        assert read.outcome == "read", (name, read)
        assert "id_card" in {h.kind for h in hits}, name
        assert read.read_ms >= 0 and read.size == len(data)


def test_xls_and_et_through_xlrd() -> None:
    """A real BIFF workbook (written by xlwt, a test dependency); an .et that is one is read the same way."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("公示")
    for r, row in enumerate([["姓名", "身份证号"], ["王建国", ID]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    for name in ("a.xls", "a.et"):
        read, hits = read_attachment(_file(out.getvalue(), f"http://a.gov.cn/{name}"), date(2020, 7, 17))
        assert read.outcome == "read" and [h.kind for h in hits] == ["id_card"], read


def test_bounds_and_unreadable_files_are_recorded_never_raised() -> None:
    assert attachment_text(b"\x00garbage").outcome == "unsupported"
    assert attachment_text(b"%PDF-1.4 broken").outcome == "unreadable"
    scanned = pdf_bytes([])                                 # a page without a text layer
    assert attachment_text(scanned).outcome == "no_text"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))
    assert attachment_text(bomb.getvalue()).outcome == "too_large"
    many = xlsx_bytes("t", ["a"], [[str(i)] for i in range(3000)])
    assert attachment_text(many, seconds=0.0).outcome == "timeout"
    read, hits = read_attachment(AttachmentFile(url="http://a.gov.cn/b.pdf", source_url="", error_class="too_large",
                                                error_detail="超过 20 MB，未读取"), date(2020, 7, 17))
    assert read.outcome == "too_large" and not hits
