"""Which way a figure moved: a claim that something rose by a figure its source gives only as
a fall ("grew by 2.8%" over "2.8% 줄었다" or "-2.8%") states the figure and the opposite fact.
The support check holds figures by value; this is the sign the words around them give.
"""

from __future__ import annotations

import re

from qa.numbers import Number, normalize_numbers, prepare_text, same_quantity

FALL = re.compile(r"decreas|declin|\bfell\b|\bfall|\bdrop|\bdown\b|\blower|shr[iau]nk|reduc|contract|"
                  r"감소|하락|줄었|줄어|줄고|떨어|축소|내려|낮아", re.IGNORECASE)
RISE = re.compile(r"increas|\brose\b|\brise|\brising|\bgrew\b|\bgrow|\bgain|\bup\b|\bhigher|\bjump|\bclimb|expand|"
                  r"증가|상승|늘었|늘어|늘고|늘려|올랐|올라|확대|높아|성장", re.IGNORECASE)
# How far from a figure the word that says which way it moved may sit: Korean says it after
# the figure ("2.8% 줄었다"), English before ("fell 2.8%") or after ("a 2.8% decline").
_AFTER, _BEFORE = 12, 16


def claimed(sentence: str) -> int:
    """+1 when a sentence says a rise and no fall, -1 the reverse, 0 when it says both or neither."""
    rise, fall = bool(RISE.search(sentence)), bool(FALL.search(sentence))
    return (rise and not fall) - (fall and not rise)


def _way(text: str, x: Number) -> int:
    """Which way ``text`` says the figure ``x`` moved: its sign, else the nearest word beside it."""
    if x.value < 0 or text[max(0, x.start - 1):x.start] in ("△", "▼", "▽"):
        return -1
    if text[max(0, x.start - 1):x.start] in ("+", "▲"):
        return 1
    after = text[x.end:x.end + _AFTER]
    before = text[max(0, x.start - _BEFORE):x.start]
    for window in (after, before):
        rise, fall = RISE.search(window), FALL.search(window)
        if rise and not fall:
            return 1
        if fall and not rise:
            return -1
    return 0


def against(number: Number, way: int, source: str) -> bool:
    """Whether ``source`` gives ``number`` only as a move the other way than ``way``: every
    time it states that figure (by size), it says the figure moved the other way."""
    if not way:
        return False
    size = Number(abs(number.value), number.kind, number.start, number.end)
    text = prepare_text(source)  # where the figures' positions point
    found = [_way(text, x) for x in normalize_numbers(source)
             if same_quantity(size, Number(abs(x.value), x.kind, x.start, x.end))]
    return bool(found) and all(w == -way for w in found)
