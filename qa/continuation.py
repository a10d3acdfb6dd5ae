"""A sentence is quoted with the one it leans on: "Falcon-40B가 이에 해당됨" says nothing alone,
and "… 스타트업 설립" is followed by what it announced ("그리고 이른바 ‘트랜스포머 마피아’들은 …")."""

from __future__ import annotations

import re

from index.types import UnitBatch
from ingest.korean import points_back
from qa.evidence import looks_like_an_order
from qa.rules import enabled
from qa.terms import is_korean


def shown_text(batch: UnitBatch, i: int) -> str:
    """A fragment ("이는 전년 대비 …") borrows the sentence before it, so it reads as a claim."""
    text, prev = batch.units[i].text, batch.prev_text[i]
    return f"{prev} {text}" if prev and (len(text) < 25 or _OPENS_ON_A_POINTER.match(text)) else text


def quoted_text(batch: UnitBatch, i: int) -> str:
    """Unit ``i`` as a quote of it reads, or "" when that is what the model was shown: within
    its passage, after the sentence it leans on ("Falcon-40B가 이에 해당됨") and before the one
    that leans on it, which often states what it announced ("… 스타트업 설립" / "그리고 이른바
    ‘트랜스포머 마피아’들은 …"). The model is shown the unit alone: a small model given the
    neighbours too was led astray by them as often as helped (docs/grounding.md)."""
    if not enabled("continuation") or looks_like_an_order(batch.units[i].text):
        return ""  # an order to the reader joins nothing
    own = shown_text(batch, i)
    before, after = _leaned_on(batch, i, -1), _leaned_on(batch, i, 1)
    if before is None and after is None:
        return ""
    parts = [batch.units[before].text if before is not None and batch.units[before].text not in own else "", own,
             batch.units[after].text if after is not None else ""]
    return " ".join(p for p in parts if p)


def _leaned_on(batch: UnitBatch, i: int, step: int) -> int | None:
    """The neighbour (``step`` -1 before, 1 after) that one of the two leans on, when it may be
    quoted with unit ``i`` (no order itself): prose of the same passage (a row is read by its
    cells, a neighbour across passages has another page and heading), not long, no order. A quote
    shows one unit, so a neighbour shown as a unit of its own still belongs in it."""
    j = i + step
    if not 0 <= j < len(batch.units):
        return None
    unit, other = batch.units[i], batch.units[j]
    if other.chunk_id != unit.chunk_id or {unit.kind, other.kind} - {"sentence", "item"} \
            or len(other.text) > MAX_JOINED or looks_like_an_order(other.text):
        return None
    return j if leans_back((other if step > 0 else unit).text) else None


MAX_JOINED = 200


def leans_back(sentence: str) -> bool:
    """Whether a sentence needs the one before it to be read: a Korean one by its morphemes,
    an English one by how it opens (a back-referring pronoun or a connective)."""
    if is_korean(sentence):
        return points_back(sentence)
    return bool(_LEANS_BACK.match(sentence))


_OPENS_ON_A_POINTER = re.compile(r"^(?:이는|이|그|This|These|It|which)\b")  # the reading before "continuation"
_LEANS_BACK = re.compile(r"^(?:this|these|those|it|its|they|their|such|which|however|therefore|thus|also|"
                         r"moreover|meanwhile)\b", re.IGNORECASE)
