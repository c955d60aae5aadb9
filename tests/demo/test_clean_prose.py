"""Clean demo pages do not trip public 暗链/porn keyword lists; planted spam does (../shared/realdata/keywords)."""
from __future__ import annotations

import re
from pathlib import Path

from govinspect.demo import build_city
from govinspect.demo.spam_plants import SPAM_ANCHORS

SPIDER = {"User-Agent": "Baiduspider"}


def spam_words(realdata: Path) -> set[str]:
    k = realdata / "keywords"
    words = {w.strip() for w in (k / "darklinkscaner_rules.txt").read_text(encoding="utf-8-sig").split("|")}
    for name in ("konsheng_porn_type.txt", "fwwdn_porn.txt", "konsheng_porn_words.txt"):
        lines = (k / name).read_text(encoding="utf-8", errors="replace").splitlines()
        words |= {w.strip().strip(",") for w in lines}
    return {w for w in words if len(w) >= 2}


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_clean_city_has_no_spam_words(realdata: Path) -> None:
    words = spam_words(realdata)
    city = build_city(sites=9, pages_per_site=150, defects="none")
    city.bind(8123)
    for site in city.sites:
        content = city.content(site)
        paths = ["/", content.scheme.sitemap] + [content.scheme.column_url(c) for c in site.columns]
        paths += [content.path(c, i) for c in site.columns if c.count for i in range(min(4, c.count))]
        for path in paths:
            text = visible_text(city.render(site.host, path, SPIDER).body.decode(site.encoding))
            hits = [w for w in words if w in text]
            assert hits == [], (site.host, path, hits)


def test_planted_spam_anchors_are_known_spam(realdata: Path) -> None:
    """All anchors but one deliberate hard case (spam a keyword list alone misses) hit public lists."""
    words = spam_words(realdata)
    unknown = [a for a in SPAM_ANCHORS if not any(w in a for w in words)]
    assert unknown == ["ag真人视讯"]
