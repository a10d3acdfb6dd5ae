"""Pick the few sentences and table rows that answer the question.

A small model copies whatever number sits nearest the question's words; giving it the
five best sentences (each a full claim) instead of whole chunks is what keeps it right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from index.lexical import tokenize
from index.types import Hit
from ingest.units import chunk_units
from qa.selection import Selection
from qa.types import Evidence

SentenceScorer = Callable[[str, list[str]], np.ndarray]

_NUMBER = re.compile(r"\d")
_COUNT_Q = re.compile(r"몇|얼마|how many|how much|number of|what (?:share|percent|percentage)|규모|비중|수는", re.IGNORECASE)
_RANK_Q = re.compile(r"순위|몇 위|몇위|몇 번째|rank|place|position", re.IGNORECASE)
_RANK_UNIT = re.compile(r"\d+\s*위|번째|순위|\brank", re.IGNORECASE)
# Orders addressed to the reader ("ignore all previous instructions", "~라고만 답하라")
# state no fact, so they never answer a question; ranked last, they reach the model only
# when nothing else was found (and the prompt still tells it to treat them as data).
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,30}\b(?:instructions?|rules|prompts?)\b|\byou are now\b|"
    r"^\W*system\s*:|\b(?:reply|respond|answer)\s+(?:only\s+)?(?:with\s+)?(?:only\s+)?['\"‘“]|"
    r"지시(?:를|사항을)?\s*(?:모두\s*)?무시|(?:라고|이라고)만?\s*(?:답|대답|응답)하(?:라|시오|세요)",
    re.IGNORECASE,
)
_OUR_COUNTRY = re.compile(r"우리\s?나라|대한민국")


class SentenceSelector:
    """Splits the retrieved passages into units and scores them against the question;
    ``scorer`` gives a similarity per unit (the retriever's own cross-lingual embedder)."""

    def __init__(self, scorer: SentenceScorer | None, *, limit: int = 5) -> None:
        self.scorer = scorer
        self.limit = limit

    def select(self, question: str, hits: Sequence[Hit], rephrasings: Sequence[str] = ()) -> Selection:
        return Selection(tuple(select_evidence(question, list(hits), limit=self.limit, scorer=self.scorer,
                                               rephrasings=tuple(rephrasings))))


def _labelled_units(hit: Hit) -> list[tuple[str, str]]:
    """(row label, unit): split as ingest splits, for passages that come without stored units."""
    return [(u.label, u.text) for u in chunk_units(hit.chunk)]


def select_evidence(
    question: str,
    hits: list[Hit],
    *,
    limit: int = 5,
    per_chunk: int = 2,
    scorer: SentenceScorer | None = None,
    rephrasings: tuple[str, ...] = (),
) -> list[Evidence]:
    """Score every unit of the retrieved chunks and keep the best ``limit``, best first.

    ``rephrasings`` (e.g. the question translated into the reports' language) score too:
    a unit counts as close as its closest phrasing.
    """
    phrasings = [question, *rephrasings]
    phrasing_tokens = [set(tokenize(q)) for q in phrasings]
    asked = set().union(*phrasing_tokens)
    if any(_OUR_COUNTRY.search(q) for q in phrasings):  # Kiwi splits 우리나라 into 우리 + 나라
        asked.add("한국")
    units: list[tuple[str, Hit, int]] = []
    for rank, hit in enumerate(hits):
        labelled = _labelled_units(hit)
        # A question about 한국 wants 한국's row; other countries' rows in the same table
        # only offer the small model a wrong number to copy (핀란드 → 순위: 13).
        named = [(label, u) for label, u in labelled if _row_named(label, asked)]
        units.extend((u, hit, rank) for _, u in (named or labelled))
    if not units:
        return []
    texts = [u for u, _, _ in units]
    unit_tokens = [set(tokenize(t)) for t in texts]
    lexical = np.max([[_overlap(q, u) for u in unit_tokens] for q in phrasing_tokens], axis=0)
    semantic = (np.max([scorer(q, texts) for q in phrasings], axis=0) if scorer else np.zeros(len(texts)))
    prior = np.array([1.0 / (2 + rank) for _, _, rank in units])
    bonus = np.array([_answer_type_bonus(question, t) for t in texts])
    orders = np.array([1.0 if looks_like_an_order(t) else 0.0 for t in texts])
    scores = 1.0 * semantic + 0.6 * lexical + 0.3 * prior + bonus - 2.0 * orders
    order = np.argsort(-scores, kind="stable")
    picked: list[Evidence] = []
    seen: set[str] = set()
    per_chunk_count: dict[str, int] = {}
    for i in order:
        key = re.sub(r"\s+", " ", texts[i])
        chunk_id = units[i][1].chunk.chunk_id
        # A table chunk yields many similar rows; capping each chunk keeps room for the
        # prose sentence that states the answer in words ("세 번째로 많은").
        if key in seen or per_chunk_count.get(chunk_id, 0) >= per_chunk:
            continue
        seen.add(key)
        per_chunk_count[chunk_id] = per_chunk_count.get(chunk_id, 0) + 1
        picked.append(Evidence(len(picked) + 1, texts[i], units[i][1], float(scores[i])))
        if len(picked) == limit:
            break
    return picked


def looks_like_an_order(text: str) -> bool:
    return bool(_INSTRUCTION.search(text))


def _row_named(label: str, asked: set[str]) -> bool:
    tokens = set(tokenize(label))
    return bool(tokens) and tokens <= asked


def _overlap(question: set[str], unit: set[str]) -> float:
    return len(question & unit) / len(question) if question else 0.0


def _answer_type_bonus(question: str, unit: str) -> float:
    bonus = 0.0
    if _COUNT_Q.search(question) and _NUMBER.search(unit):
        bonus += 0.1
    if _RANK_Q.search(question) and _RANK_UNIT.search(unit):
        bonus += 0.15
    return bonus
