"""A passage as the support and coverage checks read it (its terms, the skeletons of its
words, its table cells read with their units), prepared once, and whether it holds a name, a
term or a number. Names cross scripts three ways: CLDR names of countries and months (Babel),
a passage's own "한글(Latin)" pairing, and a consonant skeleton shared by a loanword and its
source (네이버 / Naver, 스탠퍼드 / Stanford), matched in qa/transliteration.py."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from qa.countries import region_names
from qa.crossing import said_in
from qa.numbers import Number, normalize_numbers, same_quantity
from qa.terms import Terms, terms
from qa.transliteration import (
    after_name,
    first_vowels_agree,
    loanword_opens,
    opens_alike,
    romanised_prefix,
    skeleton,
)
from qa.transliteration import skeletons as skeletons_of


@dataclass(frozen=True)
class Passage:
    """A passage as the checks read it, prepared once."""

    text: str
    squeezed: str
    terms: Terms
    skeletons: frozenset[tuple[str, str]]  # (skeleton, word) of its names, nouns and Hangul words
    name_skeletons: frozenset[tuple[str, str]]  # (skeleton, name) of its proper names: two consonants and a vowel
    hangul: frozenset[tuple[str, str]]  # (skeleton, word) of its Hangul words, for a name's romanised brand
    cells: tuple[Number, ...] = ()  # table cells read with their column's or table's unit (22,300 억 원)
    latin_pairs: frozenset[tuple[str, str]] = frozenset()  # (skeleton, joined) of adjacent Latin words
    bare_cells: frozenset[float] = frozenset()  # the written values of ``cells``
    folded: str = ""  # casefolded, each run of spaces one space: where a name of several words is looked for


_LATIN_PAIR = re.compile(r"(?<![A-Za-z])(?=([A-Za-z]{2,})[\s-]+([A-Za-z]{2,})(?![A-Za-z]))")


@functools.lru_cache(maxsize=2048)
def passage(text: str) -> Passage:
    text = unicodedata.normalize("NFC", text)
    t = terms(text)
    hangul = re.findall(r"[가-힣]{2,}", text)
    words = [w for w in t.names | t.nouns if len(w) > 1] + hangul
    skeletons = frozenset((s, w) for w in words for s in skeletons_of(w) if len(s) >= 3)
    # A loanword of two English words is one Hangul word (파인튜닝 / fine tuning, 딥러닝 /
    # deep learning): adjacent Latin words are read joined too, long skeletons only.
    pairs = frozenset((s, w) for w in (m.group(1) + m.group(2) for m in _LATIN_PAIR.finditer(text))
                      for s in skeletons_of(w) if len(s) >= 4)
    name_skeletons = frozenset((sk, n) for n in t.names for sk in skeletons_of(n) if len(sk) >= 2)
    cells = cell_quantities(text)
    return Passage(text, squeeze(text), t, skeletons, name_skeletons,
                   frozenset((sk, w) for w in hangul if len(sk := skeleton(w)) >= 2), tuple(c for _, c in cells),
                   pairs, frozenset(v for v, _ in cells), re.sub(r"\s+", " ", text.casefold()))


ROW = " → "  # how ingest.units spells a table row: "caption label → column: value, …"
_UNIT = re.compile(r"\(\s*(?:단위|units?)?\s*[:：]?\s*([^()]{1,12}?)\s*\)", re.IGNORECASE)
# A caption's bracket that is a unit alone, as English tables write one: "(GBP million)", "(%)"
_LATIN_UNIT = re.compile(r"(?=.*\w|%)(?:[A-Z]{2,3}[^\w\s()]?|[^\w\s()]{1,3})?\s*(?:thousands?|millions?|billions?|trillions?|%)?",
                         re.IGNORECASE)
_SCALE_UNIT = re.compile(r"[가-힣]|thousand|million|billion|trillion|%", re.IGNORECASE)


_RATE_COLUMN = re.compile(r"[률율]|비중|비율|\brate\b|\bshare\b|\bratio\b|percent", re.IGNORECASE)


@functools.lru_cache(maxsize=2048)
def cell_quantities(text: str) -> tuple[tuple[float, Number], ...]:
    """The bare figures of a unit's table rows read with their unit: a column's own
    ("매출액(억 원) 2024년: 1,566") or the table's when it names one ("(단위: 억 원)"),
    each with the value as written. A report writes the unit once, above the table; a claim
    writes it with every figure."""
    out: list[tuple[float, Number]] = []
    for line in text.split("\n"):
        if ROW not in line:
            continue
        head, row = line.split(ROW, 1)
        named = [m.group(1) for m in _UNIT.finditer(head)
                 if re.search(r"단위|unit", m.group(0), re.IGNORECASE) or _LATIN_UNIT.fullmatch(m.group(1))]
        table = [u.strip() for u in named[0].split(",")] if named else []
        for name, _, value in (pair.partition(": ") for pair in row.split(", ")):
            value = value.strip()
            if not re.fullmatch(r"[+-]?[\d,]*\.?\d+", value):
                continue  # the figure carries its own unit, or is no figure
            own = [m.group(1).strip() for m in _UNIT.finditer(name)]
            # "(단위: 억 원, %)": the share columns name their "(%)", the rest are 억 원
            amounts = [u for u in table if u != "%"]
            rate = bool(_RATE_COLUMN.search(name))  # a rate written without its "(%)" is no amount
            unit = (own[0] if own else table[0] if len(table) == 1
                    else amounts[0] if len(amounts) == 1 and not rate else "")
            if unit and _SCALE_UNIT.search(unit):
                word = re.sub(r"(?i)(thousand|million|billion|trillion)s\b", r"\1", unit)
                # a currency before its scale ("GBP million") is written before the figure
                money, scale = m.groups() if (m := re.match(r"([A-Z]{3}|[^\w\s]+)\s*(\w.*)$", word)) else ("", word)
                read = normalize_numbers(f"{value}{word}" if re.match(r"[가-힣%]", word) else f"{money} {value} {scale}")
                out.extend((float(value.replace(",", "")), n) for n in read)
    return tuple(out)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).casefold())


def says(p: Passage, word: str) -> bool:
    """Whether the passage says ``word``: one of its nouns, its letters anywhere, or a name it
    holds in either script."""
    return word in p.terms.nouns or squeeze(word) in p.squeezed or holds_name(p, word)


def written_across(name: str, text: str) -> bool:
    """Whether ``text`` holds a Latin name in Hangul (Google / 구글) or a Hangul name in Latin
    letters. A name with digits keeps them in either script (GPT-4 / GPT4): folding finds it."""
    if name.isascii() == (not re.search(r"[가-힣]", text)) or not name.replace(" ", "").isalpha():
        return False
    return holds_name(passage(text), name)


def holds_name(p: Passage, name: str) -> bool:
    key = squeeze(name)
    if not key:
        return True
    if key.isascii():
        # a whole name: "gpt-4" is not in "gpt-40", "ai" not in "said"
        whole = re.compile(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])")
        # with the spaces gone ("Open AI" holds "openai"), and a word also among words
        if whole.search(p.squeezed) or key.isalpha() and whole.search(p.folded):
            return True
        # a place named by its adjective ("Europe" in "European markets", "Asia" in "Asian")
        if key.isalpha() and len(key) >= 4 and re.search(rf"(?<![a-z]){re.escape(key)}(?:an|n|ian|ese)(?![a-z])",
                                                         p.folded):
            return True
    elif key in p.squeezed:
        return True
    for sk in skeletons_of(name):
        if (len(sk) >= 3 and any(sk == other and loanword_opens(name, w) for other, w in p.skeletons)) or (
                len(sk) >= 2 and any(sk == other and first_vowels_agree(name, n) and loanword_opens(name, n)
                                     for other, n in p.name_skeletons)):
            return True
        # a loanword inside a compound (워싱턴포스트): long skeletons only, where chance is small
        if len(sk) >= 4 and any(sk in other for other, _ in p.skeletons):
            return True
        if any(sk == other and opens_alike(name, joined) for other, joined in p.latin_pairs):
            return True
    if _mixed(p, name):
        return True
    # a Korean name romanised (Hangyeol / 한결연구원): the loanword skeleton reads "ng" as ㅇ
    if key.isascii() and any(romanised_prefix(name, w) for _, w in p.hangul):
        return True
    # a world region by its name in the other script (북미 / "North America"; CLDR via Babel)
    return any(re.search(rf"(?<![a-z]){re.escape(other.casefold())}(?![a-z])", p.folded) if other.isascii()
               else squeeze(other) in p.squeezed for other in region_names(name) if squeeze(other) != key)


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
        # the kind of body after a name the passage holds romanised ("Haeon City" for 해온시),
        # said in the passage's words, not any word after a held one ("Mark Reed" is not 마크 스미스)
        if holds_name(p, "".join(words)) or _brand(p, words[0]) or (
                words[0] != name and holds_name(p, words[0]) and _translated(p, name, words[0])):
            return True
    return _numbered_in_translation(p, name)


_NUMBERED = re.compile(r"([a-z]{3,})[\s-]?(\d{1,3})")


def _numbered_in_translation(p: Passage, name: str) -> bool:
    """A numbered name of an everyday word held in the passage's script as its translation with
    the same number after it ("Books2" by 책2): the word is read across scripts (qa.crossing),
    the number by its digits."""
    m = _NUMBERED.fullmatch(name)
    if not m or not p.terms.korean:
        return False
    word, digits = m.groups()
    there = re.findall(rf"([가-힣]+)\s?{digits}(?!\d)", p.text)
    if not there:
        return False
    return said_in(word, set(there))


def _translated(p: Passage, word: str, head: str) -> bool:
    """Whether the passage says ``word`` in Korean: among its nouns, or as what follows the
    held ``head`` inside one Hangul word (시 of 해온시, with or without its particle)."""
    tails = {t[:n] for _, w in p.hangul if (t := after_name(head, w)) for n in range(1, min(len(t), 3) + 1)}
    korean = {w for w in p.terms.nouns if re.search("[가-힣]", w)} | tails
    return bool(korean) and said_in(word, korean)


def _brand(p: Passage, word: str) -> bool:
    sk = skeleton(word)
    return len(sk) >= 2 and any(other.startswith(sk) and len(w) > len(word) // 2 and first_vowels_agree(word, w)
                                or romanised_prefix(word, w) for other, w in p.hangul)

def holds_number(p: Passage, number: Number) -> bool:
    """By value and kind; a table cell as its column's unit reads it: "161" under "예산(억 원)"
    is 161억 원, so it does not stand for "161명" (a bare number goes with any kind)."""
    if any(same_quantity(number, x) for x in p.cells):
        return True
    return any(same_quantity(number, x) for x in p.terms.numbers
               if not (x.kind == "number" != number.kind and x.value in p.bare_cells))
