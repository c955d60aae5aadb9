"""A scored spam classifier for text segments and links: never one word, never one weak signal.

A segment is ``spam`` only with at least two distinct terms, one of them strong, and a score of 12;
``suspicious`` (→ needs_review) from 6. Terms near words of a legitimate context (打击, 查处, 警方 …, as in
news about a crackdown on gambling) count for a quarter, so a report on 扫黄打非 is not spam.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govinspect.extract.security.spam_lexicon import STRONG, find_terms, is_blocklisted_host, normalise

SPAM_SCORE = 12.0
SUSPICIOUS_SCORE = 6.0
_CONTEXT_SPAN = 40
_LEGIT_CONTEXT = re.compile(
    "打击|整治|查处|取缔|专项|扫黄|打非|警方|公安|抓获|犯罪|违法|非法|违规|举报|防范|警惕|诈骗|禁止|严禁|不得|远离|"
    "拒绝|破获|涉赌|涉黄|案件|立案|判处|判决|嫌疑|治理|清理|净网|宣传|提醒|谨防|识别|危害|法院|检察")
# host labels of gambling/porn domains (365bet-…, hg3088, amxpj = 澳门新葡京, …)
_SPAM_HOST = re.compile(r"((^|[.\-\d])bet|bet[\d\-]|casino|gambl|poker|porn|sex|xxx|adult|av-|-av\b|^av\d|xpj|"
                        r"hg\d{3,}|\d{3,}hg|yule|duchang|caipiao|bocai|baijiale|liuhecai|ssc\d|pk10|"
                        r"dafa\d|vns\d|ylcity|tyc\d)")
_SPAM_TLDS = frozenset(("tk", "ml", "ga", "cf", "gq", "top", "vip", "xyz", "cc", "bet", "casino", "win",
                        "sex", "porn", "xxx", "club", "work", "icu", "fun"))
_GOV_SUFFIXES = (".gov.cn", ".政务", ".gov", ".org.cn", ".edu.cn")


@dataclass(slots=True)
class SpamVerdict:
    level: str                       # spam | suspicious | clean
    score: float
    terms: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)

    @property
    def is_spam(self) -> bool:
        return self.level == "spam"

    def evidence(self) -> dict[str, object]:
        return {"score": round(self.score, 1), "level": self.level, "terms": self.terms[:12],
                "categories": self.categories, "signals": self.signals}


@dataclass(slots=True)
class _TextScore:
    score: float
    terms: list[str]
    categories: list[str]
    strong: int


def _score_normalised(norm: str) -> _TextScore:
    hits = find_terms(norm)
    if not hits:
        return _TextScore(0.0, [], [], 0)
    counts: dict[str, int] = {}
    best: dict[str, float] = {}
    cats: list[str] = []
    strong: set[str] = set()
    for h in hits:
        window = norm[max(0, h.start - _CONTEXT_SPAN): h.end + _CONTEXT_SPAN]
        weight = h.term.weight * (0.25 if _LEGIT_CONTEXT.search(window) else 1.0)
        key = h.term.term
        counts[key] = counts.get(key, 0) + 1
        best[key] = max(best.get(key, 0.0), weight)
        if weight >= STRONG:
            strong.add(key)
        if h.term.category not in cats:
            cats.append(h.term.category)
    score = sum(w * (1 + 0.25 * min(counts[k] - 1, 4)) for k, w in best.items())
    return _TextScore(score, list(best), cats, len(strong))


def _level(score: float, distinct: int, strong: int) -> str:
    if score >= SPAM_SCORE and distinct >= 2 and strong >= 1:
        return "spam"
    if score >= SUSPICIOUS_SCORE or strong >= 1:
        return "suspicious"
    return "clean"


def classify_text(text: str) -> SpamVerdict:
    """Classify one segment (a title, a meta value, a block of body text)."""
    s = _score_normalised(normalise(text))
    return SpamVerdict(_level(s.score, len(s.terms), s.strong), s.score, s.terms, s.categories,
                       ["text"] if s.terms else [])


def is_government_host(host: str, site_host: str = "") -> bool:
    host = host.lower().rstrip(".")
    if site_host and (host == site_host.lower() or host.endswith("." + site_host.lower())):
        return True
    return host.endswith(_GOV_SUFFIXES)


def url_signals(url: str, site_host: str = "") -> tuple[float, list[str]]:
    """Score and named signals of a link target (0 for government and same-site hosts)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return 0.0, []
    if not host or is_government_host(host, site_host):
        return 0.0, []
    score, signals = 1.0, ["external"]
    if is_blocklisted_host(host):
        score += 8
        signals.append("blocklisted_domain")
    labels = host.removeprefix("www.")
    if _SPAM_HOST.search(labels):
        score += 5
        signals.append("spam_host_pattern")
    if host.rsplit(".", 1)[-1] in _SPAM_TLDS:
        score += 2
        signals.append("risky_tld")
    digits = sum(c.isdigit() for c in labels.split(".")[0])
    if digits >= 3:
        score += 2
        signals.append("numeric_host")
    path_norm = normalise(urlsplit(url).path + " " + urlsplit(url).query)
    if find_terms(path_norm):
        score += 2
        signals.append("spam_in_url")
    return score, signals


def classify_link(url: str, text: str, site_host: str = "", hidden: bool = False,
                  js_written: bool = False) -> SpamVerdict:
    """A link is spam on independent evidence: spam text, a spam target, hiding — at least two of them,
    or spam-level text on its own."""
    t = _score_normalised(normalise(text))
    u_score, u_signals = url_signals(url, site_host)
    external = bool(u_signals)
    signals = (["text"] if t.terms else []) + u_signals
    score = t.score + u_score
    if hidden:
        score += 3
        signals.append("hidden")
    if js_written:
        score += 2
        signals.append("js_written")
    kinds = sum((t.strong >= 1 or t.score >= SUSPICIOUS_SCORE,
                 u_score >= 5,            # a spam target (blocklist / host pattern), not just "external"
                 hidden or js_written))
    text_level = _level(t.score, len(t.terms), t.strong)
    if text_level == "spam" and (external or hidden) or score >= SPAM_SCORE and kinds >= 2 and external:
        level = "spam"
    elif (score >= SUSPICIOUS_SCORE and kinds >= 2) or text_level == "spam" or (external and u_score >= 9):
        level = "suspicious"
    else:
        level = "clean"
    return SpamVerdict(level, score, t.terms, t.categories, signals)
