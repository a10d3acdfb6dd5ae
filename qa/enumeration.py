"""An enumeration the answer began is finished from the passage it cites.

Reports give reasons and recommendations in order ("첫째, … 둘째, … 셋째, …", "First, …
Second, …"). A small model asked why often writes the first and stops: the answer is then a
third of what the report says, though the rest sits in the very passage it cited. The items it
left out are added in the report's own words, each cited to that passage, so they are supported
by construction and still pass the same check as every other sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.lexical import tokenize
from ingest.sentences import split_sentences
from qa.citations import cited_numbers, strip_markers
from qa.grounding import sentences
from qa.types import Evidence

_ORDINALS = (("첫째", "첫 번째", "first", "firstly"), ("둘째", "두 번째", "second", "secondly"),
             ("셋째", "세 번째", "third", "thirdly"), ("넷째", "네 번째", "fourth", "fourthly"),
             ("다섯째", "다섯 번째", "fifth", "fifthly"), ("여섯째", "여섯 번째", "sixth", "sixthly"))
_OPENER = re.compile(r"^\s*(" + "|".join(re.escape(w) for words in _ORDINALS for w in words) + r")(?=[\s,，:])",
                     re.IGNORECASE)
# how much of an item's words an answer sentence must say to have given that item
_SAID = 0.6


def rank(sentence: str) -> int | None:
    """1 for a sentence opening "첫째," or "First,", 2 for "둘째,"/"Second," …; else None."""
    m = _OPENER.match(sentence)
    if not m:
        return None
    word = m.group(1).lower()
    return next(i for i, words in enumerate(_ORDINALS, 1) if word in words)


def items(text: str) -> list[str]:
    """The enumeration a passage holds: its sentences ranked 1, 2, … in order (the first run)."""
    out: list[str] = []
    for sentence in split_sentences(text):
        r = rank(sentence)
        if r == len(out) + 1:
            out.append(sentence)
        elif r == len(out) and out and sentence != out[-1]:
            break  # a second enumeration starts over
    return out if len(out) > 1 else []


def _said(item: str, answer_sentences: Sequence[set[str]]) -> bool:
    words = set(tokenize(_OPENER.sub("", item)))
    return bool(words) and any(len(words & s) >= _SAID * len(words) for s in answer_sentences)


def _cited(sentence: str, n: int) -> str:
    body = sentence.rstrip()
    return f"{body[:-1]} [{n}]{body[-1]}" if body[-1:] in ".!?。" else f"{body} [{n}]"


def finished(text: str, evidence: Sequence[Evidence]) -> str:
    """``text`` with the items it left out of an enumeration it began in a cited passage, each
    placed after the last item it gave and cited to that passage."""
    said = sentences(text)
    if not said:
        return text
    words = [set(tokenize(strip_markers(s))) for s in said]
    by_n = {e.n: e for e in evidence}
    for n in dict.fromkeys(n for s in said for n in cited_numbers(s)):
        if n not in by_n:
            continue
        listed = items(by_n[n].text)
        given = [i for i, item in enumerate(listed) if _said(item, words)]
        if not given or len(given) == len(listed):
            continue
        missing = [_cited(item, n) for i, item in enumerate(listed) if i not in given]
        last = max(k for k, w in enumerate(words) if any(_said(listed[i], [w]) for i in given))
        said = [*said[:last + 1], *missing, *said[last + 1:]]
        words = [set(tokenize(strip_markers(s))) for s in said]
    return " ".join(said)
