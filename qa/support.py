"""One support check for every claim, and one coverage check for every question.

Names across scripts are matched in qa/transliteration.py. A claim is supported by a passage when the passage holds what the claim adds to the
question: its names (Korean proper nouns, Latin-script names, countries by CLDR code, months),
its numbers by value, and, when both are in one script, most of its common nouns. The
question is covered by the evidence when the evidence holds every name of some phrasing of it
(the question or its rendering) and enough of its nouns. Names cross scripts three ways:
CLDR names of countries and months (Babel), a passage's own "한글(Latin)" pairing, and a
consonant skeleton shared by a loanword and its source (네이버 / Naver, 스탠퍼드 / Stanford).

Nothing here knows a report's subjects: the same rules judge any document a user adds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from qa.numbers import Number, currency_word, echoes, normalize_numbers, same_quantity
from qa.rules import enabled
from qa.terms import ASKING, Terms, terms
from qa.transliteration import (
    first_vowels_agree,
    opens_alike,
    romanised_prefix,
    skeleton,
)
from qa.transliteration import skeletons as skeletons_of

# Share of a claim's own common nouns its passage must hold: answers add generic words
# ("기술", "대비") that no passage repeats; names and numbers are held to all.
NOUN_SHARE = 0.5


@dataclass(frozen=True)
class Verdict:
    supported: bool
    missing: tuple[str, ...] = ()  # what the passage lacks, for the retry prompt and the record
    found: float = 0  # how many of the claim's own terms the passage holds: the best holder wins
    names_missing: int = 0  # of ``missing``, the names and countries: the claim's subject


@dataclass(frozen=True)
class Passage:
    """A passage as the checks read it, prepared once."""

    text: str
    squeezed: str
    terms: Terms
    skeletons: frozenset[str]
    name_skeletons: frozenset[tuple[str, str]]  # (skeleton, name) of its proper names: two consonants and a vowel
    hangul: frozenset[tuple[str, str]]  # (skeleton, word) of its Hangul words, for a name's romanised brand
    cells: tuple[Number, ...] = ()  # table cells read with their column's or table's unit (22,300 억 원)
    latin_pairs: frozenset[tuple[str, str]] = frozenset()  # (skeleton, joined) of adjacent Latin words
    bare_cells: frozenset[float] = frozenset()  # the written values of ``cells``


_LATIN_PAIR = re.compile(r"(?<![A-Za-z])(?=([A-Za-z]{2,})[\s-]+([A-Za-z]{2,})(?![A-Za-z]))")


@functools.lru_cache(maxsize=2048)
def passage(text: str) -> Passage:
    text = unicodedata.normalize("NFC", text)
    t = terms(text)
    hangul = re.findall(r"[가-힣]{2,}", text)
    words = [w for w in t.names | t.nouns if len(w) > 1] + hangul
    skeletons = frozenset(s for w in words for s in skeletons_of(w) if len(s) >= 3)
    # A loanword of two English words is one Hangul word (파인튜닝 / fine tuning, 딥러닝 /
    # deep learning): adjacent Latin words are read joined too, long skeletons only.
    pairs = frozenset((s, w) for w in (m.group(1) + m.group(2) for m in _LATIN_PAIR.finditer(text))
                      for s in skeletons_of(w) if len(s) >= 4)
    name_skeletons = frozenset((sk, n) for n in t.names for sk in skeletons_of(n) if len(sk) >= 2)
    cells = cell_quantities(text)
    return Passage(text, squeeze(text), t, skeletons, name_skeletons,
                   frozenset((sk, w) for w in hangul if len(sk := skeleton(w)) >= 2), tuple(c for _, c in cells),
                   pairs, frozenset(v for v, _ in cells))


_ROW = " → "
_UNIT = re.compile(r"\(\s*(?:단위|units?)?\s*[:：]?\s*([^()]{1,12}?)\s*\)", re.IGNORECASE)
# A caption's bracket that is a unit alone, as English tables write one: "(GBP million)", "(%)"
_LATIN_UNIT = re.compile(r"(?=.*\w|%)(?:[A-Z]{2,3}[^\w\s()]?|[^\w\s()]{1,3})?\s*(?:thousands?|millions?|billions?|trillions?|%)?",
                         re.IGNORECASE)
_SCALE_UNIT = re.compile(r"[가-힣]|thousand|million|billion|trillion|%", re.IGNORECASE)


@functools.lru_cache(maxsize=2048)
def cell_quantities(text: str) -> tuple[tuple[float, Number], ...]:
    """The bare figures of a unit's table rows read with their unit: a column's own
    ("매출액(억 원) 2024년: 1,566") or the table's when it names one ("(단위: 억 원)"),
    each with the value as written. A report writes the unit once, above the table; a claim
    writes it with every figure."""
    out: list[tuple[float, Number]] = []
    for line in text.split("\n"):
        if _ROW not in line:
            continue
        head, row = line.split(_ROW, 1)
        named = [m.group(1) for m in _UNIT.finditer(head)
                 if re.search(r"단위|unit", m.group(0), re.IGNORECASE) or _LATIN_UNIT.fullmatch(m.group(1))]
        table = [u.strip() for u in named[0].split(",")] if named else []
        for name, _, value in (pair.partition(": ") for pair in row.split(", ")):
            value = value.strip()
            if not re.fullmatch(r"[+-]?[\d,]*\.?\d+", value):
                continue  # the figure carries its own unit, or is no figure
            own = [m.group(1).strip() for m in _UNIT.finditer(name)]
            unit = own[0] if own else table[0] if len(table) == 1 else ""
            if unit and _SCALE_UNIT.search(unit):
                word = re.sub(r"(?i)(thousand|million|billion|trillion)s\b", r"\1", unit)
                # a currency before its scale ("GBP million") is written before the figure
                money, scale = m.groups() if (m := re.match(r"([A-Z]{3}|[^\w\s]+)\s*(\w.*)$", word)) else ("", word)
                read = normalize_numbers(f"{value}{word}" if re.match(r"[가-힣%]", word) else f"{money} {value} {scale}")
                out.extend((float(value.replace(",", "")), n) for n in read)
    return tuple(out)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).casefold())


def holds_name(p: Passage, name: str) -> bool:
    key = squeeze(name)
    if not key:
        return True
    if key.isascii():
        # a whole name: "gpt-4" is not in "gpt-40", "ai" not in "said"
        if re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", p.squeezed if not key.isalpha() else
                     re.sub(r"\s+", " ", p.text.casefold())):
            return True
        if re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", p.squeezed):
            return True
    elif key in p.squeezed:
        return True
    for sk in skeletons_of(name):
        if (len(sk) >= 3 and sk in p.skeletons) or (len(sk) >= 2 and any(
                sk == other and first_vowels_agree(name, n) for other, n in p.name_skeletons)):
            return True
        # a loanword inside a compound (워싱턴포스트): long skeletons only, where chance is small
        if len(sk) >= 4 and any(sk in other for other in p.skeletons):
            return True
        if any(sk == other and opens_alike(name, joined) for other, joined in p.latin_pairs):
            return True
    if _mixed(p, name):
        return True
    # a Korean name romanised (Hangyeol / 한결연구원): the loanword skeleton reads "ng" as ㅇ
    return key.isascii() and any(romanised_prefix(name, w) for _, w in p.hangul)


# A name joined of a word and an acronym or a second word (SolarAI, DeepMind) and the same
# name as Korean writes it, the word in Hangul and the rest kept (솔라AI): names are compared
# casefolded, so the join is found where the passage's own Hangul-then-Latin word ends.
_HANGUL_THEN_LATIN = re.compile(r"([가-힣]{2,})[\s-]?([A-Za-z][A-Za-z0-9]*)")
_LATIN_NAME_TAIL = re.compile(r"^([가-힣]{2,})[\s-]?([a-z][a-z0-9]*)$", re.IGNORECASE)


def _mixed(p: Passage, name: str) -> bool:
    """Whether the passage holds ``name`` written half in the other script: the word
    transliterated (its consonants, its opening and first vowel agree) and the tail as is."""
    key = re.sub(r"[\s-]", "", name.casefold())
    if key.isascii():
        for m in _HANGUL_THEN_LATIN.finditer(p.text):
            hangul, tail = m.group(1), m.group(2).casefold()
            head = key[:-len(tail)]
            if key.endswith(tail) and len(head) >= 3 and skeleton(hangul) in skeletons_of(head) and opens_alike(hangul, head):
                return True
        return False
    if m := _LATIN_NAME_TAIL.match(name):
        hangul, tail = m.group(1), m.group(2).casefold()
        for word in re.findall(r"(?<![A-Za-z])([A-Za-z]{3,})[\s-]?" + re.escape(tail) + r"(?![a-z])", p.text, re.IGNORECASE):
            if skeleton(hangul) in skeletons_of(word) and opens_alike(hangul, word):
                return True
    return False


def holds_term(p: Passage, name: str, t: Terms) -> bool:
    """``holds_name``, or the passage holds the name written as one with its neighbours in
    ``t`` ("Silicon Valley" in 실리콘밸리), or the name is part of a romanised organisation
    whose first word opens a Hangul word of the passage ("Hanul Chemical" for 한울화학, "Saeron
    Bank" for 새론은행: the brand is spelled out, the kind of firm translated)."""
    if holds_name(p, name):
        return True
    for phrase in t.phrases:
        words = phrase.split(" ")
        if name not in words:
            continue
        # the kind of body after a name the passage holds romanised ("Haeon City" for 해온시)
        if holds_name(p, "".join(words)) or _brand(p, words[0]) or (words[0] != name and holds_name(p, words[0])):
            return True
    return False


def _brand(p: Passage, word: str) -> bool:
    sk = skeleton(word)
    return len(sk) >= 2 and any(other.startswith(sk) and len(w) > len(word) // 2 and first_vowels_agree(word, w)
                                or romanised_prefix(word, w) for other, w in p.hangul)


# Words that state a fall: the figure after them is the size of a negative change.
_DECLINE = re.compile(r"decreas|declin|\bfell\b|\bfall|\bdrop|\bdown\b|\blower|shr[iau]nk|reduc|contract|"
                      r"감소|하락|줄었|줄어|줄고|떨어|축소|내려", re.IGNORECASE)


def holds_number(p: Passage, number: Number) -> bool:
    """By value and kind; a table cell as its column's unit reads it: "161" under "예산(억 원)"
    is 161억 원, so it does not stand for "161명" (a bare number goes with any kind)."""
    if any(same_quantity(number, x) for x in p.cells):
        return True
    return any(same_quantity(number, x) for x in p.terms.numbers
               if not (x.kind == "number" != number.kind and x.value in p.bare_cells))


def _among(number: Number, numbers: Iterable[Number]) -> bool:
    return any(same_quantity(number, x) for x in numbers)


NOTHING_OWN = "nothing of its own"
# A question that asks for something (what, why, how much; "판매 대수는?"), not whether.
_ASKS_WHAT = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b|"
                        + "|".join(sorted(ASKING, key=len, reverse=True))
                        + r"|누가|어땠|뭔|이유|[은는]\s*[?？]?\s*$", re.IGNORECASE)

# Words with which a text points at itself or its source ("앞에서 설명한 것과 같다", "as the
# evidence below shows"): a sentence whose only own words are these states nothing.
_POINTING = frozenset({"설명", "내용", "다음", "아래", "근거", "자료", "보고서", "언급",
                       "explanation", "explained", "evidence", "following", "above", "below", "report", "mentioned"})

# A choice between what the question names ("A와 B 중 더 많은 쪽은?", "A or B?"): the answer is
# one of its words.
_CHOICE = re.compile(r"\s중(?:에서?)?\s|\bor\b|\bwhich\b|어느|쪽은|쪽이", re.IGNORECASE)


# --- the two checks -------------------------------------------------------------------


def support(claim: str, source: str, given: Sequence[str] = (), figures: str | None = None,
            waived: Iterable[str] = (), report: str | None = None) -> Verdict:
    """Whether ``source`` supports ``claim`` beyond what ``given`` (the question and its
    renderings) already says. Numbers are looked for in ``figures`` when given (the cited
    unit itself, not its whole passage: a neighbouring row's figure is another fact).
    ``waived``: names of the question that no shown unit holds, so that none can be told
    apart by them (the question's own wording, "X (Twitter)"). ``report``: what was shown of
    the source's report, where the question's subject must be spoken of (a table row's
    caption may be lost, its report's text is not)."""
    c = terms(claim)
    asked = [terms(g) for g in given]
    p = passage(source)
    fig = passage(figures) if figures is not None else p
    waived = set(waived)
    missing: list[str] = []
    found = 0.0
    # Names and countries are held to the passage even when the question gave them: a claim
    # about the asked subject cited to a passage about another is not supported by it.
    for name in sorted(c.names):
        if holds_term(p, name, c):
            found += 1
        elif name not in waived:
            missing.append(name)
    for code in sorted(c.countries):
        if code in p.terms.countries:
            found += 1
        elif code not in waived:
            missing.append(code)
    names_missing = len(missing)
    named = found  # names and countries the source holds: the claim's subject, when it has one
    for month in sorted(c.months - set().union(*(a.months for a in asked))):
        if month in p.terms.months:
            found += 1
        else:
            missing.append(f"month {month}")
    given_numbers = [x for a in asked for x in a.numbers]
    falls = bool(_DECLINE.search(claim))
    for number in c.numbers:
        if echoes(number, given_numbers):
            continue
        # "fell by 45.8%" is a table's "-45.8%"
        negative = falls and number.value > 0 and holds_number(fig, replace(number, value=-number.value))
        if holds_number(fig, number) or negative:
            found += 2
        else:
            missing.append(f"{number.value:g}")
    # Common nouns are compared only within one script: across languages the names and
    # numbers are what can be checked without a translation.
    if c.korean == p.terms.korean:
        said = [squeeze(g) for g in given]
        own = [n for n in c.nouns if not any(n in a.nouns for a in asked) and not any(squeeze(n) in g for g in said)
               and not (falls and _DECLINE.match(n))  # the fall is the negative figure's sign
               and not currency_word(n)]  # the currency is its figure's kind, compared with it
        held = [n for n in own if n in p.terms.nouns or squeeze(n) in p.squeezed]
        # every noun held counts towards the nearest unit, the question's own too
        found += sum(n in p.terms.nouns or squeeze(n) in p.squeezed for n in c.nouns)
        # and what the unit itself holds (not only its passage) breaks a tie
        found += 0.5 * sum(n in fig.terms.nouns for n in c.nouns)
        if len(own) >= 2 and len(held) < NOUN_SHARE * len(own):
            missing.extend(n for n in own if n not in held)
        # What the claim takes from the question is its subject when it names none the source
        # holds: a figure cited to a report about something else ("시장은 2030년에 1,554GWh",
        # from a battery report) is not its. A name held ("Dolly 모델은 …") is the subject.
        echoed = [n for n in c.nouns if n not in own]
        if enabled("topic-held") and not named and len(echoed) >= 2:
            topic = passage(report) if report is not None else p
            lost = [n for n in echoed if n not in topic.terms.nouns and squeeze(n) not in topic.squeezed]
            if len(echoed) - len(lost) < NOUN_SHARE * len(echoed):
                missing.extend(lost)
        # A claim that only restates the question ("피고가 상고했다" asked "상고했어?") states
        # nothing of its own to check: the source must say what it says.
        restated = (not [n for n in own if n not in _POINTING] and not (set(c.names) - {n for a in asked for n in a.names})
                    and not (set(c.countries) - {n for a in asked for n in a.countries})
                    and all(echoes(x, given_numbers) for x in c.numbers))
        if restated and any(_ASKS_WHAT.search(g) for g in given) and not any(_CHOICE.search(g) for g in given):
            # asked what, why or how much, a sentence with nothing of its own has not answered
            # ("… 본 이유는 [2].")
            missing.append(NOTHING_OWN)
        elif restated and given and len(c.nouns) >= 2:
            lacking = [n for n in sorted(c.nouns) if n not in p.terms.nouns and squeeze(n) not in p.squeezed]
            if len(c.nouns) - len(lacking) < NOUN_SHARE * len(c.nouns):
                missing.extend(lacking)
    if not found and not missing:
        # "as explained in [2]": a sentence none of whose terms its source holds states nothing of it
        missing.append("nothing the source says")
    return Verdict(not missing, tuple(missing), found, names_missing)
