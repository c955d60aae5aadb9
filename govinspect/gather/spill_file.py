"""Where a site's crawl state goes past its bound in memory (``Settings.crawl_state_in_memory``).

A private temporary SQLite database (``sqlite3.connect("")``: a file in the system's temporary directory,
deleted when the connection closes), opened only when the bound is first passed, so a site that stays under
it pays nothing. Nothing in it needs to survive a crash: the queue and the link index are derived from the
pages the journal holds, and a resumed crawl rebuilds them by replaying those pages (crawl_site.py).
"""
from __future__ import annotations

import sqlite3

# SQLite's own page cache for the file: what the spilled state costs in memory (two files a site). 128 KB, not
# 512: the same CPU for a 4,539-page site's link index (0.046 s), ~0.4 MB less per file while 4 large sites crawl
CACHE_KB = 128


def open_spill(schema: str) -> sqlite3.Connection:
    db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA temp_store=FILE")
    db.executescript(schema)
    return db
