"""A synthetic 500-site / 5,000-account result for the report benchmark (seeded, deterministic)."""
from __future__ import annotations

import random
from typing import Any

from govinspect.model.result import build_result

REGIONS = ["市直"] + [f"第{i}区" for i in range(1, 20)]
PLATFORMS = ["微信", "微信", "微信", "微博", "抖音", "快手", "头条号"]
SITE_CHECKS = [("stale_columns", "D12", 1.0), ("blank_columns", "D14", 2.0), ("broken_links", "F1", 0.2),
               ("missing_interpretations", "D7", 1.0), ("incomplete_message_replies", "I1", 1.0),
               ("missing_footer_items", "F3", 1.0), ("missing_disclosure_columns", "D11", 1.0),
               ("missing_org_contacts", "D3", 1.0), ("missing_article_sources", "D15", 1.0)]


def _site(rng: random.Random, i: int) -> dict[str, Any]:
    code = f"42{i:08d}"
    findings = []
    for _ in range(rng.randint(0, 14)):
        check, ind, pts = rng.choice(SITE_CHECKS)
        subject = f"首页>栏目{rng.randint(1, 60)}>子栏目{rng.randint(1, 9)}"
        findings.append({"check": check, "subject": subject, "indicator": ind, "deduction": pts, "location": subject})
    roll = rng.random()
    deductions: dict[str, float] = {}
    for f in findings:
        deductions[f["indicator"]] = deductions.get(f["indicator"], 0) + f["deduction"]
    site = {"site_code": code, "name": f"测试单位{i}网站", "url": f"http://s{i}.example.gov.cn/",
            "region": REGIONS[i % len(REGIONS)], "is_portal": i % 25 == 0, "findings": findings,
            "deductions": deductions}
    if roll < 0.04:
        site.update(result="不合格", score=None, vetoes=["homepage_not_updated"], findings=findings + [
            {"check": "homepage_not_updated", "subject": "首页", "veto": True, "indicator": "V3"}])
    elif roll < 0.06:
        site.update(result="未能检测", score=None, not_assessed_reason="首页探测全部超时")
    else:
        score = round(100 - sum(deductions.values()), 1)
        site.update(result="合格" if score >= 60 else "不合格", score=score)
    return site


def _account(rng: random.Random, i: int) -> dict[str, Any]:
    roll = rng.random()
    account = {"name": f"测试账号{i}", "platform": rng.choice(PLATFORMS), "organizer": f"测试单位{i // 3}",
               "region": REGIONS[i % len(REGIONS)], "filed": rng.random() > 0.05, "result": "合格", "findings": []}
    if roll < 0.08:
        account.update(result="不合格", findings=[{"check": "account_not_updated", "subject": "2020.6.1-2020.7.17",
                                                  "veto": True}])
    elif roll < 0.09:
        account.update(result="未能检测", not_assessed_reason="订阅地址无法访问",
                       findings=[{"check": "account_feed_unavailable", "subject": "feed", "status": "error"}])
    return account


def large_result(sites: int = 500, accounts: int = 5000, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    return build_result(as_of="2020-07-17", rulebook={"id": "national-2019", "title": "检查指标"},
                        sites=[_site(rng, i) for i in range(sites)],
                        accounts=[_account(rng, i) for i in range(accounts)], tool_version="bench")
