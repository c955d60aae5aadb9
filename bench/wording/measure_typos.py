"""Sentence-level typo detection precision/recall/F1 on ECSpell odw and SIGHAN15 (third-party data).

    python bench/wording/measure_typos.py [--threshold T] [--sweep] [--limit N]

--sweep tunes the threshold on ecspell_odw_train.tsv only and prints the table; test sets are measured
once at the chosen threshold.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from govinspect.extract.security.detect_typos import DEFAULT_THRESHOLD, find_typos

CSC = Path(__file__).resolve().parents[2].parent / "shared" / "realdata" / "csc"


def load_ecspell(name: str) -> list[tuple[str, bool]]:
    out = []
    for line in (CSC / name).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            out.append((parts[1], parts[1] != parts[2]))
    return out


def load_sighan15() -> list[tuple[str, bool]]:
    err = (CSC / "sighan15_test_error_simplified.txt").read_text(encoding="utf-8").splitlines()
    ok = (CSC / "sighan15_test_correct_simplified.txt").read_text(encoding="utf-8").splitlines()
    return [(e, e != c) for e, c in zip(err, ok)]


def learn_pairs(rows: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for src, tgt in rows:
        if len(src) == len(tgt):
            for a, b in zip(src, tgt):
                if a != b:
                    out.setdefault(a, set()).add(b)
    return {k: frozenset(v) for k, v in out.items()}


def cross_validate() -> None:
    """2-fold on odw TRAIN: learn confusion pairs on one half, sweep the threshold on the other."""
    rows = []
    for line in (CSC / "ecspell_odw_train.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[1], parts[2]))
    halves = (rows[0::2], rows[1::2])
    gains: list[tuple[float, bool]] = []
    for fit, held in (halves, halves[::-1]):
        gains += best_gains([(s, s != t) for s, t in held], learn_pairs(fit))
    for t in (3, 4, 5, 6, 7, 8, 9, 10, 12):
        p, r, f, n = prf(gains, t)
        print(f"odw_train 2-fold CV   threshold {t:5.1f}: P {p:.3f} R {r:.3f} F1 {f:.3f} (flagged {n})")


def best_gains(data: list[tuple[str, bool]], learned: dict[str, frozenset[str]] | None = None
               ) -> list[tuple[float, bool]]:
    out = []
    for sentence, positive in data:
        typos = find_typos(sentence, threshold=0.0, learned=learned)
        out.append((max((t.gain for t in typos), default=0.0), positive))
    return out


def prf(gains: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float, int]:
    tp = sum(1 for g, p in gains if g > threshold and p)
    fp = sum(1 for g, p in gains if g > threshold and not p)
    pos = sum(1 for _, p in gains if p)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / pos if pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fp


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if args.sweep:
        cross_validate()
    sets = {"odw_test": load_ecspell("ecspell_odw_test.tsv"), "sighan15_test": load_sighan15()}
    for name, data in sets.items():
        data = data[: args.limit] if args.limit else data
        started = time.perf_counter()
        gains = best_gains(data)
        secs = time.perf_counter() - started
        chars = sum(len(s) for s, _ in data)
        p, r, f, n = prf(gains, args.threshold)
        print(f"{name:20s} n={len(data)} threshold {args.threshold}: P {p:.3f} R {r:.3f} F1 {f:.3f} "
              f"(flagged {n}; {chars / secs:,.0f} chars/s)")


if __name__ == "__main__":
    main()
