"""Settle a two-way comparison from the evidence's own figures.

"In 2018, which scored higher, A or B?" is answered by two numbers the evidence states, one
per side; a small model reading both often names the wrong side. When the unit it cites gives
a figure for each side (a table row per side read in the same column, or a ranking sentence
"A(52개), B(17개)"), the comparison is arithmetic, and an answer naming the smaller side for
"more" is wrong however well it is cited. Ranks and falls are left to the model: "higher"
means the smaller number for a rank, and the larger fall for a negative change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.constraints import (
    names_year,
    read_constraints,
    without_dates,
    years_mentioned,
)
from qa.numbers import normalize_numbers, prepare_text
from qa.subjects import (
    alternatives,
    mentions,
)
from qa.tables import (
    prose,
    table_cells,
    table_rows,
)
from qa.types import Evidence

# Comparative and superlative words: which way "wins".
_MORE = re.compile(r"\b(?:more|most|higher|highest|larger|largest|greater|greatest|bigger|biggest)\b|"
                   r"(?:더|가장|제일)\s*(?:많|높|크|큰)", re.IGNORECASE)
_LESS = re.compile(r"\b(?:fewer|fewest|less|least|lower|lowest|smaller|smallest)\b|"
                   r"(?:더|가장|제일)\s*(?:적|낮|작)|덜", re.IGNORECASE)
# Where a ranking sentence moves from one side's figure to the next.
_SEGMENT = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[;、]|\band\b|\bwhile\b|\bwhereas\b|그다음|다음으로|반면|이며|이고")
_RANK = re.compile(r"순위|\d\s*위|\brank|\bplace\b|감소|하락|줄|decreas|declin|drop|fall", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    value: float
    shown: str  # as the evidence writes it ("8건", "86.4")


@dataclass(frozen=True)
class Settled:
    """Which side the evidence favours, with the unit and the two figures that say so."""

    winner: str
    loser: str
    won: Figure
    lost: Figure
    n: int


def direction(question: str) -> int:
    """+1 when the larger figure wins ("more", "더 높은"), -1 when the smaller does, 0 when unclear."""
    more, less = bool(_MORE.search(question)), bool(_LESS.search(question))
    return 1 if more and not less else -1 if less and not more else 0


def _only_figure(text: str) -> Figure | None:
    prepared = prepare_text(without_dates(text))
    found = normalize_numbers(prepared)
    if len(found) != 1:
        return None
    number = found[0]
    # a counter the number reader does not know ("8기", "3대") stays with its figure
    counter = re.match(r"[가-힣](?![가-힣])", prepared[number.end:]) if number.kind == "number" else None
    return Figure(number.value, (prepared[number.start:number.end] + (counter.group() if counter else "")).strip())


def side_figure(text: str, side: str, other: str, year: int | None) -> Figure | None:
    """The one figure a unit gives for ``side``: the cell of its table row in the asked year's
    column (or its only figure), else the stretch of a sentence that names it and not ``other``."""
    for head, line in table_rows(text):
        # the head is the table's caption and the row's label: a caption that names the other
        # side ("A 대비 주요국") leaves the row unread rather than read as the wrong side's
        if not mentions(head, side) or mentions(head, other):
            continue
        cells = [(name, value) for name, value in table_cells(line) if normalize_numbers(without_dates(value))]
        if year is not None:
            cells = [(name, value) for name, value in cells if years_mentioned(name) == {year}]
        if len(cells) == 1:
            return _only_figure(cells[0][1])
        return None
    sentences = prose(text)
    if year is not None and not names_year(sentences, year):
        return None  # "2020~2023년 … 한국(11건)" is the period's figure, not the asked year's
    found = [f for seg in _SEGMENT.split(sentences) if mentions(seg, side) and not mentions(seg, other)
             if (f := _only_figure(seg)) is not None]
    return found[0] if len(found) == 1 else None


def settle(question: str, evidence: list[Evidence]) -> Settled | None:
    """The side the evidence's figures favour, from the first shown unit that gives one
    figure for each side (in the asked year's column, or in a sentence about that year alone)
    and whose figures differ; None when no unit does, the question does not say which way
    wins, or the figures are ranks or falls."""
    sides = alternatives(question)
    way = direction(question)
    if len(sides) != 2 or not way or _RANK.search(question):
        return None
    year = read_constraints(question).year
    a, b = sides
    for e in evidence:
        fa, fb = side_figure(e.text, a, b, year), side_figure(e.text, b, a, year)
        if fa is None or fb is None or fa.value == fb.value:
            continue
        if min(fa.value, fb.value) < 0 or _RANK.search(fa.shown + fb.shown):
            return None
        if (fa.value > fb.value) == (way > 0):
            return Settled(a, b, fa, fb, e.n)
        return Settled(b, a, fb, fa, e.n)
    return None


def names_the_loser(answer: str, settled: Settled) -> bool:
    """The answer names the side the figures say lost, and not the one that won."""
    return mentions(answer, settled.loser) and not mentions(answer, settled.winner)


def settled_answer(settled: Settled, lang: str) -> str:
    """A short answer stating the winner with both figures and the unit that gives them."""
    won, lost = _written(settled.won, lang), _written(settled.lost, lang)
    if lang == "ko":
        return f"{settled.winner}입니다({settled.winner} {won}, {settled.loser} {lost}) [{settled.n}]."
    return f"{settled.winner} ({settled.winner}: {won}; {settled.loser}: {lost}) [{settled.n}]."


def _written(figure: Figure, lang: str) -> str:
    """The figure as the evidence writes it; for an English answer from Korean evidence, its
    value ("8건" is 8, "1,750억 개" is 175,000,000,000)."""
    if lang == "ko" or not re.search(r"[가-힣]", figure.shown):
        return figure.shown
    return f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:g}"
