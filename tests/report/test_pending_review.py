"""Undecided needs_review findings (待人工判定) make the 通报 a draft: the 结果 cells say 待复核 and the
notice opens with a draft notice, in every format; a reviewed result has neither."""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from govinspect.model.findings import fingerprint
from govinspect.model.result import build_result, load_result
from govinspect.report.notice_facts import notice_facts
from govinspect.report.notice_prose import render_paragraphs
from govinspect.report.options import ReportOptions
from govinspect.report.render_report import render_report
from govinspect.review.decisions import parse_decisions
from govinspect.review.rescore_result import rescore_result
from govinspect.scoring.rulebook import load_rulebook, rulebook_facts

from . import normalise

RULEBOOK = load_rulebook("national-2019").summary()   # as a scan writes it: the veto checks included
ACCOUNT_KEY = "微信:咸宁发布:咸宁市委宣传部"


def _finding(unit: str, check: str, subject: str, status: str, **kw) -> dict:
    return {"check": check, "subject": subject, "status": status, "fingerprint": fingerprint(unit, check, subject),
            "message": kw.pop("message", ""), **kw}


def _site(code: str, name: str, findings: list[dict], **kw) -> dict:
    return {"site_code": code, "name": name, "url": f"http://{code}.example.gov.cn/", "region": "市直",
            "is_portal": False, "result": "合格", "score": 100.0, "findings": findings, **kw}


def pending_result() -> dict:
    """One site with a pending 单项否决 item (首页不更新, unproven), one with a pending deduction item,
    one clean; one account with a pending 严重表述错误, one clean."""
    sites = [
        _site("4212000001", "咸宁市人民政府", [
            _finding("4212000001", "homepage_not_updated", "首页", "needs_review", location="首页",
                     message="首页条目未见新信息，但栏目在2周内有更新，需人工确认"),
        ]),
        _site("4212000002", "咸宁市教育局", [
            _finding("4212000002", "broken_links", "http://slow.example.gov.cn/", "needs_review",
                     message="链接检测超时"),
        ]),
        _site("4212000003", "咸宁市财政局", []),
    ]
    accounts = [
        {"name": "咸宁发布", "platform": "微信", "organizer": "咸宁市委宣传部", "region": "市直", "result": "合格",
         "key": ACCOUNT_KEY, "findings": [
             _finding(ACCOUNT_KEY, "account_wording_errors", "国务院总里", "needs_review",
                      message="疑似严重表述错误")]},
        {"name": "咸宁林业", "platform": "微信", "organizer": "咸宁市林业局", "region": "市直", "result": "合格",
         "findings": []},
    ]
    return build_result(as_of="2020-07-17", rulebook=RULEBOOK, sites=sites, accounts=accounts, tool_version="t")


def reviewed_result() -> dict:
    """The same result after review: the veto item confirmed, the others dismissed (as rescore does)."""
    doc = pending_result()
    site_a, site_b = doc["sites"][0], doc["sites"][1]
    decisions = parse_decisions([
        {"unit": "4212000001", "action": "confirm", "fingerprint": site_a["findings"][0]["fingerprint"],
         "reason": "首页确实两周未更新", "who": "测试"},
        {"unit": "4212000002", "action": "dismiss", "fingerprint": site_b["findings"][0]["fingerprint"],
         "reason": "复测可以打开", "who": "测试"},
        {"unit": ACCOUNT_KEY, "action": "dismiss", "fingerprint": doc["accounts"][0]["findings"][0]["fingerprint"],
         "reason": "引用原文", "who": "测试"},
    ])
    parts = rescore_result(doc, "national-2019", decisions)
    return build_result(as_of=parts["as_of"], rulebook=parts["rulebook"], sites=parts["sites"],
                        accounts=parts["accounts"], tool_version="t")


DRAFT = ("本通报为草稿：2家网站、1个政务新媒体尚有待人工判定的问题，"
         "其中1家网站、1个政务新媒体的待判定问题可能导致单项否决")
VETO_CELL = "合格（待复核，可能单项否决）"


def _render(doc: dict, tmp_path: Path) -> dict[str, Path]:
    options = {"annexes": ("scores", "register", "account_list"), "date": "2020年7月23日"}
    return {p.suffix.lstrip("."): p for p in render_report(doc, "html,xlsx,docx", tmp_path, options)}


def _rows(ws) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]


def _row_of(rows: list[list[str]], name: str) -> list[str]:
    return next(r for r in rows if name in r)


def test_pending_units_are_marked_in_html(tmp_path):
    html = _render(pending_result(), tmp_path)["html"]
    view = normalise.html_view(html)
    lines = view.splitlines()
    first_p = next(line for line in lines if line.startswith("<p "))
    assert first_p.startswith("<p draft> " + DRAFT), first_p
    score_rows = [line for line in lines if line.startswith("| ") and "市直" not in line]
    a = next(r for r in score_rows if "咸宁市人民政府" in r)
    b = next(r for r in score_rows if "咸宁市教育局" in r)
    c = next(r for r in score_rows if "咸宁市财政局" in r)
    assert a.endswith(f"| {VETO_CELL}")                      # the score table's 结果 cell
    assert b.endswith("| 合格（待复核）")
    assert c.endswith("| 合格") and "待复核" not in c
    assert "| 咸宁发布 | 咸宁市委宣传部 | 微信 | " + VETO_CELL in view
    assert "| 咸宁林业 | 咸宁市林业局 | 微信 | 合格 |" in view
    # the verdicts of the prose still follow the result field: 3 合格 of 3
    assert "合格3家，不合格0家，总体合格率100%" in view


def test_pending_units_are_marked_in_xlsx(tmp_path):
    wb = load_workbook(_render(pending_result(), tmp_path)["xlsx"])
    summary = _rows(wb["汇总"])
    assert summary[1][0] == "草稿" and summary[1][1].startswith(DRAFT)
    assert _row_of(summary, "待人工判定网站数")[1] == "2"
    assert _row_of(summary, "待人工判定政务新媒体数")[1] == "1"
    scores = _rows(wb["网站得分表"])
    result_col = scores[1].index("结果")
    assert _row_of(scores, "咸宁市人民政府")[result_col] == VETO_CELL
    assert _row_of(scores, "咸宁市教育局")[result_col] == "合格（待复核）"
    assert _row_of(scores, "咸宁市财政局")[result_col] == "合格"
    register = _rows(wb["网站统计表"])
    assert _row_of(register, "咸宁市人民政府")[register[1].index("结果")] == VETO_CELL
    accounts = _rows(wb["新媒体问题清单"])
    problem_col = next(i for i, c in enumerate(accounts[1]) if c.startswith("存在的问题"))
    assert _row_of(accounts, "咸宁发布")[problem_col] == VETO_CELL
    assert _row_of(accounts, "咸宁林业")[problem_col] == "合格"
    assert any("结果注有“待复核”的单位尚有待人工判定的问题" in c for r in scores for c in r)


def test_pending_units_are_marked_in_docx(tmp_path):
    docx = _render(pending_result(), tmp_path)["docx"]
    doc = Document(str(docx))
    paras = [p.text for p in doc.paragraphs if p.text]
    assert paras[0].startswith(DRAFT)
    assert paras[1].startswith("关于2020年第三季度") and paras[1].endswith("抽查情况的通报")
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert VETO_CELL in cells and "合格（待复核）" in cells
    assert "合格" in cells            # the clean units keep the plain word


def test_a_user_template_still_gets_the_draft_notice(tmp_path):
    """The draft notice is not part of notice.docx: a template the user edited cannot lose it."""
    from docx import Document as NewDocument
    template = tmp_path / "mine.docx"
    plain = NewDocument()
    plain.add_paragraph("{{ title }}")
    plain.save(template)
    (docx,) = render_report(pending_result(), "docx", tmp_path / "out", {"template": template})
    assert next(p.text for p in Document(str(docx)).paragraphs if p.text).startswith(DRAFT)


def test_a_reviewed_result_has_no_marker(tmp_path):
    doc = reviewed_result()
    assert [s["result"] for s in doc["sites"]] == ["不合格", "合格", "合格"]     # the confirmed V3 veto
    assert not any(f["status"] == "needs_review" for u in doc["sites"] + doc["accounts"] for f in u["findings"])
    paths = _render(doc, tmp_path)
    views = {"html": normalise.html_view(paths["html"]), "xlsx": normalise.xlsx_view(paths["xlsx"]),
             "docx": normalise.docx_view(paths["docx"])}
    for fmt, view in views.items():
        assert "咸宁市人民政府" in view, fmt
        assert "待复核" not in view and "草稿" not in view and "待人工判定" not in view, fmt
    assert "<p draft>" not in views["html"]
    assert "| 咸宁市人民政府 |" in views["html"] and "| 单项否决 | 不合格" in views["html"]


def test_a_vetoed_or_not_assessed_unit_is_marked_without_a_new_veto():
    """Already 单项否决: the pending item cannot change the verdict; still 待复核 (problems may change)."""
    from govinspect.report.annex_tables import result_cell
    vetoed = _site("4212000009", "咸宁市商务局", [
        _finding("4212000009", "homepage_not_updated", "首页", "fail", veto=True),
        _finding("4212000009", "stale_columns", "首页>要闻", "needs_review")], result="不合格", score=None,
        vetoes=["homepage_not_updated"])
    blocked = _site("4212000010", "咸宁市水利局", [
        _finding("4212000010", "hidden_spam_links", "http://x.example/", "needs_review"),
        _finding("4212000010", "homepage_unreachable", "http://4212000010.example.gov.cn/", "error")],
        result="未能检测", score=None)
    doc = build_result(as_of="2020-07-17", rulebook=RULEBOOK, sites=[vetoed, blocked], accounts=[],
                       tool_version="t")
    assert result_cell(doc["sites"][0], doc["rulebook"]) == "不合格（待复核）"
    assert result_cell(doc["sites"][1], doc["rulebook"]) == "未能检测（待复核，可能单项否决）"
    facts = notice_facts(doc, ReportOptions(), None)
    assert facts["draft"].startswith("本通报为草稿：2家网站尚有待人工判定的问题，其中1家网站的待判定问题可能导致单项否决")


def test_the_printed_short_account_list_keeps_pending_accounts(tmp_path):
    """Above full_account_list_limit the docx/pdf list only accounts with problems; an account still
    waiting for review must be listed, not summed into "其余…均合格"."""
    (docx,) = render_report(pending_result(), "docx", tmp_path,
                            {"annexes": ("account_list",), "full_account_list_limit": 1})
    view = normalise.docx_view(docx)
    assert "咸宁发布" in view and "咸宁林业" not in view
    assert "本清单仅列出不合格、未能检测和待复核的账号（1个），其余1个账号均合格" in view


def test_draft_notice_numbers_are_recomputed_from_the_json():
    doc = pending_result()
    facts = notice_facts(doc, ReportOptions(), None)
    first = render_paragraphs(facts)[0]
    assert first.style == "draft"
    pending = [u for u in doc["sites"] if any(f["status"] == "needs_review" for f in u["findings"])]
    pending_acc = [u for u in doc["accounts"] if any(f["status"] == "needs_review" for f in u["findings"])]
    numbers = [int(n) for n in re.findall(r"\d+", first.text)]
    assert numbers == [len(pending), len(pending_acc), 1, 1]


def test_a_result_without_needs_review_has_no_draft(current):
    clean = load_result({**current, "sites": [
        {**s, "findings": [f for f in s["findings"] if f["status"] != "needs_review"]} for s in current["sites"]]})
    facts = notice_facts(clean, ReportOptions(), None)
    assert facts["draft"] == "" and render_paragraphs(facts)[0].style == "title"


def test_an_unknown_rulebook_falls_back_to_the_national_vetoes():
    """A version-1 result names a rulebook this machine does not have: read with the rulebooks at hand,
    its rulebook block is completed from the national one (its own id and title kept)."""
    from govinspect.report.pending_review import site_pending
    site = _site("4212000011", "咸宁市民政局", [_finding("4212000011", "serious_wording_errors", "总里", "needs_review")])
    v1 = {"schema_version": 1, "as_of": "2020-07-17", "rulebook": {"id": "/gone/custom.yaml", "title": "自定义"},
          "sites": [site], "accounts": []}
    doc = load_result(v1, rulebook_facts)
    assert doc["schema_version"] == 2 and doc["rulebook"]["title"] == "自定义"
    pending = site_pending(doc["sites"][0], doc["rulebook"])
    assert pending is not None and pending.count == 1 and pending.veto
    bare = load_result(v1)                     # read without the rulebooks: only the findings' own flags
    assert site_pending(bare["sites"][0], bare["rulebook"]).veto is False
