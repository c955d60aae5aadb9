"""Accuracy on randomly generated skins: the demo city rendered through markup nobody tuned on.

    .venv/bin/python bench/random_skins.py --seeds 101-124 --sites 6 --pages 60   # REPORT seeds
    .venv/bin/python bench/random_skins.py --seeds 1-5 --sites 6 --pages 60       # TUNING seeds
    .venv/bin/python bench/random_skins.py --seeds 1 --template                   # control: template skins

Per skin seed N the city (``--city-seed``, default 7 as ``govinspect demo``) is built with
``build_city(..., skin_seed=N)`` (site i uses ``random_skin(N * 1000 + i)``) and measured twice:

- columns, as tests/extract/test_understand_demo.py does: in-process crawl, ``understand_site``, truth
  columns matched by URL (tree recall; newest date exact over non-container columns);
- checks, as ``govinspect demo`` does (demo/run_demo.py): the city served on loopback, ``scan_sources``,
  ``measure_accuracy`` against the ground truth (per veto check precision/recall on ``fail`` findings,
  verdicts right/total, and the score of every site the truth scores).

Seeds 1–5 are for tuning, 101–124 are reported (docs/accuracy/random_skins.md) and never tuned on.
Seeds run in a process pool (``--jobs``, default 2); ``--out FILE`` keeps every miss for analysis.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govinspect.demo.build_city import build_city
from govinspect.demo.measure_accuracy import measure_accuracy
from govinspect.demo.measure_columns import column_metrics
from govinspect.demo.run_demo import demo_settings
from govinspect.demo.serve_city import serve_city
from govinspect.pipeline.scan_run import scan_sources
from govinspect.scoring.rulebook import load_rulebook
from govinspect.settings import Settings
from tests.extract.demo_crawl import crawl_demo_site

RULEBOOK = "national-2019"
VETO_CHECKS = sorted(load_rulebook(RULEBOOK).veto_checks)


def parse_seeds(text: str) -> list[int]:
    """``1-5,101,110-112`` → [1, 2, 3, 4, 5, 101, 110, 111, 112]."""
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


async def scan_city(city: Any, workspace: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    async with serve_city(city) as running:
        cfg = demo_settings(Settings(workspace=workspace, quiet=True), running.resolve_map)
        result, _ = await scan_sources(cfg, city.site_records(), city.account_records(), city.as_of, RULEBOOK,
                                       workers=0)
    return result, city.ground_truth()


def check_misses(result: dict[str, Any], truth: dict[str, Any], skins: dict[str, int | None]) -> list[dict[str, Any]]:
    """Every planted finding not found (fn) and every fail finding not planted (fp), per site."""
    out = []
    for st in truth["sites"]:
        if st["expected_result"] == "未能检测":
            continue
        got = next((s for s in result["sites"] if s["site_code"] == st["site_code"]), {"findings": []})
        want = {(f["check"], f["subject"]) for f in st["expected_findings"]}
        have = {(f["check"], f["subject"]): f.get("status") for f in got["findings"]}
        for check, subject in sorted(want - {k for k, v in have.items() if v == "fail"}):
            out.append({"what": "fn", "check": check, "subject": subject, "status": have.get((check, subject)),
                        "site": st["host"], "skin": skins[st["site_code"]]})
        for (check, subject), status in sorted(have.items()):
            if status == "fail" and (check, subject) not in want:
                out.append({"what": "fp", "check": check, "subject": subject, "site": st["host"],
                            "skin": skins[st["site_code"]]})
    return out


def measure_seed(seed: int | None, city_seed: int, sites: int, pages: int, accounts: int) -> dict[str, Any]:
    started = time.perf_counter()
    city = build_city(seed=city_seed, sites=sites, pages_per_site=pages, accounts=accounts, skin_seed=seed)
    city.bind(80)
    columns = column_metrics(city, crawl_demo_site)
    with tempfile.TemporaryDirectory(prefix="random-skins-") as tmp:
        result, truth = asyncio.run(scan_city(city, Path(tmp)))
    acc = measure_accuracy(result, truth)
    skins = {s.site_code: s.skin_seed for s in city.sites}
    entries = {s["site_code"]: s for s in result["sites"]}
    scores = [{"site": st["host"], "role": st["role"], "expected": st["expected_score"],
               "got": entries.get(st["site_code"], {}).get("score"),
               "clean": all(f.get("environment") for f in st["expected_findings"]),
               "review": sum(1 for f in entries.get(st["site_code"], {}).get("findings", [])
                             if f.get("status") == "needs_review")}
              for st in truth["sites"] if st["expected_score"] is not None]
    return {"seed": seed, "seconds": round(time.perf_counter() - started, 1), "columns": columns,
            "per_check": acc["per_check"], "verdicts_right": acc["verdicts_right"], "sites": acc["sites"],
            "precision": acc["precision"], "recall": acc["recall"], "scores": scores,
            "check_misses": check_misses(result, truth, skins)}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "–"


def veto_line(per_check: dict[str, dict[str, int]]) -> str:
    cells = []
    for check in VETO_CHECKS:
        v = per_check.get(check)
        if v is None:
            continue
        missed = v["fn"] + v["review"]
        cells.append(f"{check} P {_ratio(v['tp'], v['tp'] + v['fp'])} R {_ratio(v['tp'], v['tp'] + missed)}")
    return "; ".join(cells)


def add_checks(total: dict[str, dict[str, int]], per_check: dict[str, dict[str, Any]]) -> None:
    for check, v in per_check.items():
        t = total.setdefault(check, {"tp": 0, "fp": 0, "fn": 0, "review": 0})
        for k in t:
            t[k] += v[k]


def print_report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    header = ("| skin seed | tree recall | location exact | type right | newest date exact | verdicts | "
              "score got vs truth (scored sites) | P / R (all checks) | s |")
    print(header + "\n|" + " --- |" * 9)
    total_checks: dict[str, dict[str, int]] = {}
    cols = {"columns": 0, "found": 0, "location_ok": 0, "type_ok": 0, "dates": 0, "dates_ok": 0}
    verdicts = sites = 0
    deltas: list[float] = []
    for r in rows:
        c = r["columns"]
        for k in cols:
            cols[k] += c[k]
        verdicts, sites = verdicts + r["verdicts_right"], sites + r["sites"]
        add_checks(total_checks, r["per_check"])
        d = [round(s["got"] - s["expected"], 1) if s["got"] is not None else None for s in r["scores"]]
        scored = ", ".join(f"{s['got']} vs {s['expected']}" for s in r["scores"])
        deltas += [x for x in d if x is not None]
        print(f"| {r['seed']} | {_ratio(c['found'], c['columns'])} ({c['found']}/{c['columns']}) | "
              f"{_ratio(c['location_ok'], c['columns'])} | {_ratio(c['type_ok'], c['columns'])} | "
              f"{_ratio(c['dates_ok'], c['dates'])} ({c['dates_ok']}/{c['dates']}) | {r['verdicts_right']}/{r['sites']} | "
              f"{scored} | "
              f"{r['precision']:.3f} / {r['recall']:.3f} | {r['seconds']} |")
        print(f"|  | veto checks: {veto_line(r['per_check'])} |" + " |" * 7)
    print(f"\nTOTAL over {len(rows)} seeds: tree recall {_ratio(cols['found'], cols['columns'])} "
          f"({cols['found']}/{cols['columns']}), location exact {_ratio(cols['location_ok'], cols['columns'])}, "
          f"type right {_ratio(cols['type_ok'], cols['columns'])}, newest date exact {_ratio(cols['dates_ok'], cols['dates'])} "
          f"({cols['dates_ok']}/{cols['dates']}), verdicts {verdicts}/{sites}, "
          f"scored sites exact {sum(1 for x in deltas if x == 0)}/{len(deltas)}")
    clean = [s for r in rows for s in r["scores"] if s["clean"]]
    if clean:
        low = min(clean, key=lambda s: s["got"] if s["got"] is not None else -1)
        print(f"sites without planted defects: {len(clean)}, lowest score {low['got']} (truth {low['expected']}), "
              f"review items per clean site max {max(s['review'] for s in clean)}, "
              f"mean {sum(s['review'] for s in clean) / len(clean):.1f}")
    print("\n| check | veto | tp | fp | fn | review | precision | recall |\n|" + " --- |" * 8)
    for check in sorted(total_checks, key=lambda c: (c not in VETO_CHECKS, c)):
        v = total_checks[check]
        missed = v["fn"] + v["review"]
        print(f"| {check} | {'yes' if check in VETO_CHECKS else ''} | {v['tp']} | {v['fp']} | {v['fn']} | "
              f"{v['review']} | {_ratio(v['tp'], v['tp'] + v['fp'])} | {_ratio(v['tp'], v['tp'] + missed)} |")
    return {"columns": cols, "verdicts_right": verdicts, "sites": sites, "per_check": total_checks}


def main() -> None:
    ap = argparse.ArgumentParser(description="随机皮肤下的抽取与检查准确率（演示城市）")
    ap.add_argument("--seeds", default="101-124", help="皮肤种子，如 1-5 或 101-124,130")
    ap.add_argument("--sites", type=int, default=6)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--accounts", type=int, default=0, help="新媒体账号数（与皮肤无关，默认 0）")
    ap.add_argument("--city-seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--template", action="store_true", help="对照：模板皮肤（不用随机皮肤），只跑一次")
    ap.add_argument("--out", type=Path, default=None, help="把每个种子的结果和全部漏检/误报写入 JSON")
    args = ap.parse_args()
    seeds: list[int | None] = [None] if args.template else list(parse_seeds(args.seeds))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(measure_seed, s, args.city_seed, args.sites, args.pages, args.accounts) for s in seeds]
        rows = [f.result() for f in futures]
    total = print_report(rows)
    if args.out:
        args.out.write_text(json.dumps({"args": vars(args) | {"out": str(args.out)}, "seeds": rows, "total": total},
                                       ensure_ascii=False, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
