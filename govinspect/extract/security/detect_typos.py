"""General typo (错别字) detection, offline and informational only — never a veto.

For each character, try its confusable characters (same toneless pinyin, similar shape, and pairs learned
from the ECSpell 公文 training set, shipped as data/typo_confusions.tsv); re-segment a small window around
it with jieba's word frequencies as a unigram language model; flag the character when the best
substitute makes the window far more likely (log-probability gain over ``threshold``). No model download:
jieba's own dictionary is the only statistics used.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jieba
import jieba.posseg as pseg

from govinspect.extract.security.confusion_sets import is_common_char, readings, same_sound, similar_shape
from govinspect.extract.security.match_wording import blank_non_prose

_DATA = "govinspect.extract.security.data"
DEFAULT_THRESHOLD = 4.0       # chosen by 2-fold cross-validation on odw TRAIN (bench/wording/measure_typos.py --sweep)
WINDOW = 3                     # characters each side of the tested one
MAX_WORD = 4
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
_PROPER_TAGS = frozenset(("nr", "nrfg", "nrt", "ns", "nt", "nz"))
_UNKNOWN_CHAR = -18.0
MIN_WORD_FREQ = 5                          # rarer multi-character dictionary entries are ignored
MIN_WORD_LOGP = math.log(3 / 60_000_000)   # words rarer than this never serve as corrections          # log-probability of a character jieba has never seen alone


@dataclass(frozen=True, slots=True)
class Typo:
    position: int
    wrong: str
    suggestion: str
    gain: float                # log-probability gain of the window with the suggestion
    context: str


@cache
def _model() -> tuple[dict[str, float], float]:
    dt = jieba.dt
    dt.check_initialized()
    total = float(dt.total)
    # rare dictionary entries are often typos themselves (迫不急待 3, 布署 2): they do not count as words
    logp = {w: math.log(f / total) for w, f in dt.FREQ.items() if f >= MIN_WORD_FREQ or len(w) == 1 and f > 0}
    common = math.log(2000 / total)
    text = resources.files(_DATA).joinpath("gov_terms.txt").read_text(encoding="utf-8")
    for term in text.splitlines():
        term = term.strip()
        if term and not term.startswith("#"):
            logp[term] = max(logp.get(term, common), common)
    return logp, math.log(1.0 / total)


@cache
def learned_confusions() -> dict[str, frozenset[str]]:
    """wrong char → right chars, from data/typo_confusions.tsv."""
    out: dict[str, set[str]] = {}
    text = resources.files(_DATA).joinpath("typo_confusions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        wrong, right = line.split("\t")[:2]
        if len(wrong) == 1 and len(right) == 1:
            out.setdefault(wrong, set()).add(right)
    return {k: frozenset(v) for k, v in out.items()}


def candidates(ch: str, learned: dict[str, frozenset[str]] | None = None) -> tuple[tuple[str, float], ...]:
    """Substitutes for ``ch`` with a prior penalty (learned pairs cheapest, then same sound, then shape)."""
    table = learned_confusions() if learned is None else learned
    return _candidates(ch, table.get(ch, frozenset()))


@cache
def _candidates(ch: str, learned: frozenset[str]) -> tuple[tuple[str, float], ...]:
    out: dict[str, float] = {}
    for c in learned:
        out[c] = 0.0
    own = set(readings(ch))
    for c in same_sound(ch):
        if c not in out:
            out[c] = 1.0 if own & set(readings(c)) else 2.0
    for c in similar_shape(ch):
        out.setdefault(c, 2.5)
    return tuple((c, p) for c, p in out.items() if is_common_char(c))


def _best_logprob(s: str, logp: dict[str, float], floor: float) -> float:
    best = [0.0] + [-math.inf] * len(s)
    for j in range(1, len(s) + 1):
        for k in range(1, min(MAX_WORD, j) + 1):
            piece = s[j - k:j]
            lp = logp.get(piece)
            if lp is None:
                if k > 1:
                    continue
                lp = floor + _UNKNOWN_CHAR if _HAN.match(piece) else floor
            v = best[j - k] + lp
            best[j] = max(best[j], v)
    return best[-1]


@cache
def _slot_index() -> dict[str, str]:
    """"前?后" pattern → the characters that complete a dictionary word of 2..4 characters there."""
    logp, _ = _model()
    index: dict[str, set[str]] = {}
    for w, lp in logp.items():
        if 2 <= len(w) <= MAX_WORD and lp > MIN_WORD_LOGP:
            for j in range(len(w)):
                index.setdefault(w[:j] + "?" + w[j + 1:], set()).add(w[j])
    return {k: "".join(v) for k, v in index.items()}


def _word_makers(s: str, k: int) -> set[str]:
    """Characters that, put at position k of s, complete some dictionary word covering k."""
    index = _slot_index()
    out: set[str] = set()
    for length in range(2, MAX_WORD + 1):
        for start in range(max(0, k - length + 1), min(k, len(s) - length) + 1):
            chars = index.get(s[start:k] + "?" + s[k + 1:start + length])
            if chars:
                out.update(chars)
    return out


def _proper_noun_positions(text: str) -> set[int]:
    """Character positions inside person, place, organisation and other proper names (jieba POS tags):
    names are not dictionary words and are the main source of false alarms on real pages."""
    out: set[int] = set()
    pos = 0
    for word, flag in pseg.lcut(text, HMM=True):
        if flag in _PROPER_TAGS and len(word) > 1:
            out.update(range(pos, pos + len(word)))
        pos += len(word)
    return out


def find_typos(text: str, threshold: float = DEFAULT_THRESHOLD,
               learned: dict[str, frozenset[str]] | None = None) -> list[Typo]:
    logp, floor = _model()
    clean = blank_non_prose(text)
    names = _proper_noun_positions(clean)
    out: list[Typo] = []
    for i, ch in enumerate(clean):
        if not _HAN.match(ch) or not is_common_char(ch) or i in names or ch in _NUMERALS:
            continue                       # traditional/rare characters, names and numerals are not typos
        lo, hi = max(0, i - WINDOW), min(len(clean), i + WINDOW + 1)
        window = clean[lo:hi]
        if not any(_HAN.match(c) for c in (clean[i - 1:i] + clean[i + 1:i + 2])):
            continue                       # a character standing alone between non-Chinese text
        base = None
        best_gain, best_c = 0.0, ""
        k = i - lo
        makers = _word_makers(window, k)
        for c, prior in candidates(ch, learned):
            if c not in makers:
                continue
            changed = window[:k] + c + window[k + 1:]
            if base is None:
                base = _best_logprob(window, logp, floor)
            gain = _best_logprob(changed, logp, floor) - base - prior
            if gain > best_gain:
                best_gain, best_c = gain, c
        if best_gain > threshold:
            out.append(Typo(i, ch, best_c, round(best_gain, 2), text[lo:hi]))
    return out


def has_typo(sentence: str, threshold: float = DEFAULT_THRESHOLD) -> bool:
    return bool(find_typos(sentence, threshold))
