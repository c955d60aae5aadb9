"""Scoring: rulebooks as data (rulebooks/*.yaml) and the scorer that applies them."""
from govinspect.scoring.rulebook import Rulebook, RulebookError, load_rulebook
from govinspect.scoring.score_site import SiteScore, score_site

__all__ = ["Rulebook", "RulebookError", "SiteScore", "load_rulebook", "score_site"]
