"""`govinspect rescore`: a stored result re-scored offline under decisions and/or another rulebook."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from govinspect import __version__
from govinspect.model.result import RUN_FIELDS, build_result, load_result
from govinspect.review.decisions import load_decisions
from govinspect.review.rescore_result import rescore_result


def rescore_file(result_file: Path, rulebook: str | None, decisions_file: Path | None) -> dict[str, Any]:
    result = load_result(result_file)
    decisions = load_decisions(decisions_file) if decisions_file is not None else []
    parts = rescore_result(result, rulebook, decisions)
    rescored = {"from": str(result_file), "decisions": str(decisions_file) if decisions_file else None,
                "decision_count": len(decisions)}
    return build_result(as_of=parts["as_of"], rulebook=parts["rulebook"], sites=parts["sites"],
                        accounts=parts["accounts"], tool_version=__version__,
                        **{k: result[k] for k in RUN_FIELDS if k in result}, rescored=rescored)
