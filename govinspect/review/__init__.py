"""Review: reviewers' decisions (confirm / dismiss / manual finding / 加分) and re-scoring from them."""
from govinspect.review.apply_decisions import apply_decisions, bonus_entries
from govinspect.review.decisions import Decision, DecisionError, from_store_rows, load_decisions
from govinspect.review.rescore_result import rescore_result

__all__ = ["Decision", "DecisionError", "apply_decisions", "bonus_entries", "from_store_rows", "load_decisions",
           "rescore_result"]
