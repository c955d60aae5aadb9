"""A site's findings grouped by check and cause (collapsed), decided in bulk with one reason, feedback in place.

Runs on the demo's result (fixtures/result_demo.json): 咸安区人民政府 has 28 findings, 14 of them hidden
gambling links.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from govinspect.web.finding_groups import group_findings
from govinspect.web.reviewed_result import reviewed_result
from govinspect.web.unit_panel import finding_views

from .live_dashboard import LiveDashboard, add_run

DEMO = json.loads((Path(__file__).resolve().parent / "fixtures" / "result_demo.json").read_text(encoding="utf-8"))
RUN = DEMO["run_id"]
XIANAN = next(s for s in DEMO["sites"] if s["name"] == "咸安区人民政府")
NOT_ASSESSED = next(s for s in DEMO["sites"] if s["result"] == "未能检测")
GAMBLING = "隐藏的赌博类链接"


def _groups(site: dict) -> list[dict]:
    return group_findings(finding_views(site))


def _group(groups: list[dict], cause: str) -> dict:
    return next(g for g in groups if g["cause"] == cause)


def test_findings_are_grouped_by_check_and_cause() -> None:
    groups = _groups(XIANAN)
    assert sum(g["counts"]["total"] for g in groups) == len(XIANAN["findings"]) == 28
    fps = [f["fingerprint"] for g in groups for f in g["findings"]]
    assert sorted(fps) == sorted(f["fingerprint"] for f in XIANAN["findings"])        # each finding exactly once
    assert len(groups) < 15                                                           # 28 cards → a dozen groups
    gambling = _group(groups, GAMBLING)
    assert gambling["check"] == "hidden_spam_links" and gambling["counts"]["total"] == 14
    assert all(f["evidence"]["categories"] == ["gambling"] for f in gambling["findings"])
    assert gambling["veto"] and len(gambling["dismissable"]) == len(gambling["confirmable"]) == 14
    by_check = {}
    for g in groups:
        by_check.setdefault(g["check"], []).append(g["cause"])
    assert set(by_check["serious_wording_errors"]) == {"领导人姓名错误", "领导人职务错误", "机构名称错误"}
    assert len(by_check["injected_spam_text"]) == 4                                    # title, meta, tail, cloaking
    # 未能检测 items form their own groups and offer nothing to decide
    for g in _groups(NOT_ASSESSED):
        assert g["cause"].startswith("未能检测") and not g["dismissable"] and not g["confirmable"]


def test_a_group_keeps_its_findings_and_place_after_decisions() -> None:
    before = _groups(XIANAN)
    gambling = _group(before, GAMBLING)
    decisions = [{"id": i + 1, "unit_key": XIANAN["site_code"], "fingerprint": fp, "action": "dismiss", "who": "shenhe",
                  "reason": "误报", "payload": {"run_id": RUN}, "at": "2020-07-20T10:00:00"}
                 for i, fp in enumerate(gambling["dismissable"][:3])]
    doc = reviewed_result({**DEMO, "sites": [XIANAN]}, decisions, RUN)
    after = _groups(doc["sites"][0])
    assert [g["id"] for g in after] == [g["id"] for g in before]
    moved = _group(after, GAMBLING)
    assert moved["counts"]["dismissed"] == 3 and moved["counts"]["total"] == 14
    assert len(moved["dismissable"]) == 11


@pytest.fixture
def demo_run(dashboard: LiveDashboard) -> LiveDashboard:
    add_run(dashboard.store_url, RUN, DEMO)
    return dashboard


def _gid(page: str, cause: str) -> str:
    for block in page.split("<details class=\"card group")[1:]:
        summary = block.split("</summary>", 1)[0]
        if f'<span class="g-cause">{cause}</span>' in summary:
            return re.search(r'id="g-([0-9a-f]+)"', block).group(1)
    raise AssertionError(cause)


def _group_html(page: str, gid: str) -> str:
    """From the group's start to the next group (or the end of the groups section)."""
    rest = page.split(f'id="g-{gid}"', 1)[1]
    return re.split(r'<details class="card group|</section>', rest, maxsplit=1)[0]


def test_site_page_shows_collapsed_groups_with_counts(demo_run: LiveDashboard) -> None:
    c, _ = demo_run.login("shenhe")
    page = c.get(f"/runs/{RUN}/sites/{XIANAN['site_code']}").text
    groups = re.findall(r"<details class=\"card group[^>]*>", page)
    assert len(groups) == len(_groups(XIANAN)) and not any(" open" in g for g in groups)   # collapsed by default
    gambling = _group_html(page, _gid(page, GAMBLING))
    assert '<span class="g-count">14 项</span>' in gambling and "问题 14" in gambling and "单项否决" in gambling
    assert gambling.count('<article class="card finding') == 14
    assert "全部确认（14）" in gambling and "全部忽略（14）" in gambling


def test_bulk_dismiss_records_one_decision_per_finding(demo_run: LiveDashboard) -> None:
    c, token = demo_run.login("shenhe")
    site = XIANAN["site_code"]
    page = c.get(f"/runs/{RUN}/sites/{site}").text
    gid = _gid(page, GAMBLING)
    fps = re.findall(r'name="fingerprint" value="([0-9a-f]+)"', _group_html(page, gid).split("</form>", 1)[0])
    assert len(fps) == 14

    def bulk(**form: str) -> str:
        r = c.post(f"/runs/{RUN}/review/site/group", headers={"HX-Request": "true"},
                   data={"key": site, "group": gid, "csrf_token": token, **form})
        assert r.status_code == 200
        return r.text

    refused = bulk(action="dismiss", reason="")
    assert "批量忽略必须填写理由" in refused and demo_run.decisions() == []
    answer = bulk(action="dismiss", reason="同一批友情链接，已核实为误报")
    # in place: the answer is the group itself, open, with the message, plus the unit head out of band
    assert answer.startswith('<details class="card group') and f'id="g-{gid}"' in answer.split(">", 1)[0]
    assert " open>" in answer.split("\n", 1)[0] and "已忽略 14 项问题" in answer
    assert 'id="unit-head" hx-swap-oob="true"' in answer and "已忽略 14" in answer
    stored = demo_run.decisions()
    assert len(stored) == 14 and sorted(d["fingerprint"] for d in stored) == sorted(fps)
    assert {(d["action"], d["reason"], d["who"], d["unit_key"]) for d in stored} == {
        ("dismiss", "同一批友情链接，已核实为误报", "shenhe", site)}
    assert all(d["payload"] == {"run_id": RUN} for d in stored)
    # nothing left to dismiss in that group: refused, nothing appended
    assert "该组没有可以忽略的问题" in bulk(action="dismiss", reason="再来一次")
    assert len(demo_run.decisions()) == 14
    page = c.get(f"/runs/{RUN}/sites/{site}").text
    assert _group_html(page, gid).count('<article class="card finding dismissed') == 14


def test_bulk_confirm_decides_only_the_findings_shown(demo_run: LiveDashboard) -> None:
    c, token = demo_run.login("admin")
    site = XIANAN["site_code"]
    page = c.get(f"/runs/{RUN}/sites/{site}").text
    gid = _gid(page, "机构名称错误")
    shown = re.findall(r'name="fingerprint" value="([0-9a-f]+)"', _group_html(page, gid).split("</form>", 1)[0])
    assert len(shown) == 4
    r = c.post(f"/runs/{RUN}/review/site/group", headers={"HX-Request": "true"},
               data={"key": site, "group": gid, "csrf_token": token, "action": "confirm", "reason": "",
                     "fingerprint": shown[:2]})
    assert "已确认 2 项问题" in r.text
    assert sorted(d["fingerprint"] for d in demo_run.decisions()) == sorted(shown[:2])
    assert r.text.count("已确认（admin）") == 2 and "全部确认（2）" in r.text


def test_without_javascript_a_decision_returns_to_its_group(demo_run: LiveDashboard) -> None:
    c, token = demo_run.login("shenhe")
    site = XIANAN["site_code"]
    page = c.get(f"/runs/{RUN}/sites/{site}").text
    gid = _gid(page, "领导人姓名错误")
    r = c.post(f"/runs/{RUN}/review/site/group", data={"key": site, "group": gid, "csrf_token": token,
                                                       "action": "confirm", "reason": "核实"})
    assert r.status_code == 303
    location = urlsplit(r.headers["location"])
    assert location.fragment == f"g-{gid}" and parse_qs(location.query) == {"g": [gid], "a": ["confirm"], "n": ["1"]}
    back = c.get(r.headers["location"]).text
    group = _group_html(back, gid)
    assert group.startswith(' data-group="' + gid + '" open>') and "已确认 1 项问题" in group
    # a single decision lands in its group too
    fp = re.search(r'data-fingerprint="([0-9a-f]+)"', _group_html(page, _gid(page, "领导人职务错误"))).group(1)
    r = c.post(f"/runs/{RUN}/review/site", data={"key": site, "fingerprint": fp, "csrf_token": token,
                                                 "action": "dismiss", "reason": "任期核实无误"})
    assert r.status_code == 303 and r.headers["location"].endswith(f"#g-{_gid(page, '领导人职务错误')}")


def test_bulk_decisions_are_refused_where_they_must_be(demo_run: LiveDashboard) -> None:
    c, token = demo_run.login("shenhe")
    page = c.get(f"/runs/{RUN}/sites/{NOT_ASSESSED['site_code']}").text
    assert "form class=\"bulk\"" not in page                          # 未能检测: nothing to decide
    gid = re.search(r'id="g-([0-9a-f]+)"', page).group(1)
    r = c.post(f"/runs/{RUN}/review/site/group", headers={"HX-Request": "true"},
               data={"key": NOT_ASSESSED["site_code"], "group": gid, "csrf_token": token, "action": "dismiss",
                     "reason": "不想管"})
    assert "该组没有可以忽略的问题" in r.text
    r = c.post(f"/runs/{RUN}/review/site/group", headers={"HX-Request": "true"},
               data={"key": XIANAN["site_code"], "group": "0123456789ab", "csrf_token": token, "action": "confirm"})
    assert "该组问题已不存在" in r.text
    site_page = c.get(f"/runs/{RUN}/sites/{XIANAN['site_code']}").text
    gid = _gid(site_page, GAMBLING)
    form = {"key": XIANAN["site_code"], "group": gid, "action": "dismiss", "reason": "x"}
    assert c.post(f"/runs/{RUN}/review/site/group", data=form).status_code == 403        # no CSRF token
    unit, utoken = demo_run.login("jiaoyu")                                                 # another unit's site
    assert unit.post(f"/runs/{RUN}/review/site/group", data={**form, "csrf_token": utoken}).status_code == 404
    assert demo_run.decisions() == []
