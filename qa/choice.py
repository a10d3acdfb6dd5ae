"""A choice between two by size ("Mistral Large or Nemotron-4 340B: which used more compute?",
"A와 B 중 더 많은 쪽은?"): the side an answer picks is held to the figures a shown unit gives
both sides. Each sentence of such an answer may be supported (both figures are in the unit)
and still pick the wrong side; only the figures tell which is larger.

A figure belongs to a side when it follows the side's name with nothing but a separator
between them ("책2(550억개)", "Mistral Large: 2.00E+25"), as lists and table rows write them.
Nothing here knows a report's subjects."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence

from qa.countries import countries_in, country_names
from qa.numbers import Number, normalize_numbers, prepare_text
from qa.rules import enabled
from qa.subjects import alternatives
from qa.terms import is_korean

_MORE = re.compile(r"\b(?:more|most|larger|largest|higher|highest|greater|greatest|bigger|biggest)\b|"
                   r"(?:더|가장)\s*(?:많|높|크|큰|컸)|(?:많은|높은|큰)\s*(?:쪽|것|곳)", re.IGNORECASE)
_LESS = re.compile(r"\b(?:less|least|fewer|fewest|smaller|smallest|lower|lowest)\b|"
                   r"(?:더|가장)\s*(?:적|낮|작)|(?:적은|낮은|작은)\s*(?:쪽|것|곳)", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[:(（=]?\s*")


def direction(question: str) -> int:
    """+1 when the question asks for the larger side, -1 for the smaller, 0 when it asks neither
    or both."""
    more, less = bool(_MORE.search(question)), bool(_LESS.search(question))
    return 0 if more == less else (1 if more else -1)


def _name(side: str) -> re.Pattern[str]:
    """A side's name as written, not the start of another ("책1" is not 책10's) nor, in Latin
    letters, a part of a word ("US" in "bonus")."""
    before = r"(?<![A-Za-z])" if side[:1].isascii() and side[:1].isalpha() else ""
    after = r"(?!\d)" if side[-1:].isdigit() else r"(?![A-Za-z])" if side[-1:].isascii() and side[-1:].isalpha() else ""
    return re.compile(before + re.escape(side) + after, re.IGNORECASE)


def figure_of(text: str, side: str) -> Number | None:
    """The figure ``text`` gives right after ``side``'s name, if any."""
    for m in _name(side).finditer(text):
        rest = text[m.end():m.end() + 40]
        after = rest[_SEPARATOR.match(rest).end():]
        found = normalize_numbers(after)
        if found and found[0].start == 0 and found[0].kind != "rank":
            return found[0]
    return None


# "갑국과 을국의 경우 각각 5.1억 달러, 2.3억 달러", "Gapland and Ruritania invested $5.1bn and
# $2.3bn respectively": figures given in the order the names were.
RESPECTIVELY = re.compile(r"각각|respectively", re.IGNORECASE)


def respective_figures(line: str, sides: Sequence[str]) -> dict[str, Number]:
    """The figures ``line`` gives in turn ("각각" before them, "respectively" after) to the
    last of ``sides`` it names before them, one each in order; {} when it gives none so."""
    word = RESPECTIVELY.search(line)
    if not word:
        return {}
    at = {s: m.start() for s in sides if (m := _name(s).search(line)) and m.start() < word.start()}
    if len(at) < 2:
        return {}
    if word.group(0) == "각각":
        run = _run(line[word.end():])
    else:  # the figures come between the last name and the word
        run = _run(line[max(at.values()):word.start()], from_end=True)
    named = sorted(at, key=at.__getitem__)[-len(run):] if len(run) >= 2 else []
    if len(named) != len(run) or len({n.kind for n in run}) != 1:
        return {}
    return dict(zip(named, run))


_BETWEEN = re.compile(r"[\s,·/]*(?:와|과|및|and)?[\s,$€₩£¥]*")


def _run(text: str, from_end: bool = False) -> list[Number]:
    """The figures ``text`` lists one after another at its start (its end), joined by nothing
    but commas and "and": "5.1억 달러, 2.3억 달러 규모" gives two."""
    prepared = prepare_text(text)
    numbers = [n for n in normalize_numbers(text) if n.kind != "rank"]
    if from_end:
        numbers = numbers[::-1]
    run: list[Number] = []
    for n in numbers:
        if run:
            gap = prepared[n.end:run[-1].start] if from_end else prepared[run[-1].end:n.start]
            if not _BETWEEN.fullmatch(gap):
                break
        run.append(n)
    return run[::-1] if from_end else run


def _pair(line: str, chosen: str, other: str) -> tuple[Number, Number] | None:
    if (a := figure_of(line, chosen)) and (b := figure_of(line, other)):
        return a, b
    if enabled("choice-said-back") and (both := respective_figures(line, [chosen, other])):
        return both[chosen], both[other]
    return None


# What a side is compared with is not the side picked: "Gapland released more than Ruritania",
# "갑국이 을국보다 많다".
COMPARED_WITH = re.compile(r"\bthan\s+[^,.;:\[\]]+|\S+보다", re.IGNORECASE)
# "B보다 많았다" needs no 더: the 보다 says which way
_THAN_KO = re.compile(r"보다\s*(?:\S+\s+)?(많|높|크|컸|큰|적|낮|작)")
# "no less than", "at least", "적어도": a floor, not a smaller side
_FLOOR = re.compile(r"\b(?:no|not)\s+(?:less|fewer|lower|smaller)\s+than\b|\bat\s+least\b|적어도", re.IGNORECASE)


def said_direction(text: str) -> int:
    """+1 when ``text`` says something is the larger, -1 the smaller, 0 when it says neither or both."""
    text = _FLOOR.sub(" ", text)
    if way := direction(text):
        return way
    m = _THAN_KO.search(text)
    return (1 if m.group(1) in "많높크컸큰" else -1) if m else 0


def picking(said: str, wanted: int, keep_unsaid: bool = False, sides: Sequence[str] = ()) -> str:
    """The words of an answer that name the side it picks, asked for the larger (``wanted`` +1)
    or the smaller (-1): what it compares with is the other side when it says the asked way
    ("Gapland released more than Ruritania") and the side picked when it says the other
    ("Ruritania released fewer than Gapland", "을국이 갑국보다 적었다"), when it names one of
    ``sides``. Said neither way ("Gapland rather than Ruritania"), the compared-with side is
    still no pick, unless ``keep_unsaid`` (the grader: such an answer states both)."""
    way = said_direction(said) if wanted else 0
    if way == wanted and way:
        return COMPARED_WITH.sub(" ", said)
    if way == -wanted and way and (compared := COMPARED_WITH.findall(said)):
        # only a side compared with is the one picked ("than that", "그보다" name none)
        if not sides or any(_name(s).search(c) or _same_country(s, c) for s in sides for c in compared):
            return " ".join(compared)
        return said
    return said if way or keep_unsaid else COMPARED_WITH.sub(" ", said)


def _same_country(side: str, answer: str) -> bool:
    """A side that is a country the answer names in the other script ("갑국" / Gapland), by one
    of its names (not by "국내", which the answer may say of anyone's home)."""
    codes = countries_in(side)
    if len(codes) != 1 or not enabled("choice-said-back"):
        return False
    other = [n for n in country_names(next(iter(codes))) if is_korean(n) != is_korean(side)]
    return any(_name(n).search(answer) for n in other)


def said_back(answer: str, question: str, masks: Callable[[str], bool]) -> str:
    """``answer`` with blanks for the stretches it repeats from ``question`` that ``masks``
    accepts (the question's choice said back, before the side picked)."""
    out = list(answer)
    for a, _, size in difflib.SequenceMatcher(None, answer, question, autojunk=False).get_matching_blocks():
        if masks(answer[a:a + size]):
            out[a:a + size] = " " * size
    return "".join(out)


def _not_said_back(answer: str, phrasing: str, sides: Sequence[str]) -> str:
    """``answer`` without the stretches it repeats from the question that name both sides: "갑국과
    을국 중 더 많이 개발한 나라는 을국입니다" picks 을국, having said the question's choice back."""
    return said_back(answer, phrasing, lambda block: all(_name(s).search(block) for s in sides))


def _settled(phrasings: Sequence[str], answer: str, cited: Mapping[int, str], shown: Mapping[int, str]
             ) -> tuple[str, Number, str, Number, int] | None:
    """(side the answer picks, its figure, the other side, its figure, the unit giving both)
    when the figures make the other side the one asked for; None when they agree with the
    answer or do not tell. The cited units are read first, then every shown unit; where
    several give both sides' figures, all must say the answer is wrong. A figure pair is read
    from one line."""
    wanted = direction(phrasings[0]) if phrasings else 0
    if not wanted:
        return None
    for phrasing in phrasings:
        sides = alternatives(phrasing)
        if len(sides) != 2:
            continue
        picked = picking(_not_said_back(answer, phrasing, sides), wanted, sides=sides) if enabled("choice-said-back") else answer
        named = [s for s in sides if _name(s).search(picked) or _same_country(s, picked)]
        if len(named) != 1:
            continue
        chosen = named[0]
        other = sides[1] if chosen == sides[0] else sides[0]
        for texts in (cited, shown):
            # both figures from one line: a whole table shown as one unit has a row per line,
            # and a side's blank cell must not borrow another row's figure
            pairs = [(a, b, n) for n, t in texts.items() for line in t.splitlines()
                     if (pair := _pair(line, chosen, other)) and (a := pair[0]).kind == (b := pair[1]).kind
                     and a.value != b.value]
            if pairs:
                break
        if pairs and all((a.value > b.value) != (wanted > 0) for a, b, _ in pairs):
            a, b, n = pairs[0]
            return chosen, a, other, b, n
    return None


def wrong_side(phrasings: Sequence[str], answer: str, cited: Mapping[int, str], shown: Mapping[int, str]) -> str:
    """Why the side the answer picks is not the one the figures give, or "" when it is, or
    when the figures do not tell."""
    if not (found := _settled(phrasings, answer, cited, shown)):
        return ""
    chosen, a, other, b, _ = found
    asked = "larger" if direction(phrasings[0]) > 0 else "smaller"
    return (f"the evidence gives {chosen} {a.written} and {other} {b.written}: "
            f"the question asks which is {asked}, and that is {other}")


def right_side(phrasings: Sequence[str], answer: str, cited: Mapping[int, str], shown: Mapping[int, str]) -> str:
    """The answer the figures give when the draft picked the other side: the side asked for with
    both figures, cited to the unit that gives them ("Birch Large (Birch Large 2.00e+25,
    Cedar-4 340B 1.80e+25) [1]."); "" when the draft's side stands or the figures do not tell."""
    if not (found := _settled(phrasings, answer, cited, shown)):
        return ""
    chosen, a, other, b, n = found
    return f"{other} ({other} {b.written}, {chosen} {a.written}) [{n}]."
