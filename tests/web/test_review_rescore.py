"""Decisions are appended, re-scored at once by the rulebook engine, and carried to the next run."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import quote

from govinspect.model.result import load_result
from govinspect.review import load_decisions, rescore_result
from govinspect.store import Store
from govinspect.web.reviewed_result import report_ready, reviewed_result

from .live_dashboard import LiveDashboard, fixture_result

PORTAL, EDU = "4212000001", "4212000002"


def _fp(page: str, check_text: str) -> str:
    """Fingerprint of the first finding card whose text contains ``check_text``."""
    for card in page.split('<article class="card finding')[1:]:
        card = card.split("</article>", 1)[0]
        if check_text in card:
            return re.search(r'data-fingerprint="([0-9a-f]+)"', card).group(1)
    raise AssertionError(check_text)


def _score(page: str) -> str:
    return re.search(r'id="unit-score">([^<]+)<', page).group(1)


def test_dismiss_confirm_add_bonus_rescore(dashboard: LiveDashboard, tmp_path: Path) -> None:
    c, token = dashboard.login("shenhe")
    run = f"/runs/{dashboard.run_id}"
    page = c.get(f"{run}/sites/{PORTAL}").text
    assert _score(page) == "97.6"

    def post(**form: str) -> str:
        r = c.post(f"{run}/review/site", data={"key": PORTAL, "csrf_token": token, **form},
                   headers={"HX-Request": "true"})
        assert r.status_code == 200
        return r.text

    html = post(action="dismiss", fingerprint=_fp(page, "HTTP 404"), reason="链接已恢复，属误报")
    assert _score(html) == "97.8"                                   # F1 0.2 given back
    assert _score(post(action="confirm", fingerprint=_fp(page, "通知公告"), reason="")) == "97.8"
    missing_reason = post(action="dismiss", fingerprint=_fp(page, "HTTP 500"), reason="")
    assert "必须填写理由" in missing_reason and _score(missing_reason) == "97.8"
    html = post(action="add", check="inaccurate_profile", subject="概况信息", location="首页>走进咸宁>市情概况",
                message="概况信息不准确：人口数据仍为2015年", deduction="", reason="人工核查")
    assert _score(html) == "96.8"                                   # D1 1 point, from the rulebook
    assert "概况信息不准确：人口数据仍为2015年" in html
    html = post(action="confirm", fingerprint=_fp(page, "抽查的政策文件"), reason="确无解读")
    assert _score(html) == "95.8"                                   # needs_review confirmed → fail, D7 1 point
    html = post(action="add", check="manual", indicator="I4", subject="调查征集", message="调查征集未公开结果",
                deduction="0.5", reason="")
    assert _score(html) == "95.3"                                   # an explicit deduction wins
    html = post(action="bonus", item="政务服务创新", points="2", reason="省级表彰")
    assert _score(html) == "97.3"                                   # portal above 80: 加分
    assert "加分应在" in post(action="bonus", item="x", points="50")
    edu = c.post(f"{run}/review/site", data={"key": EDU, "csrf_token": token, "action": "bonus", "item": "x",
                                             "points": "1"}, headers={"HX-Request": "true"}).text
    assert "只适用于政府门户网站" in edu
    assert [(d["action"], d["who"]) for d in dashboard.decisions()] == [
        ("dismiss", "shenhe"), ("confirm", "shenhe"), ("add", "shenhe"), ("confirm", "shenhe"), ("add", "shenhe"),
        ("bonus", "shenhe")]
    assert "97.3" in c.get(run).text
    # the same decisions as a file reproduce the dashboard's scores offline (govinspect rescore --decisions)
    exported = tmp_path / "decisions.json"
    exported.write_bytes(c.get(f"{run}/decisions.json").content)
    offline = rescore_result(fixture_result(), None, load_decisions(exported))
    assert [s["score"] for s in offline["sites"]] == [97.3, None, 97.0, None]


def test_dismissing_the_veto_finding_makes_the_site_scored(dashboard: LiveDashboard) -> None:
    c, token = dashboard.login("admin")
    run = f"/runs/{dashboard.run_id}"
    page = c.get(f"{run}/sites/{EDU}").text
    assert _score(page) == "—" and "单项否决" in page
    r = c.post(f"{run}/review/site", data={"key": EDU, "csrf_token": token, "action": "dismiss",
                                           "fingerprint": _fp(page, "暗链"), "reason": "友情链接已核实为正常单位"},
               headers={"HX-Request": "true"})
    assert _score(r.text) == "97.9" and 'class="verdict v-合格"' in r.text


def test_decisions_carry_over_while_the_fingerprint_holds(store_url: str) -> None:
    first = fixture_result()
    fp = first["sites"][0]["findings"][0]["fingerprint"]

    async def go() -> None:
        store = await Store.open(store_url)
        try:
            await store.append_decision(unit_key=PORTAL, action="dismiss", who="shenhe", reason="误报", fingerprint=fp,
                                        payload={"run_id": "run-1"})
            await store.append_decision(unit_key=PORTAL, action="add", who="shenhe", reason="",
                                        payload={"run_id": "run-1", "check": "inaccurate_profile", "indicator": "D1",
                                                 "subject": "概况", "message": "概况信息不准确"})
            decisions = await store.list_decisions()
        finally:
            await store.close()
        one = reviewed_result(first, decisions, "run-1")
        two = reviewed_result(first, decisions, "run-2")       # next quarter, same fingerprints
        for doc in (one, two):
            site = doc["sites"][0]
            assert fp in {f["fingerprint"] for f in site["dismissed_findings"]}
            assert fp not in {f["fingerprint"] for f in site["findings"]}
        assert any(f.get("manual") for f in one["sites"][0]["findings"])
        assert not any(f.get("manual") for f in two["sites"][0]["findings"])
        assert one["sites"][0]["score"] == 96.8 and two["sites"][0]["score"] == 97.8
        # a later confirm of the same fingerprint overrides the dismissal (append-only history)
        later = decisions + [{**decisions[0], "id": 99, "action": "confirm"}]
        assert reviewed_result(first, later, "run-2")["sites"][0]["score"] == 97.6
        # the reviewed result is a valid result document for the 通报
        loaded = load_result(report_ready(one))
        assert loaded["sites"][0]["score"] == 96.8 and loaded["summary"]["sites_qualified"] == 2
    asyncio.run(go())


def test_account_decisions(dashboard: LiveDashboard) -> None:
    """A dismissed 不更新 veto makes the account 合格; a manual veto makes another one 不合格."""
    c, token = dashboard.login("shenhe")
    run = f"/runs/{dashboard.run_id}"
    forestry, edu = "微信:咸宁林业:咸宁市林业局", "微博:咸宁教育发布:咸宁市教育局"
    page = c.get(f"{run}/accounts/{quote(forestry, safe='')}").text
    assert 'id="unit-verdict" class="verdict v-不合格"' in page
    r = c.post(f"{run}/review/account", headers={"HX-Request": "true"},
               data={"key": forestry, "csrf_token": token, "action": "dismiss", "fingerprint": _fp(page, "无更新"),
                     "reason": "账号已注销，由主管单位合并"})
    assert 'id="unit-verdict" class="verdict v-合格"' in r.text
    r = c.post(f"{run}/review/account", headers={"HX-Request": "true"},
               data={"key": edu, "csrf_token": token, "action": "add", "check": "account_wording_errors",
                     "subject": "习进平", "message": "领导人姓名错误", "veto": "on", "reason": "人工核查"})
    assert 'id="unit-verdict" class="verdict v-不合格"' in r.text and "领导人姓名错误" in r.text
    listing = c.get(f"{run}?verdict=不合格").text
    assert "咸宁教育发布" in listing and "咸宁林业" not in listing


def test_a_not_assessed_finding_cannot_be_dismissed_into_a_pass(dashboard: LiveDashboard) -> None:
    """The page shows no buttons on 未能检测 items; a hand-made POST is refused as well."""
    c, token = dashboard.login("admin")
    run = f"/runs/{dashboard.run_id}"
    site = "4212000004"
    r = c.post(f"{run}/review/site", data={"key": site, "csrf_token": token, "action": "dismiss",
                                           "fingerprint": "2916350fd389e7da85f7", "reason": "不想管"},
               headers={"HX-Request": "true"})
    assert "未能检测的项目不能确认或忽略" in r.text
    assert 'class="verdict v-未能检测"' in c.get(f"{run}/sites/{site}").text
    assert not [d for d in dashboard.decisions() if d["fingerprint"] == "2916350fd389e7da85f7"]
