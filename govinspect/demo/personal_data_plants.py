"""Personal-data and 涉密 plants (personal_data_leaks): a 公示 table in an article's text, an xlsx 公示 of
individuals, a PDF with a text layer and a docx marked 内部资料 注意保密; beside them the legitimate contacts a
check must leave alone (an office's 联系电话 and 值班手机). Numbers are synthetic but pass their checksums."""
from __future__ import annotations

from html import escape

from govinspect.demo.prose import pick
from govinspect.demo.render_attachments import card_number, docx_bytes, id_number, pdf_bytes, xlsx_bytes

XLSX = "/uploadfiles/gs/202007/knqzjzmd.xlsx"
PDF = "/uploadfiles/gs/202007/dbmd.pdf"
DOCX = "/uploadfiles/gs/202007/hyjy.docx"
FILES = (XLSX, PDF, DOCX)
FILE_KINDS = {XLSX: ["id_card", "bank_card", "mobile"], PDF: ["id_card"], DOCX: ["secret_marking", "id_card"]}
PAGE_KINDS = ["id_card", "mobile"]
OFFICE_MOBILE = "13907150110"     # 值班手机 on 联系我们 and 联系人 in a notice: published office contacts
_NAMES = ("张明华", "李秀英", "王建国", "刘德胜", "陈桂兰", "杨志强")
_VILLAGES = ("马桥镇石门村", "横沟桥镇金桥村", "贺胜桥镇宝塔村")


def people(key: str, n: int = 3) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        seed = f"{key}|{i}"
        out.append({"name": _NAMES[i % len(_NAMES)], "sex": "男" if i % 2 == 0 else "女",
                    "id": id_number(seed), "card": card_number(seed),
                    "mobile": f"13{(7 + i) % 10}{pick(seed, 10**8):08d}",
                    "village": _VILLAGES[i % len(_VILLAGES)], "amount": f"{300 + 50 * i}"})
    return out


def page_table(key: str) -> str:
    """An article's 公示 of individuals: 姓名, 性别, 身份证号, 联系电话, 家庭住址."""
    rows = "".join(f"<tr><td>{i + 1}</td><td>{p['name']}</td><td>{p['sex']}</td><td>{p['id']}</td>"
                   f"<td>{p['mobile']}</td><td>{escape(p['village'])}</td></tr>"
                   for i, p in enumerate(people(key + "|page")))
    return ("<p>现将2020年度临时救助对象名单公示如下：</p><table border=\"1\"><tr><th>序号</th><th>姓名</th><th>性别</th>"
            f"<th>身份证号</th><th>联系电话</th><th>家庭住址</th></tr>{rows}</table>")


def office_contact() -> str:
    return f"<p>联系人：民政科 李科长，联系电话：{OFFICE_MOBILE}，0715-8126110。</p>"


def attachment(path: str, key: str) -> bytes | None:
    if path == XLSX:
        rows = [[str(i + 1), p["name"], p["sex"], p["id"], p["card"], p["mobile"], p["village"], p["amount"]]
                for i, p in enumerate(people(key + "|xlsx", 4))]
        return xlsx_bytes("2020年困难群众救助资金发放名单公示",
                          ["序号", "姓名", "性别", "身份证号码", "银行卡号", "联系电话", "家庭住址", "补贴金额（元）"], rows)
    if path == PDF:
        lines = ["2020年第二批城乡低保对象名单", "序号  姓名  身份证号  保障人数"]
        lines += [f"{i + 1}  {p['name']}  {p['id']}  {2 + i}" for i, p in enumerate(people(key + "|pdf"))]
        return pdf_bytes(lines)
    if path == DOCX:
        p = people(key + "|docx", 1)[0]
        return docx_bytes(["内部资料 注意保密", "关于做好信访稳定工作的会议纪要",
                           "会议研究了重点人员稳控工作。"],
                          [["姓名", "身份证号", "诉求"], [p["name"], p["id"], "征地补偿"]])
    return None


def attachment_type(path: str) -> str | None:
    return {XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PDF: "application/pdf",
            DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}.get(path)
