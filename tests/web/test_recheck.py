"""One click re-checks one real site (served on loopback) through the pipeline and shows what changed."""
from __future__ import annotations

from govinspect.model.findings import Finding, fingerprint
from govinspect.model.result import build_result
from govinspect.scoring.score_site import score_site

from .live_dashboard import LiveDashboard, serve_pages

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>咸宁市测试局</title></head><body>
<div class="nav"><a href="/xwzx/">新闻中心</a> <a href="/fixed.html">办事服务</a></div>
<ul><li><a href="/xwzx/1.html">测试局召开整改推进会</a><span>2020-07-16</span></li></ul>
<div class="footer">主办单位：咸宁市测试局</div></body></html>"""


def _result(site_url: str) -> dict:
    code = "4212000099"
    gone = site_url + "fixed.html"
    findings = [Finding(check="broken_links", subject=gone, url=site_url, location="首页>办事服务",
                        message="首页上的链接打不开或错误(HTTP 404)", evidence={"status": 404, "on_homepage": True},
                        fingerprint=fingerprint(code, "broken_links", gone))]
    score = score_site("national-2019", findings, is_portal=False, has_services=True)
    entry = {"site_code": code, "name": "咸宁市测试局", "url": site_url, "region": "市直", "organizer": "咸宁市测试局",
             "is_portal": False, "has_services": True, "result": score.result, "score": score.score,
             "vetoes": score.vetoes, "findings": [f.to_dict() for f in score.findings]}
    return build_result(as_of="2020-07-17", rulebook={"id": "national-2019", "title": "国家指标"}, sites=[entry],
                        accounts=[], tool_version="0.1.0")


def test_recheck_one_site_shows_resolved_and_new_findings(dashboard: LiveDashboard) -> None:
    from .live_dashboard import add_run
    base, stop = serve_pages({"/": HOME, "/fixed.html": "<html><body>已修复</body></html>",
                              "/xwzx/": "<html><body>新闻</body></html>",
                              "/xwzx/1.html": "<html><body>测试局召开整改推进会 2020-07-16</body></html>"})
    try:
        add_run(dashboard.store_url, "20200717-recheck", _result(base))
        c, token = dashboard.login("shenhe")
        r = c.post("/runs/20200717-recheck/recheck/4212000099", data={"csrf_token": token},
                   headers={"HX-Request": "true"}, timeout=120)
        assert r.status_code == 200, r.text
        assert "复查失败" not in r.text and "尚未接入" not in r.text, r.text
        resolved = r.text.split("已整改（本次未再发现）", 1)[1].split("新发现", 1)[0]
        assert "fixed.html" in resolved                         # the planted 404 now answers 200
        added = r.text.split("新发现", 1)[1].split("仍存在", 1)[0]
        assert added.count("<li>") >= 1                          # the real checks find what this page lacks
    finally:
        stop()
