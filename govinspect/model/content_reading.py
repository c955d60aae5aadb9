"""What the extract stage read for the content-security checks (extract/security/read_site.py makes it):
links and text the spam classifier called spam or suspicious, spam only spiders are shown, and wording
errors in articles. The checks decide statuses and wording from this; they classify nothing themselves."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class SpamText:
    """A window of text (title, meta, body, tail, script) the classifier judged spam or suspicious."""

    where: str                     # title | meta:keywords | meta:description | body | tail | script
    text: str
    excerpt: str                   # from the first spam term on (what a reviewer should look at)
    verdict: dict[str, Any] = field(default_factory=dict)   # score, level, terms, categories, signals


@dataclass(slots=True)
class PageSpam:
    """One page's injected text: spam and suspicious windows, and spam in spider-sniffing scripts."""

    url: str
    spam: list[SpamText] = field(default_factory=list)
    suspicious: list[SpamText] = field(default_factory=list)
    scripted: list[SpamText] = field(default_factory=list)


@dataclass(slots=True)
class CloakedView:
    """Spam a spider's view of the homepage carries that the browser's view does not show."""

    spider: str
    url: str
    segments: list[SpamText] = field(default_factory=list)


@dataclass(slots=True)
class SpamLink:
    """A link the classifier called spam or suspicious, where it was seen and how it hides."""

    url: str                       # target
    text: str
    page_url: str
    level: str                     # spam | suspicious
    verdict: dict[str, Any] = field(default_factory=dict)
    hidden_hints: tuple[str, ...] = ()
    js_written: bool = False
    detected_by: str = "static"    # static (the page's HTML) | gather (hints from the crawl/browser)


@dataclass(slots=True)
class WordingError:
    """A serious wording error in an article, judged as of its publication date (or the 监测时间点)."""

    wrong: str
    correct: str
    kind: str                      # leader_name | leader_title | institution | formulation | wrong_form
    status: str                    # fail | needs_review (as the gazetteer judges it)
    reason: str
    source: str
    context: str
    article_url: str
    location: str                  # the article's column path
    pub_date: date | None
    judged_on: date
    dated: bool                    # a publication date on or before the 监测时间点
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ContentReading:
    html_pages: int = 0                                        # HTML pages there were to read
    links: list[SpamLink] = field(default_factory=list)
    pages: list[PageSpam] = field(default_factory=list)
    cloaked: list[CloakedView] = field(default_factory=list)
    wording: list[WordingError] = field(default_factory=list)
    gazetteer_version: str = ""
