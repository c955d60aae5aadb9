"""GB/T 2260 region codes shipped as package data (registry/data/gbt2260_regions.tsv)."""
from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def region_table() -> dict[str, str]:
    text = files("govinspect.registry").joinpath("data/gbt2260_regions.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            table[code] = name
    return table


def region_name(code6: str) -> str | None:
    return region_table().get(code6)


def is_known_region(code6: str) -> bool:
    return code6 in region_table()
