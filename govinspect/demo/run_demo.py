"""`govinspect demo`: the main job on the embedded default — demo city on loopback, SQLite, in-process."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from govinspect.demo.build_city import build_city
from govinspect.demo.measure_accuracy import measure_accuracy
from govinspect.demo.serve_city import serve_city
from govinspect.pipeline.scan_run import scan_sources
from govinspect.report.result import write_result
from govinspect.settings import Settings


def demo_settings(settings: Settings, resolve: dict[str, list[str]]) -> Settings:
    """Loopback only; politeness relaxed because the 'sites' are our own server."""
    return settings.with_(resolve={h: tuple(ips) for h, ips in resolve.items()}, only_mapped_hosts=True,
                          per_host_delay_s=0.0, per_host_connections=8, probe_interval_s=0.1,
                          probe_test_window=True,   # a few probes on loopback, declared a test (not a monitored week)
                          connect_timeout_s=3.0, read_timeout_s=5.0, total_timeout_s=8.0, retries=0)


async def run_demo(settings: Settings, out: Path, *, sites: int, pages_per_site: int, accounts: int,
                   seed: int, formats: tuple[str, ...] = ("docx", "xlsx", "html", "pdf"),
                   skin_seed: int | None = None, queue_url: str | None = None) -> dict[str, Any]:
    """``queue_url``: serve the city here and let `govinspect worker` processes scan it (a distributed run
    over that Redis; the workers must use the same database and reach this machine's loopback)."""
    out.mkdir(parents=True, exist_ok=True)
    city = build_city(seed=seed, sites=sites, pages_per_site=pages_per_site, accounts=accounts, skin_seed=skin_seed)
    started = time.perf_counter()
    async with serve_city(city) as running:
        cfg = demo_settings(settings, running.resolve_map)
        city.write_registry(out)
        if queue_url:
            result, run_id = await _distributed(cfg, city, queue_url)
        else:
            result, run_id = await scan_sources(cfg, city.site_records(), city.account_records(), city.as_of,
                                                "national-2019")
    seconds = time.perf_counter() - started
    truth = city.ground_truth()
    files = [write_result(result, out / "result.json"), city.write_ground_truth(out / "ground_truth.json")]
    notes: list[str] = []
    files += render_if_possible(result, out / "通报", formats, notes)
    summary = city.summary()
    accuracy = measure_accuracy(result, truth)
    (out / "accuracy.json").write_text(json.dumps(accuracy, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        "run_id": run_id, "result": result, "files": [str(p) for p in files], "accuracy": accuracy,
        "city": {"sites": summary["sites"], "columns": summary["columns"], "pages": summary["pages"],
                 "accounts": summary["accounts"],
                 "planted": summary["planted_site_findings"] + summary["planted_account_findings"]},
        "gathered": {**result.get("gathered", {}), "seconds": seconds},
        "notes": notes,
    }


async def _distributed(cfg: Settings, city: Any, queue_url: str) -> tuple[dict[str, Any], str]:
    from govinspect.workers.submit_scan import submit_run, watch_run

    run_id = await submit_run(cfg, city.site_records(), city.account_records(), city.as_of, "national-2019",
                              queue_url)
    if not cfg.quiet:
        print(f"已提交分布式运行 {run_id}，等待工作进程（govinspect worker）完成……", flush=True)
    watched = await watch_run(cfg, run_id, queue_url)
    return watched.result or {}, run_id


def render_if_possible(result: dict[str, Any], out: Path, formats: tuple[str, ...],
                       notes: list[str] | None = None) -> list[Path]:
    """The notice in every format this machine can print; a PDF it cannot print (no WeasyPrint, no CJK
    font) is left out and the reason, with its fix, is kept in ``notes`` (the demo then exits non-zero)."""
    from govinspect.report.pdf_fonts import PdfSetupError
    from govinspect.report.render_report import render_report

    try:
        return render_report(result, list(formats), out, {})
    except PdfSetupError as exc:
        if notes is None:
            raise
        notes.append(str(exc))
        return render_report(result, [f for f in formats if f != "pdf"], out, {})
