"""Per-check precision/recall of the website checks on the demo city, in-process (no network).

    python tests/checks/measure_demo_accuracy.py [--sites 8] [--pages 60] [--seed 7]

demo pages (DemoCity.render) → extract.understand_site → every website check → compared with
city.ground_truth() on (site, check, subject). Gather-stage artifacts are stood in for: link checks by
rendering each same-host link target, probes by rendering the homepage, network facts from the demo
environment (plain HTTP, no IPv6). Content-security checks are measured by their own author.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from govinspect.checks.run_checks import run_checks
from govinspect.demo.build_city import build_city
from govinspect.extract.understand_site import understand_site
from govinspect.model.artifacts import LinkCheck, NetworkFacts, Probe
from govinspect.model.check_ids import WEBSITE_CHECKS
from govinspect.model.findings import Finding, RunContext
from govinspect.scoring import load_rulebook, score_site

CONTENT = {"hidden_spam_links", "injected_spam_text", "serious_wording_errors", "forged_publication_dates"}
_crawl_path = Path(__file__).resolve().parents[1] / "extract" / "demo_crawl.py"
_spec = importlib.util.spec_from_file_location("demo_crawl", _crawl_path)
demo_crawl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo_crawl)


def _link_checks(city, artifacts, home: str, home_links: set[str]) -> list[LinkCheck]:
    """One LinkCheck per distinct target; on_homepage when the homepage itself links it (Link artifacts
    carry no source page, so the homepage's own links are extracted apart)."""
    out, cache = [], {}
    for link in artifacts.links or []:
        parts = urlsplit(link.url)
        if parts.scheme not in ("http", "https") or link.hidden_hints:
            continue
        if link.url not in cache:
            resp = city.render(parts.hostname, (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
            soft = b"\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8" in resp.body[:4000] and resp.status < 400  # 不存在
            cache[link.url] = (resp.status, soft)
        status, soft = cache[link.url]
        broken = status >= 400 or soft
        on_home = link.url in home_links
        out.append(LinkCheck(source_url=home if on_home else "", target_url=link.url, anchor=link.text,
                             position=link.position, on_homepage=on_home, outcome="broken" if broken else "ok",
                             status=status, error_class="http" if status >= 400 else None, soft_404=soft))
    return out


def measure(sites: int, pages: int, seed: int) -> dict:
    city = build_city(seed=seed, sites=sites, pages_per_site=pages)
    truth = {s["site_code"]: s for s in city.ground_truth()["sites"]}
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "review": 0})
    book = load_rulebook("national-2019")
    verdicts = {"sites": 0, "result_right": 0, "vetoes_right": 0, "score_right": 0}
    for site in city.sites:
        t = truth[site.site_code]
        if t.get("expected_result") == "未能检测":
            continue
        home, snaps = demo_crawl.crawl_demo_site(city, site, max_pages=pages * 4)
        art = understand_site(snaps, home, city.as_of)
        art.site_code = site.site_code
        home_links = {x.url for x in understand_site(snaps[:1], home, city.as_of).links or []}
        art.link_checks = _link_checks(city, art, home, home_links)
        ok = bool(snaps) and snaps[0].status is not None and snaps[0].status < 400
        art.probes = [Probe(url=home, at="", ok=ok, status=snaps[0].status if snaps else None, ttfb_ms=1,
                            total_ms=1)]
        art.network = NetworkFacts(host=urlsplit(home).hostname or "", https_ok=False, ipv6=not site.plants.no_ipv6
                                   and city.ipv6 if hasattr(city, "ipv6") else False)
        ctx = RunContext(as_of=city.as_of, site_code=site.site_code, site_name=site.name, is_portal=site.is_portal,
                         has_services=site.has_services, portal_host=urlsplit(home).hostname)
        found = run_checks(art, ctx, site.site_code)
        ours = score_site(book, found, is_portal=site.is_portal, has_services=site.has_services)
        levels = {c.location: c.level for c in art.columns or []}
        truth_findings = [Finding(f["check"], f["subject"], location=f["subject"] if f["check"].endswith("columns")
                                  else "", evidence={**f, "level": levels.get(f["subject"], 2)})
                          for f in t["expected_findings"]]
        expected = score_site(book, truth_findings, is_portal=site.is_portal, has_services=site.has_services)
        verdicts["sites"] += 1
        verdicts["result_right"] += ours.result == t["expected_result"]
        verdicts["vetoes_right"] += set(ours.vetoes) == set(t["expected_vetoes"])
        verdicts["score_right"] += ours.score == expected.score
        verdicts["truth_score_right"] = verdicts.get("truth_score_right", 0) + (ours.score == t["expected_score"])
        if ours.result != t["expected_result"] or set(ours.vetoes) != set(t["expected_vetoes"]) \
                or ours.score != expected.score or ours.score != t["expected_score"]:
            print("VERDICT", site.site_code, ours.result, t["expected_result"], ours.vetoes, t["expected_vetoes"],
                  ours.score, expected.score, t["expected_score"], ours.not_assessed_reason[:200], file=sys.stderr)
        fails = {(f.check, f.subject) for f in found if f.status == "fail" and f.check not in CONTENT}
        review = {(f.check, f.subject) for f in found if f.status == "needs_review"}
        expected = {(f["check"], f["subject"]) for f in t["expected_findings"] if f["check"] not in CONTENT}
        for item in fails | expected:
            s = stats[item[0]]
            if item in fails and item in expected:
                s["tp"] += 1
            elif item in fails:
                s["fp"] += 1
                print("FP", site.site_code, item, file=sys.stderr)
            elif item in review:
                s["review"] += 1
            else:
                s["fn"] += 1
                print("FN", site.site_code, item, file=sys.stderr)
    stats["_verdicts"] = verdicts
    return stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=8)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    stats = measure(a.sites, a.pages, a.seed)
    print(f"sites: {stats['_verdicts']}")
    print("| check | tp | fp | fn | needs_review | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for check in sorted(set(WEBSITE_CHECKS) - CONTENT):
        s = stats.get(check, {"tp": 0, "fp": 0, "fn": 0, "review": 0})
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / (s["tp"] + s["fn"] + s["review"]) if s["tp"] + s["fn"] + s["review"] else 1.0
        print(f"| {check} | {s['tp']} | {s['fp']} | {s['fn']} | {s['review']} | {p:.2f} | {r:.2f} |")


if __name__ == "__main__":
    main()
