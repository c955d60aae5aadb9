"""``govinspect report RESULT.json --format docx,xlsx,html,pdf --out DIR``: render the 通报 and its
annexes from a result document only (no scoring, no network)."""
from __future__ import annotations

import multiprocessing
import os
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from govinspect.model.result import load_result
from govinspect.report.annex_tables import ALL_ANNEXES, build_annexes
from govinspect.report.notice_facts import notice_facts
from govinspect.report.notice_prose import render_paragraphs
from govinspect.report.options import ReportOptions
from govinspect.report.pdf_fonts import check_glyphs, printed_texts, require_weasyprint
from govinspect.report.render_docx import render_docx
from govinspect.report.render_html import charts, render_html
from govinspect.report.render_pdf import PdfInBackground, render_pdf, split_point
from govinspect.report.render_xlsx import render_xlsx

FORMATS = ("docx", "xlsx", "html", "pdf")


def parse_formats(formats: str | list[str] | tuple[str, ...]) -> list[str]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = [f.strip().lower().lstrip(".") for f in items if f and f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}；可选 {','.join(FORMATS)}")
    return list(dict.fromkeys(wanted))


def render_report(result: dict[str, Any] | str | os.PathLike[str], formats: str | list[str],
                  out_dir: str | os.PathLike[str], options: ReportOptions | dict[str, Any] | None = None
                  ) -> list[Path]:
    """Writes one file per format into ``out_dir`` and returns their paths (in the order asked)."""
    opts = ReportOptions.from_any(options)
    wanted = parse_formats(formats)
    doc = load_result(result)
    previous = load_result(opts.previous) if opts.previous is not None else None
    out = Path(out_dir)

    facts = notice_facts(doc, opts, previous)
    period = facts["period"]
    printed = build_annexes(doc, period, opts, keys=opts.annexes, for_print=True)
    facts["annexes"] = [t.title for t in printed]
    keys = [t.key for t in printed]
    for key in ("not_assessed", "scores", "register", "account_list"):
        if key in keys:          # the annex that names the units not assessed, with the reason
            facts["not_assessed_annex"] = f"附件{keys.index(key) + 1}"
            break
    paragraphs = render_paragraphs(facts)
    if "pdf" in wanted:       # refuse before writing anything rather than print empty boxes
        require_weasyprint()
        check_glyphs([facts["title"], *printed_texts(paragraphs, printed)])
    out.mkdir(parents=True, exist_ok=True)
    stem = opts.basename or f"通报-{facts['year']}Q{facts['quarter']}"

    written: dict[str, Path | PdfInBackground] = {}
    with ExitStack() as stack:
        if "pdf" in wanted and _can_fork() and (len(wanted) > 1 or split_point(printed)):
            # WeasyPrint is the slow part: lay it out on the other core(s) meanwhile
            written["pdf"] = stack.enter_context(
                PdfInBackground(facts, paragraphs, printed, out / f"{stem}.pdf", _cores()))
        for fmt in wanted:
            if fmt not in written:
                written[fmt] = _render_one(fmt, doc, facts, paragraphs, printed, opts, out / f"{stem}.{fmt}")
        return [p.result() if isinstance(p, PdfInBackground) else p for p in (written[f] for f in wanted)]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _can_fork() -> bool:
    """Fork only a single-threaded process with a spare core: forking a threaded server (the
    dashboard) can deadlock the child on a lock another thread held."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 and _cores() > 1


def _render_one(fmt: str, doc: dict[str, Any], facts: dict[str, Any], paragraphs: list, printed: list,
                opts: ReportOptions, target: Path) -> Path:
    period = facts["period"]
    if fmt == "docx":
        return render_docx(facts, printed, target, opts.template)
    if fmt == "pdf":
        return render_pdf(facts, paragraphs, printed, target)
    if fmt == "html":
        screen = build_annexes(doc, period, opts, keys=opts.annexes, for_print=False)
        return render_html(facts, paragraphs, screen, charts(doc, opts), target)
    return render_xlsx(facts, build_annexes(doc, period, opts, keys=ALL_ANNEXES), target)
