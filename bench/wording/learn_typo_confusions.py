"""Rebuild govinspect/extract/security/data/typo_confusions.tsv from the ECSpell odw TRAIN set only.

    python bench/wording/learn_typo_confusions.py      (from the repository root)
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "realdata" / "csc" / "ecspell_odw_train.tsv"
OUT = ROOT / "govinspect" / "extract" / "security" / "data" / "typo_confusions.tsv"


def main() -> None:
    pairs: Counter[tuple[str, str]] = Counter()
    for line in TRAIN.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and len(parts[1]) == len(parts[2]):
            pairs.update((a, b) for a, b in zip(parts[1], parts[2]) if a != b)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# wrong<TAB>right<TAB>count: character confusions seen in aopolin-lv/ECSpell "
                "Data/domains_data/odw.train (MIT),\n")
        f.write("# aligned source/target sentences of official-document writing. "
                "Rebuild: bench/wording/learn_typo_confusions.py\n")
        for (a, b), n in sorted(pairs.items(), key=lambda x: (-x[1], x[0])):
            f.write(f"{a}\t{b}\t{n}\n")
    print(f"{len(pairs)} pairs → {OUT}")


if __name__ == "__main__":
    main()
