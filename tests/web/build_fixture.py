"""Builds fixtures/result_review.json: a realistic result (contract.md) scored by the real engine.

Run ``python tests/web/build_fixture.py`` after changing the findings below; the JSON is committed so
the dashboard tests read a fixed document.
"""
from __future__ import annotations

import json
from pathlib import Path

from govinspect.model.findings import Finding, fingerprint
from govinspect.model.result import build_result
from govinspect.scoring.score_site import score_site

OUT = Path(__file__).resolve().parent / "fixtures" / "result_review.json"
AS_OF = "2020-07-17"
RUN_ID = "20200717-fixture-review"
HOME = "http://www.xianning.gov.cn/"
EDU = "http://jyj.xianning.gov.cn/"
# what seed 003 shows: a hijacked page with gambling text, a hidden link block and a script
SPAM_HTML = ('<div class="footer-links"><script>window.__pwned = 1; document.title = "PWNED";'
             'alert("xss")</script><div style="display:none"><a href="http://spam-casino.example/">澳门博彩 在线赌场'
             '</a><a href="http://spam-casino.example/b">六合彩开奖</a></div><img src="x" onerror="window.__pwned=2">'
             '<a href="javascript:window.__pwned=3">点击领取</a></div>')

SITES = [
    dict(site_code="4212000001", name="咸宁市人民政府", url=HOME, region="市直", organizer="咸宁市人民政府办公室",
         is_portal=True, has_services=True, findings=[
             dict(check="broken_links", subject="http://www.xianning.gov.cn/ggzy/", location="首页>专题专栏>公共资源交易平台",
                  url=HOME, message="首页上的链接打不开或错误（HTTP 404）", evidence={"status": 404, "on_homepage": True}),
             dict(check="broken_links", subject="http://www.xianning.gov.cn/old/zt.html", location="首页>专题专栏>创建文明城市",
                  url=HOME, message="首页上的链接打不开或错误（HTTP 500）", evidence={"status": 500, "on_homepage": True}),
             dict(check="stale_columns", subject="首页>信息公开>通知公告", location="首页>信息公开>通知公告",
                  url="http://www.xianning.gov.cn/xxgk/tzgg/", message="栏目超过6个月未更新",
                  evidence={"column_type": "notice", "level": 2, "newest_date": "2019-12-30", "text": "[2019-12-30] 关于开展…的通知"}),
             dict(check="missing_footer_items", subject="police_filing", location="首页>底部功能区", url=HOME,
                  message="全站页面底部功能区未列明公安机关备案标识", evidence={"html": '<div class="footer">主办：咸宁市人民政府办公室 鄂ICP备05003312号</div>'}),
             dict(check="missing_interpretations", subject="http://www.xianning.gov.cn/xxgk/zc/2020/0601.html", status="needs_review",
                  location="首页>信息公开>政策文件", url="http://www.xianning.gov.cn/xxgk/zc/2020/0601.html",
                  message="抽查的政策文件未找到解读，需人工确认", evidence={"title": "咸宁市优化营商环境若干措施"}),
         ]),
    dict(site_code="4212000002", name="咸宁市教育局", url=EDU, region="市直", organizer="咸宁市教育局",
         is_portal=False, has_services=True, findings=[
             dict(check="hidden_spam_links", subject="http://spam-casino.example/", location="首页>底部友情链接", url=EDU,
                  message="首页存在隐藏的博彩类链接（暗链）", evidence={"html": SPAM_HTML, "text": "澳门博彩 在线赌场"}),
             dict(check="blank_columns", subject="首页>互动交流>在线访谈", location="首页>互动交流>在线访谈",
                  url="http://jyj.xianning.gov.cn/hdjl/zxft/", message="空白栏目", evidence={"status": 200}),
             dict(check="broken_links", subject="javascript:void(0)", location="首页>导航", url="javascript:alert(1)",
                  message="首页链接不可用", evidence={"status": None, "error": "<b>bad scheme</b>"}),
         ]),
    dict(site_code="4212000003", name="咸安区人民政府", url="http://www.xianan.gov.cn/", region="咸安区",
         organizer="咸安区人民政府办公室", is_portal=True, has_services=True, findings=[
             dict(check="blank_columns", subject="首页>政务公开>规划计划", location="首页>政务公开>规划计划",
                  url="http://www.xianan.gov.cn/zwgk/ghjh/", message="空白栏目",
                  evidence={"screenshot": "../outside-workspace.png"}),
             dict(check="missing_article_sources", subject="http://www.xianan.gov.cn/xwzx/2020/0710/1.html",
                  location="首页>新闻中心>咸安要闻", url="http://www.xianan.gov.cn/xwzx/2020/0710/1.html",
                  message="转载稿件未标注来源",
                  evidence={"text": "来源：", "screenshot": "screenshots/4212000003/article-1.png"}),
         ]),
    dict(site_code="4212000004", name="嘉鱼县财政局", url="http://czj.jiayu.gov.cn/", region="嘉鱼县",
         organizer="嘉鱼县财政局", is_portal=False, has_services=False, findings=[
             dict(check="homepage_unreachable", subject="http://czj.jiayu.gov.cn/", status="error", url="http://czj.jiayu.gov.cn/",
                  message="未能检测：首页连续3次超过15秒无法打开（可能被屏蔽）", evidence={"status": None, "error": "timeout"}),
         ]),
]

ACCOUNTS = [
    dict(name="咸宁林业", platform="微信", organizer="咸宁市林业局", region="市直", filed=True, result="不合格", findings=[
        dict(check="account_not_updated", subject="2020.6.18-2020.7.17", veto=True, indicator="M2",
             message="监测时间点前2周内无更新", evidence={"newest_date": "2020-05-30"})]),
    dict(name="咸宁教育发布", platform="微博", organizer="咸宁市教育局", region="市直", filed=True, result="合格", findings=[]),
    dict(name="嘉鱼财政", platform="抖音", organizer="嘉鱼县财政局", region="嘉鱼县", filed=True, result="未能检测",
         not_assessed_reason="订阅源不可用", findings=[
             dict(check="account_feed_unavailable", subject="http://127.0.0.1:1200/douyin/user/x", status="error",
                  message="未能检测：订阅源不可用（HTTP 503）", evidence={"status": 503})]),
]


def site_entry(spec: dict) -> dict:
    findings = [Finding.from_dict({**f, "fingerprint": fingerprint(spec["site_code"], f["check"], f["subject"])})
                for f in spec["findings"]]
    score = score_site("national-2019", findings, is_portal=spec["is_portal"], has_services=spec["has_services"])
    entry = {k: v for k, v in spec.items() if k != "findings"}
    entry.update(result=score.result, score=score.score, vetoes=score.vetoes, deductions=score.deductions,
                 not_assessed_reason=score.not_assessed_reason, findings=[f.to_dict() for f in score.findings])
    return entry


def account_entry(spec: dict) -> dict:
    key = f"{spec['platform']}:{spec['name']}:{spec['organizer']}"
    findings = [{**f, "fingerprint": fingerprint(key, f["check"], f["subject"])} for f in spec["findings"]]
    return {**spec, "findings": findings}


def build() -> dict:
    result = build_result(as_of=AS_OF, rulebook={"id": "national-2019", "title": "政府网站与政务新媒体检查指标(国办秘函〔2019〕19号)"},
                          sites=[site_entry(s) for s in SITES], accounts=[account_entry(a) for a in ACCOUNTS],
                          tool_version="0.1.0")
    result["run_id"] = RUN_ID
    return result


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(OUT)
