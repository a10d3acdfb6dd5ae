"""A choice between two by size ("Mistral Large or Nemotron-4 340B: which used more compute?",
"A와 B 중 더 많은 쪽은?"): the side an answer picks is held to the figures a shown unit gives
both sides. Each sentence of such an answer may be supported (both figures are in the unit)
and still pick the wrong side; only the figures tell which is larger.

A figure belongs to a side when it follows the side's name with nothing but a separator
between them ("책2(550억개)", "Mistral Large: 2.00E+25"), as lists and table rows write them.
Nothing here knows a report's subjects."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from qa.numbers import Number, normalize_numbers
from qa.subjects import alternatives

_MORE = re.compile(r"\b(?:more|most|larger|largest|higher|highest|greater|greatest|bigger|biggest)\b|"
                   r"(?:더|가장)\s*(?:많|높|크|큰)|(?:많은|높은|큰)\s*(?:쪽|것|곳)", re.IGNORECASE)
_LESS = re.compile(r"\b(?:less|least|fewer|fewest|smaller|smallest|lower|lowest)\b|"
                   r"(?:더|가장)\s*(?:적|낮|작)|(?:적은|낮은|작은)\s*(?:쪽|것|곳)", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[:(（=]?\s*")


def direction(question: str) -> int:
    """+1 when the question asks for the larger side, -1 for the smaller, 0 when it asks neither
    or both."""
    more, less = bool(_MORE.search(question)), bool(_LESS.search(question))
    return 0 if more == less else (1 if more else -1)


def _name(side: str) -> re.Pattern[str]:
    """A side's name as written, not the start of another ("책1" is not 책10's)."""
    return re.compile(re.escape(side) + (r"(?!\d)" if side[-1:].isdigit() else ""), re.IGNORECASE)


def figure_of(text: str, side: str) -> Number | None:
    """The figure ``text`` gives right after ``side``'s name, if any."""
    for m in _name(side).finditer(text):
        rest = text[m.end():m.end() + 40]
        after = rest[_SEPARATOR.match(rest).end():]
        found = normalize_numbers(after)
        if found and found[0].start == 0 and found[0].kind != "rank":
            return found[0]
    return None


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
        named = [s for s in sides if _name(s).search(answer)]
        if len(named) != 1:
            continue
        chosen = named[0]
        other = sides[1] if chosen == sides[0] else sides[0]
        for texts in (cited, shown):
            # both figures from one line: a whole table shown as one unit has a row per line,
            # and a side's blank cell must not borrow another row's figure
            pairs = [(a, b, n) for n, t in texts.items() for line in t.splitlines()
                     if (a := figure_of(line, chosen)) and (b := figure_of(line, other))
                     and a.kind == b.kind and a.value != b.value]
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
