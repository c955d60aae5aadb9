"""Injected spam in a page's title, meta tags and visible text, and cloaking (spam only spiders see)."""
from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field, replace
from functools import lru_cache

from govinspect.extract.security.analyse_page import PageAnalysis, TextBlock
from govinspect.extract.security.classify_spam import SpamVerdict, classify_link, classify_text
from govinspect.extract.security.js_payloads import decoded_layers

WINDOW_CHARS = 300
OVERLAP_CHARS = 30
TITLE_SPAM_SCORE = 8.0
TAIL_SHARE = 0.2          # spam in the last fifth of the text counts as "appended"


@dataclass(slots=True)
class SpamSegment:
    where: str             # title | meta:keywords | meta:description | body | tail | script
    text: str
    verdict: SpamVerdict

    @property
    def excerpt(self) -> str:
        """The segment from its first spam term on (what a reviewer should look at)."""
        lowered = self.text.lower()
        starts = [i for t in self.verdict.terms if (i := lowered.find(t)) != -1]
        return self.text[min(starts):] if starts else self.text


@dataclass(slots=True)
class InjectedSpam:
    spam: list[SpamSegment] = field(default_factory=list)
    suspicious: list[SpamSegment] = field(default_factory=list)

    @property
    def terms(self) -> set[str]:
        return {t for s in self.spam for t in s.verdict.terms}


def _windows(blocks: list[TextBlock]) -> list[tuple[str, float]]:
    """Consecutive blocks joined into windows of about WINDOW_CHARS, with their end position (0..1)."""
    total = sum(len(b.text) for b in blocks) or 1
    out: list[tuple[str, float]] = []
    buf: list[str] = []
    size = done = 0
    for b in blocks:
        for piece in _pieces(b.text):
            buf.append(piece)
            size += len(piece)
            done += len(piece)
            if size >= WINDOW_CHARS:
                out.append((" ".join(buf), done / total))
                tail = buf[-1][-OVERLAP_CHARS:]        # overlap so a phrase is never cut in two
                buf, size = [tail], len(tail)
    if buf:
        out.append((" ".join(buf), 1.0))
    return out


def _pieces(text: str) -> list[str]:
    """A long block (a <pre>, a page without markup) cut into window-sized pieces."""
    if len(text) <= WINDOW_CHARS:
        return [text]
    step = WINDOW_CHARS // 2
    return [text[i:i + step] for i in range(0, len(text), step)]


# a site's pages repeat their header, menus and footer: the same windows and menu links come back on every
# page, so their verdicts are kept (shared objects: copied before they leave)
@lru_cache(maxsize=4_096)
def _text_verdict(text: str) -> SpamVerdict:
    return classify_text(text)


@lru_cache(maxsize=8_192)
def _link_level(url: str, text: str, site_host: str) -> str:
    return classify_link(url, text, site_host).level


def find_injected_spam(page: PageAnalysis, site_host: str) -> InjectedSpam:
    result = InjectedSpam()

    def judge(where: str, text: str) -> None:
        if not text:
            return
        verdict = _text_verdict(text)
        if where == "title" and verdict.score >= TITLE_SPAM_SCORE:
            verdict = replace(verdict, level="spam")  # one undampened strong term (百家乐, 毛片…) hijacks a title alone
        if verdict.level == "spam":
            result.spam.append(SpamSegment(where, text[:300], deepcopy(verdict)))
        elif verdict.level == "suspicious" and verdict.score >= 9:
            result.suspicious.append(SpamSegment(where, text[:300], deepcopy(verdict)))

    judge("title", page.title)
    for name, value in page.meta.items():
        judge(f"meta:{name}", value)
    # text of links that are spam links is 暗链/外链 evidence (hidden_spam_links), not injected text
    blocks = [b for b in page.blocks
              if b.link_url is None or _link_level(b.link_url, b.text, site_host) != "spam"]
    for text, end in _windows(blocks):
        judge("tail" if end >= 1 - TAIL_SHARE and end > 0 else "body", text)
    return result


def script_cloaking(scripts: list[str]) -> list[SpamSegment]:
    """Spam in a script that branches on the visitor being a spider (client-side cloaking)."""
    out = []
    for code in scripts:
        for layer in decoded_layers(code):
            verdict = classify_text(layer)
            if verdict.level == "spam":
                out.append(SpamSegment("script", layer[:300], verdict))
                break
    return out


def cloaked_spam(browser: InjectedSpam, spider: InjectedSpam) -> list[SpamSegment]:
    """Spam segments the spider view carries whose terms the browser view does not show."""
    seen = browser.terms
    return [s for s in spider.spam if not set(s.verdict.terms) <= seen]
