"""How well ``understand_site`` reads a demo city's column tree: truth columns matched by URL.

Used by tests/demo/test_random_skins.py and bench/random_skins.py; ``crawl(city, site)`` returns
(homepage URL, page snapshots), e.g. tests/extract/demo_crawl.crawl_demo_site.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govinspect.extract.understand_site import understand_site


def column_metrics(city: Any, crawl: Callable[[Any, Any], tuple[str, list[Any]]]) -> dict[str, Any]:
    """Counts (columns, found, location_ok, type_ok, dates, dates_ok) and every miss, with its skin seed."""
    truth = city.ground_truth()
    m: dict[str, Any] = dict.fromkeys(("columns", "found", "location_ok", "type_ok", "dates", "dates_ok",
                                       "blank", "blank_ok", "false_blank"), 0)
    misses: list[dict[str, Any]] = []
    for site, st in zip(city.sites, truth["sites"]):
        if not st["columns"]:
            continue
        home, snaps = crawl(city, site)
        got = {c.url: c for c in understand_site(snaps, home, city.as_of).columns}
        for tc in st["columns"]:
            m["columns"] += 1
            col = got.get(tc["url"])
            miss = {"skin": site.skin_seed, "url": tc["url"]}
            if col is None:
                misses.append({"what": "column", **miss, "location": tc["location"]})
                continue
            m["found"] += 1
            m["location_ok"] += col.location == tc["location"]
            m["type_ok"] += col.column_type == tc["column_type"]
            if col.location != tc["location"] or col.column_type != tc["column_type"]:
                misses.append({"what": "location/type", **miss, "got": [col.location, col.column_type],
                               "expected": [tc["location"], tc["column_type"]]})
            if tc.get("blank"):
                m["blank"] += 1
                m["blank_ok"] += col.blank
            else:
                m["false_blank"] += col.blank
            if not tc["container"]:
                m["dates"] += 1
                if str(col.newest_date) == str(tc["newest_date"]):
                    m["dates_ok"] += 1
                else:
                    misses.append({"what": "newest_date", **miss, "got": str(col.newest_date),
                                   "expected": tc["newest_date"]})
    return m | {"misses": misses}
