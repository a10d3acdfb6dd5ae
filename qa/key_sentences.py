"""The sentences a summary of a whole report is written from: a few from every part of it
(coverage), not the five closest to the question. A question like "요약해줘" shares nothing
with any one passage, so similarity to it would pick at random; what stands for a part is
the sentence closest to that part's own centre."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingest.types import Chunk, Unit
from qa.grounding import sentences

# Shorter units are headings, captions and slide debris; longer ones are flattened tables
# that would take a map pass to themselves.
MIN_CHARS, MAX_CHARS = 25, 420
# Two units this similar say the same thing (slides repeat their text; running headers repeat).
DUPLICATE = 0.9
# A sentence with a figure usually carries a finding; among equally central ones it goes first.
FIGURE_BONUS = 0.05
# How much closeness to the whole report counts beside closeness to the sentence's own part.
WHOLE_WEIGHT = 0.5
# A passage's first sentence often states its point (a bullet's head, a paragraph's topic).
# FIGURE_BONUS, MAX_FIGURES, WHOLE_WEIGHT, LEAD_BONUS, SUMMARY_WEIGHT and qa.summary.FINAL_SENTENCES
# were chosen on the tune split's five summaries (eval/longform.jsonl), by key points held in
# the sentences shown (a bonus within such a part, or a penalty for sentences about the report
# itself, changed nothing there and were dropped).
LEAD_BONUS = 0.1
_LETTER = re.compile(r"[^\W\d_]")
MIN_PIECE_LETTERS = 4
_FIGURES = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORD = re.compile(r"[\d.,%()~+-]+")
# A report's own summary (under a heading that says so) states its findings in brief.
_OWN_SUMMARY = re.compile(r"요약|개요|결론|핵심|주요\s*내용|summary|overview|conclusions?|key findings|highlights",
                          re.IGNORECASE)
SUMMARY_WEIGHT = 3
# Figures counted towards a unit's score, at most: a sentence dense with figures states findings.
MAX_FIGURES = 1
# Share of a unit's words that are bare figures past which it is a flattened table row.
TABLE_SHARE = 0.4
# A reference list's entries and links: where the report cites others, not what it says.
_CITATION_LIKE = re.compile(r"https?://|www\.|doi\.org|\bet al\.|(?:\b[A-Z]\.,?\s+){2}|\b[A-Z][a-z]+,\s[A-Z]\.,"
                            r"|\(\d{4}(?:\.\d{1,2})*\.?\)[.,]?\s*[“\"]|^\(.*\)$|[”\"],\s|\bAccessed\b|\barXiv\b|\bVol\.\s?\d"
                            # a table of contents' line: a title and its page
                            r"|\s/\s*\d+$|\.{4,}\s*\d+$")
# Headings of the parts that list sources or notes rather than findings, in either language.
_APPARATUS = re.compile(r"참고\s*문헌|각주|references|bibliography|works cited|목\s*차|contents", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """A contiguous stretch of the report under one heading (or one page when it has none)."""

    label: str
    units: tuple[int, ...]  # indices into the report's units, in reading order


def parts_of(units: Sequence[Unit], chunks: dict[str, Chunk], eligible: Sequence[int]) -> list[Part]:
    """The report's eligible units cut where the heading (else the page) changes."""
    out: list[tuple[str, list[int]]] = []
    for i in eligible:
        chunk = chunks[units[i].chunk_id]
        label = chunk.section or (f"p. {chunk.page}" if chunk.page else "")
        if not out or out[-1][0] != label:
            out.append((label, []))
        out[-1][1].append(i)
    return [Part(label, tuple(ids)) for label, ids in out]


def merged(parts: list[Part], count: int) -> list[Part]:
    """At most ``count`` parts: the adjacent pair smallest together is joined first, so a
    report of many short headings is still covered from end to end."""
    parts = list(parts)
    while len(parts) > max(count, 1):
        i = min(range(len(parts) - 1), key=lambda j: len(parts[j].units) + len(parts[j + 1].units))
        a, b = parts[i], parts[i + 1]
        parts[i:i + 2] = [Part(a.label, a.units + b.units)]
    return parts


def split_long(parts: list[Part], count: int) -> list[Part]:
    """A report under one heading (or a few long ones) cut into stretches of equal length,
    until there are ``count`` parts: coverage means every stretch, not every heading."""
    parts = list(parts)
    while len(parts) < count:
        i = max(range(len(parts)), key=lambda j: len(parts[j].units))
        p = parts[i]
        if len(p.units) < 4:
            break
        half = len(p.units) // 2
        parts[i:i + 1] = [Part(p.label, p.units[:half]), Part(p.label, p.units[half:])]
    return parts


def shares(sizes: Sequence[int], budget: int) -> list[int]:
    """``budget`` picks spread over parts: one each, the rest by size (largest remainder)."""
    n = len(sizes)
    if n == 0:
        return []
    base = [1 if s else 0 for s in sizes]
    left = budget - sum(base)
    total = sum(sizes)
    if left <= 0 or total == 0:
        return base
    want = [left * s / total for s in sizes]
    extra = [int(w) for w in want]
    for j in sorted(range(n), key=lambda j: extra[j] - want[j])[:left - sum(extra)]:
        extra[j] += 1
    return [min(b + e, s) for b, e, s in zip(base, extra, sizes)]


def _unit_vectors(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _figures(text: str) -> int:
    return min(len(_FIGURES.findall(text)), MAX_FIGURES)


def _reads_as_finding(unit: Unit, chunk: Chunk) -> bool:
    words = unit.text.split()
    # "2024. 2. 15." read by the answer's sentence splitter leaves pieces that say nothing
    if any(len(_LETTER.findall(piece)) < MIN_PIECE_LETTERS for piece in sentences(unit.text)):
        return False
    # mostly figures: a table the PDF flattened into a line, not a sentence about it
    figures = sum(bool(_NUMBER_WORD.fullmatch(w)) for w in words)
    return (MIN_CHARS <= len(unit.text) <= MAX_CHARS and not _CITATION_LIKE.search(unit.text)
            and not _APPARATUS.search(chunk.section.rsplit(">", 1)[-1]) and figures <= TABLE_SHARE * len(words))


def key_sentences(units: Sequence[Unit], vectors: np.ndarray, chunks: dict[str, Chunk], budget: int
                  ) -> list[int]:
    """Indices of up to ``budget`` units that stand for the report part by part, in reading
    order: in each part, the units closest to its centre (and to the report's), a near
    duplicate of one already picked skipped."""
    eligible = [i for i, u in enumerate(units) if _reads_as_finding(u, chunks[u.chunk_id])]
    sentences = [i for i in eligible if units[i].kind != "row"]
    # a table row spelled out is one cell of a finding; rows are read only when prose is scarce
    eligible = sentences if len(sentences) >= budget else eligible
    if not eligible or budget < 1:
        return []
    v = _unit_vectors(np.asarray(vectors, dtype=np.float32))
    whole = v[eligible].mean(axis=0)
    parts = split_long(merged(parts_of(units, chunks, eligible), budget), min(budget, len(eligible)) // 2 or 1)
    picked: list[int] = []
    # a part under a heading that says it summarises the report counts as SUMMARY_WEIGHT parts its size
    sizes = [len(p.units) * (SUMMARY_WEIGHT if _OWN_SUMMARY.search(p.label) else 1) for p in parts]
    for part, n in zip(parts, shares(sizes, budget)):
        ids = list(part.units)
        centre = v[ids].mean(axis=0)
        leads = {i for k, i in enumerate(ids) if k == 0 or units[i].chunk_id != units[ids[k - 1]].chunk_id}
        score = {i: float(v[i] @ centre + WHOLE_WEIGHT * v[i] @ whole) + FIGURE_BONUS * _figures(units[i].text)
                 + LEAD_BONUS * (i in leads) for i in ids}
        taken = 0
        for i in sorted(ids, key=lambda i: -score[i]):
            if taken == n:
                break
            if any(float(v[i] @ v[j]) >= DUPLICATE for j in picked):
                continue
            picked.append(i)
            taken += 1
    return sorted(picked)
