"""The indicators of a run's rulebook, offered when a reviewer records a manual finding."""
from __future__ import annotations

from govinspect.scoring.rulebook import RulebookError, load_rulebook


def indicator_choices(rulebook: str) -> list[tuple[str, str]]:
    try:
        book = load_rulebook(rulebook)
    except (RulebookError, OSError):
        return []
    return [(ind.id, ind.title or ind.id) for ind in book.indicators]


def manual_indicators(rulebook: str) -> dict[str, str]:
    """Manual finding kind → the indicator the rulebook says it feeds when the reviewer picks none."""
    try:
        return load_rulebook(rulebook).manual_indicators()
    except (RulebookError, OSError):
        return {}
