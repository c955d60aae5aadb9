"""Serious wording errors (严重表述错误) against the gazetteer, judged as of the text's publication date.

- a leader's name one confusable character off (习进平), near that leader's title or context;
- a leader with a title the person did not hold on that date (国务院总理李克强 in 2024);
- a retired organ name (国家工商行政管理总局) used as current after its retirement;
- a fixed formulation one confusable character off, or a known wrong form (新疆维吾尔族自治区).

URLs, e-mail addresses, 备案号 and code-like ASCII runs are blanked before matching (a checker once
"corrected" 沪公网安备 to 安倍); callers pass body text, never footers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import ahocorasick

from govinspect.extract.security.confusion_sets import one_char_variants
from govinspect.extract.security.wording_gazetteer import Gazetteer, Leader, load_gazetteer

# runs of ASCII (URLs, e-mail addresses, code, 备案 and 标识码 numbers) and the filing labels themselves
_BLANK = re.compile(r"https?://[^\s\"'<>]+|[\x21-\x7e]{6,}|(?:ICP|公网安)备|网站标识码")
_HISTORICAL = re.compile(r"(时任|原任|原|前任|前|曾任|历任|首任|已故|老)$")
_PAST_CONTEXT = re.compile(r"逝世|悼念|追悼|遗体|生平|纪念|缅怀|回忆|回顾|当年|那年|曾经|曾")
_REFORM_CONTEXT = re.compile(r"更名|改革|组建|撤销|不再保留|划入|整合|挂牌|原|前身|改为|转隶")
_ISSUER = re.compile(r"[^，。；！？\s]{0,16}?(关于|决定书?|通知|公告|令|规定|规章|办法|批复|函|意见|行政处罚|行政许可|公报|发布|印发|制定)")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_SEPARATORS = "、，, \u3000"
TRANSITION_GRACE = timedelta(days=7)
INSTITUTION_GRACE = timedelta(days=365)
EX_TITLE_REVIEW_AFTER = timedelta(days=3 * 365)


@dataclass(slots=True)
class WordingHit:
    wrong: str                    # the text as it appears (the finding subject)
    correct: str
    kind: str                     # leader_name | leader_title | institution | formulation | wrong_form
    status: str                   # fail | needs_review
    start: int
    reason: str
    source: str
    evidence: dict[str, object] = field(default_factory=dict)


@cache
def _automaton() -> ahocorasick.Automaton:
    """Exact entries: leaders' names (for title checks), retired organs, known wrong forms."""
    gaz = load_gazetteer()
    auto = ahocorasick.Automaton()
    entries: dict[str, list[tuple]] = {}
    for leader in gaz.leaders:
        entries.setdefault(leader.name, []).append(("name", leader))
    for inst in gaz.institutions:
        entries.setdefault(inst.name, []).append(("institution", inst))
    for wf in gaz.wrong_forms:
        entries.setdefault(wf.wrong, []).append(("wrong_form", wf))
    for key, payloads in entries.items():
        auto.add_word(key, (key, tuple(payloads)))
    auto.make_automaton()
    return auto


@dataclass(frozen=True, slots=True)
class _VariantEntry:
    correct: str
    kind: str                       # name_variant | formulation
    leader: Leader | None = None


@cache
def _variant_anchors() -> dict[str, list[tuple[int, _VariantEntry]]]:
    """Anchors (substrings that survive any one-character change) → (offset in entry, entry).

    A one-character variant of an entry keeps one of its halves intact, so finding the halves with
    str.find (C speed) and looking the aligned window up in the entry's variants finds every variant;
    a 3-character name also needs its first and last character alone (习?平)."""
    gaz = load_gazetteer()
    entries = [_VariantEntry(lead.name, "name_variant", lead) for lead in gaz.leaders if len(lead.name) >= 3]
    entries += [_VariantEntry(p, "formulation") for p in gaz.formulations]
    anchors: dict[str, list[tuple[int, _VariantEntry]]] = {}
    for e in entries:
        word = e.correct
        half = len(word) // 2
        pieces = [(0, word[:half]), (half, word[half:])]
        if len(word) == 3:
            pieces = [(0, word[:2]), (1, word[1:]), (0, word[0]), (2, word[2])]
        for offset, piece in pieces:
            anchors.setdefault(piece, []).append((offset, e))
    return anchors


@cache
def _correct_words() -> frozenset[str]:
    gaz = load_gazetteer()
    return frozenset({lead.name for lead in gaz.leaders} | set(gaz.formulations))


_VARIANTS: dict[tuple[str, str], dict[str, str]] = {}


def _variants(entry: _VariantEntry) -> dict[str, str]:
    """The entry's one-character variants (variant → 音近/形近), built the first time a text holds one of
    its anchors: a worker pays for the entries its pages mention, not for the whole table at its start.
    A variant of one entry that is another entry is no error."""
    key = (entry.correct, entry.kind)
    found = _VARIANTS.get(key)
    if found is None:
        correct = _correct_words()
        found = _VARIANTS[key] = {v: how for v, how in one_char_variants(entry.correct).items() if v not in correct}
    return found


@cache
def _anchor_automaton() -> ahocorasick.Automaton | None:
    """Every anchor in one automaton: a text is read once, not once per anchor (168 finds per page)."""
    auto = ahocorasick.Automaton()
    for order, (anchor, targets) in enumerate(_variant_anchors().items()):
        auto.add_word(anchor, (order, len(anchor), targets))
    if not len(auto):
        return None
    auto.make_automaton()
    return auto


def _variant_hits(text: str) -> list[tuple[int, str, _VariantEntry, str]]:
    auto = _anchor_automaton()
    if auto is None:
        return []
    # anchor by anchor (in their table's order), each anchor's places left to right: as a find per anchor did
    found = sorted(((order, end - size + 1, targets) for end, (order, size, targets) in auto.iter(text)),
                   key=lambda hit: (hit[0], hit[1]))
    out = []
    seen: set[tuple[int, str]] = set()
    for _order, i, targets in found:
        for offset, entry in targets:
            start = i - offset
            if start < 0 or (start, entry.correct) in seen:
                continue
            window = text[start:start + len(entry.correct)]
            how = _variants(entry).get(window)
            if how is not None:
                seen.add((start, entry.correct))
                out.append((start, window, entry, how))
    return out


@cache
def _title_forms() -> tuple[str, ...]:
    return tuple(sorted(load_gazetteer().title_forms, key=len, reverse=True))


def blank_non_prose(text: str) -> str:
    """URLs, e-mails, 备案号, 标识码 and code runs replaced by spaces (offsets kept)."""
    return _BLANK.sub(lambda m: " " * len(m.group(0)), text)


def _titles_before(text: str, pos: int) -> tuple[list[str], int]:
    """Titles written right before ``pos`` (a chain like 中共中央总书记、国家主席、中央军委主席)."""
    forms = load_gazetteer().title_forms
    found: list[str] = []
    end = pos
    while True:
        cut = end
        while cut > 0 and text[cut - 1] in _SEPARATORS and found:
            cut -= 1
        for form in _title_forms():
            start = cut - len(form)
            if start >= 0 and text.startswith(form, start) and not (start > 0 and text[start - 1] == "副"
                                                                     and not form.startswith("副")):
                found.append(forms[form])
                end = start
                break
        else:
            return found, end


def _title_after(text: str, pos: int) -> tuple[str | None, int]:
    forms = load_gazetteer().title_forms
    for form in _title_forms():
        if text.startswith(form, pos):
            return forms[form], pos + len(form)
    return None, pos


def _historical(text: str, chain_start: int, name_end: int, until: date | None) -> bool:
    before = text[max(0, chain_start - 4):chain_start]
    if _HISTORICAL.search(before.rstrip(_SEPARATORS)):
        return True
    sentence = text[max(0, chain_start - 60):name_end + 30]
    if _PAST_CONTEXT.search(sentence):
        return True
    if until is not None:
        years = [int(y) for y in _YEAR.findall(text[max(0, chain_start - 60):name_end + 10])]
        if any(y <= until.year for y in years):
            return True
    return False


def _leader_title_hits(text: str, start: int, end: int, leader: Leader, on: date, gaz: Gazetteer
                       ) -> list[WordingHit]:
    before, chain_start = _titles_before(text, start)
    after, after_end = _title_after(text, end)
    titles = before + ([after] if after else [])
    hits = []
    for title in titles:
        if leader.holds(title, on) or leader.holds(title, on - TRANSITION_GRACE):
            continue
        held = leader.ever_held(title)
        last_end = max((o.end for o in held if o.end), default=None)
        if held and _historical(text, chain_start, end, last_end):
            continue
        wrong = text[chain_start:after_end] if after else text[chain_start:end]
        holders = gaz.holders(title, on)
        correct = f"{on.isoformat()}时{title}为{'、'.join(holders)}" if holders else f"{leader.name}未任{title}"
        terms = "；".join(f"{o.start.isoformat()}至{o.end.isoformat() if o.end else '今'}" for o in held)
        reason = (f"{leader.name}任{title}的时间为{terms}，与发布日期{on.isoformat()}不符" if held
                  else f"{leader.name}从未担任{title}")
        # long after a term ended the text more likely quotes history than forgets a change: review
        stale = last_end is not None and on > last_end + EX_TITLE_REVIEW_AFTER and all(o.start <= on for o in held)
        hits.append(WordingHit(wrong, correct, "leader_title", "needs_review" if stale else "fail", chain_start,
                               reason, leader.source,
                               {"leader": leader.name, "title": title, "judged_on": on.isoformat()}))
    return hits


def _near_context(text: str, start: int, end: int, leader: Leader) -> bool:
    if _titles_before(text, start)[0] or _title_after(text, end)[0]:
        return True
    around = text[max(0, start - 8):end + 8]
    return any(word in around for word in leader.context)


def _institution_hit(text: str, start: int, end: int, inst, on: date) -> WordingHit | None:
    if on < inst.retired:
        return None
    following = text[end:end + 1]
    if following in ("门", "分", "长") or inst.name.endswith("部") and following == "署":
        return None                      # 环境保护部门 is a generic "department", not the ministry
    if inst.local and start > 0 and text[start - 1] in "国省":
        return None
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    if (not before or before.isspace()) and (not after or after.isspace()):
        return None                      # a standalone entry of a link list (site template), not prose
    if _ISSUER.match(text, end):
        return None                      # the issuer in a document's title (an old 决定书 still listed)
    opening = text.rfind("《", max(0, start - 60), start)
    if opening != -1 and text.find("》", opening, start) == -1:
        return None                      # inside a document title: a rule the organ issued still cites it
    if _HISTORICAL.search(text[max(0, start - 4):start]) or _REFORM_CONTEXT.search(text[max(0, start - 40):end + 40]):
        return None
    if any(int(y) <= inst.retired.year for y in _YEAR.findall(text[max(0, start - 60):end + 20])):
        return None
    review = inst.local or inst.review_only or on < inst.retired + INSTITUTION_GRACE
    return WordingHit(inst.name, inst.successor, "institution", "needs_review" if review else "fail", start,
                      f"“{inst.name}”已于{inst.retired.isoformat()}撤销或更名为{inst.successor}",
                      inst.source, {"retired": inst.retired.isoformat(), "judged_on": on.isoformat()})


def find_wording_errors(text: str, on: date) -> list[WordingHit]:
    """All serious wording errors in ``text`` (body text published on ``on``)."""
    gaz = load_gazetteer()
    clean = blank_non_prose(text)
    hits: list[WordingHit] = []
    for end_idx, (key, payloads) in _automaton().iter(clean):
        start, end = end_idx - len(key) + 1, end_idx + 1
        for payload in payloads:
            kind = payload[0]
            if kind == "name":
                hits.extend(_leader_title_hits(clean, start, end, payload[1], on, gaz))
            elif kind == "institution":
                if (hit := _institution_hit(clean, start, end, payload[1], on)) is not None:
                    hits.append(hit)
            elif kind == "wrong_form":
                wf = payload[1]
                hits.append(WordingHit(key, wf.correct, "wrong_form",
                                       "needs_review" if wf.review_only else "fail", start,
                                       "错误写法", wf.source, {}))
    for start, wrong, entry, how in _variant_hits(clean):
        if entry.kind == "name_variant":
            if _near_context(clean, start, start + len(wrong), entry.leader):
                hits.append(WordingHit(wrong, entry.correct, "leader_name", "fail", start,
                                       f"领导人姓名错误（{how}字）", entry.leader.source,
                                       {"leader": entry.correct}))
        else:
            hits.append(WordingHit(wrong, entry.correct, "formulation", "fail", start,
                                   f"规范表述错误（{how}字）", "规范表述（词库）", {}))
    return _dedupe(hits)


_SPECIFIC = {"leader_name": 0, "leader_title": 0, "wrong_form": 1, "institution": 1, "formulation": 2}


def _dedupe(hits: list[WordingHit]) -> list[WordingHit]:
    """One hit per place: of overlapping hits the most specific (a leader's name inside a formulation)
    wins, then the longest."""
    hits.sort(key=lambda h: (_SPECIFIC[h.kind], -len(h.wrong), h.start))
    out: list[WordingHit] = []
    for h in hits:
        if any(h.start < o.start + len(o.wrong) and o.start < h.start + len(h.wrong) for o in out):
            continue
        out.append(h)
    return sorted(out, key=lambda h: h.start)


def gazetteer_version() -> str:
    return load_gazetteer().version
