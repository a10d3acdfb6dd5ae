"""An enumeration the answer began is finished from the passage it cites.

Reports give reasons and recommendations in order ("첫째, … 둘째, … 셋째, …", "First, …
Second, …"). A small model asked why often writes the first and stops: the answer is then a
third of what the report says, though the rest sits in the very passage it cited. The items it
left out are added in the report's own words, each cited to that passage: what they say is the
cited passage's own sentence, word for word. The answer is otherwise left as the model wrote it
(its lines, its list)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.lexical import tokenize
from ingest.sentences import split_sentences
from qa.citations import cited_numbers, strip_markers
from qa.grounding import sentences
from qa.types import Evidence

_ORDINALS = (("첫째", "첫 번째", "first", "firstly"), ("둘째", "두 번째", "second", "secondly"),
             ("셋째", "세 번째", "third", "thirdly"), ("넷째", "네 번째", "fourth", "fourthly"),
             ("다섯째", "다섯 번째", "fifth", "fifthly"), ("여섯째", "여섯 번째", "sixth", "sixthly"))
# an ordinal that opens a sentence as an enumeration's item: "둘째, ", "둘째로 ", "두 번째는 ",
# "Second, ", "Secondly, " ("Second half of 2024", "Third parties", "첫째 아이가" open no item)
_OPENER = re.compile(r"^\s*(?:[-•·*]\s*)?(?:(" + "|".join(re.escape(w) for words in _ORDINALS for w in words[:2])
                     + r")(?:(?:으로|로|는|은)(?=\s)|\s*[,，:])|(" + "|".join(re.escape(w) for words in _ORDINALS for w in words[2:])
                     + r")\s*[,，:])", re.IGNORECASE)
# how much of an item's words an answer sentence must say to have given that item, and how
# many words an item needs before saying most of them means anything ("첫째, 비용." is said by
# any sentence about costs)
_SAID = 0.6
_MIN_WORDS = 3


# ... or by its number: "1)", "(2)", "③", or "3. " before words (not a date's "2024. 2. 15.").
# A marker alone on its line ("1)" above its text, as PDFs lay it out) numbers the next sentence.
_NUMBERED = re.compile(r"^\s*(?:\(?(\d{1,2})\)(?=\s|$)|(\d{1,2})\.\s+(?!\d{1,2}\.)(?=\S)|([\u2460-\u2473]))")


@dataclass(frozen=True)
class _Opening:
    rank: int
    style: str  # how the list numbers its items: "word" ("둘째,"), "n)", "(n)" or "n." ("2. ", "②")
    marker: str  # the ordinal or number as written, with what follows it up to the item's text


def _opening(sentence: str) -> _Opening | None:
    """How an item opens: by an ordinal word or a number; None for a sentence that opens none.
    Reports number their sections "3." around items "1) 2)", and nest "(1)" in "1)": a list is
    one style."""
    if m := _OPENER.match(sentence):
        word = (m.group(1) or m.group(2)).lower()
        return _Opening(next(i for i, words in enumerate(_ORDINALS, 1) if word in words), "word", m.group(0))
    if m := _NUMBERED.match(sentence):
        marker = m.group(0)
        if m.group(3) is not None:
            # one style with "2. " (str.isdigit reads ② as a digit, and so it has been measured)
            return _Opening(ord(m.group(3)) - 0x2460 + 1, "n.", marker)
        style = "(n)" if marker.strip().startswith("(") else "n)" if m.group(1) else "n."
        return _Opening(int(m.group(1) or m.group(2)), style, marker)
    return None


def rank(sentence: str) -> int | None:
    """1 for a sentence opening "첫째," or "First," or numbered "1)", "(1)", "①", "1. "; 2 for
    "둘째,"/"Second,"/"2)" …; else None."""
    return o.rank if (o := _opening(sentence)) else None


def _text(sentence: str) -> str:
    """An item without its ordinal or number."""
    return sentence[len(o.marker):] if (o := _opening(sentence)) else sentence


def _bare(sentence: str) -> bool:
    """A number alone on its line ("1)" above its text, as PDFs lay it out)."""
    o = _opening(sentence)
    return o is not None and o.rank > 0 and not sentence[len(o.marker):].strip()


# A numbered item shorter than this, its number aside, is a heading ("4. 결론", "② 도심 노선 중복."
# over its paragraph): the list has ended, or is one of headings, no list of findings.
MIN_ITEM = 12


def items(text: str) -> list[str]:
    """The enumeration a passage holds: its sentences ranked 1, 2, … in order (the first run)."""
    out: list[str] = []
    first: _Opening | None = None
    raw = split_sentences(text)
    # a number alone on its line belongs to the sentence under it
    said = [f"{s} {raw[k + 1]}" if _bare(s) and k + 1 < len(raw) else s
            for k, s in enumerate(raw) if not (k and _bare(raw[k - 1]))]
    for sentence in said:
        o = _opening(sentence)
        if o is None or (first is not None and o.style != first.style):
            continue  # an item of another list (a section's number, a nested list)
        if o.style != "word" and len(sentence[len(o.marker):].strip()) < MIN_ITEM:
            if out:
                break
            continue
        if o.rank == len(out) + 1:
            out.append(sentence)
            first = first or o
        elif o.rank == len(out) and out and sentence != out[-1]:
            break  # a second enumeration starts over
    return out if len(out) > 1 else []


def _says(sentence: set[str], item: set[str]) -> bool:
    """Whether an answer sentence's words give an item's (its words without the ordinal)."""
    return len(item) >= _MIN_WORDS and len(item & sentence) >= _SAID * len(item)


def cite_sentence(sentence: str, n: int) -> str:
    """The sentence with its marker before its closing punctuation ("… 필요하다 [1].", "… 했다 [1].”")."""
    body = sentence.rstrip()
    end = re.search(r"[.!?。][\"'’”)\]」』]*$", body)
    return f"{body[:end.start()]} [{n}]{body[end.start():]}" if end else f"{body} [{n}]."


def finished(text: str, evidence: Sequence[Evidence]) -> str:
    """``text`` with the items it left out of an enumeration it began in a cited passage, each
    placed after the last item it gave and cited to that passage; else ``text`` as it is."""
    said = sentences(text)
    if not said:
        return text
    words = [set(tokenize(strip_markers(s))) for s in said]
    by_n = {e.n: e for e in evidence}
    added: dict[int, list[str]] = {}  # after which of the answer's sentences, what
    for n in dict.fromkeys(n for s in said for n in cited_numbers(s)):
        if n not in by_n:
            continue
        listed = items(by_n[n].text)
        # for each item, the answer's sentences that give it
        item_words = [set(tokenize(_text(item))) for item in listed]
        saying = [[k for k, w in enumerate(words) if _says(w, own)] for own in item_words]
        given = [i for i, ks in enumerate(saying) if ks]
        if not given or len(given) == len(listed):
            continue
        last = max(k for ks in saying for k in ks)
        added.setdefault(last, []).extend(cite_sentence(item, n) for i, item in enumerate(listed) if i not in given)
    if not added:
        return text
    # a list's new items on lines of their own, a paragraph's in the paragraph
    sep = "\n" if "\n" in text.strip() else " "
    pieces, copied, pos = [], 0, 0
    for k, sentence in enumerate(said):
        start = text.find(sentence, pos)
        if start < 0:
            return text  # the sentences cannot be found again in order: leave the answer alone
        pos = start + len(sentence)
        if k in added:
            pieces.append(text[copied:pos])
            pieces.extend(sep + item for item in added[k])
            copied = pos
    pieces.append(text[copied:])
    return "".join(pieces)
