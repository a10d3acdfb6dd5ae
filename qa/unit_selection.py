"""Evidence by what it says, not by its topic: score every indexed unit (sentence, table row,
list item) of the retrieved passages against the question and keep the few that cover it.

Features per unit (all in [0, 1]): dense similarity (e5 for Korean phrasings, USE across
languages, over the question and its Korean rendering), morpheme overlap, coverage of the
question's constraints (years, countries, names; neighbours and the section count at half),
whether the unit states a quantity of the kind asked, and the passage's retrieval rank.
The unit vectors were computed at ingest: selection embeds nothing but the question.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

import numpy as np

from index.lexical import tokenize
from index.retriever import HybridRetriever
from index.types import Hit, UnitBatch
from ingest.language import detect_language
from qa.constraints import (
    Constraints,
    coverage,
    covers_kind,
    covers_quarter,
    covers_year,
    folded,
    names_year,
    read_constraints,
    without_source,
    years_mentioned,
)
from qa.continuation import quoted_text, shown_text
from qa.countries import countries_in, country_name
from qa.evidence import looks_like_an_order
from qa.named_rows import named_rows, states_a_figure
from qa.passages import written_across
from qa.rules import enabled
from qa.selection import Selection
from qa.sides import each_alternative
from qa.subjects import (
    alternatives,
    is_proper_noun,
    subject_words,
)
from qa.terms import is_korean, terms
from qa.types import Evidence
from qa.unit_scores import (
    NAMES_A_TABLE,
    Features,
    Weights,
    boilerplate,
    collapsed,
    dense_similarity,
    lexical_overlap,
    topical,
    unit_scores,
)


class UnitSelector:
    def __init__(self, retriever: HybridRetriever, weights: Weights = Weights()) -> None:  # noqa: B008 -- frozen
        self.retriever = retriever
        self.weights = weights

    def select(self, question: str, hits: Sequence[Hit], rephrasings: Sequence[str] = ()) -> Selection:
        return self._select(question, list(hits), rephrasings)

    def _select(self, question: str, hits: list[Hit], rephrasings: Sequence[str]) -> Selection:
        batch = self.retriever.units_for([h.chunk.chunk_id for h in hits])
        if not batch.units:
            return Selection(())
        lang = detect_language(question)
        phrasings = [question, *rephrasings]
        # what the user asked, not what a small model's rendering added ("the 2024 lawsuit")
        constraints = read_constraints(question)
        by_chunk = {h.chunk.chunk_id: (rank, h) for rank, h in enumerate(hits)}
        contexts = [f"{p}\n{n}\n{by_chunk[u.chunk_id][1].chunk.section}"
                    for u, p, n in zip(batch.units, batch.prev_text, batch.next_text)]
        features = self._features([without_source(p) for p in phrasings], constraints, batch, contexts, by_chunk)
        scores = unit_scores(features, self.weights)
        about = topical(features, self.weights)
        relevant = [i for i in range(len(batch.units)) if about[i] >= about.max() - self.weights.relevant_within]
        # A hard constraint must be met by a unit itself (or its section heading): a neighbour
        # that mentions the year in passing does not make the unit about that year.
        sections = [by_chunk[u.chunk_id][1].chunk.section for u in batch.units]
        uncovered, note = _uncovered(constraints, [f"{batch.units[i].text}\n{sections[i]}" for i in relevant],
                                     [f"{u.text}\n{ctx}" for u, ctx in zip(batch.units, contexts)], lang,
                                     subject_words(question) if lang == "ko" else (),
                                     subject_keys(phrasings, constraints))
        picked = self._pick(scores, batch, rows_each=3 if features.table.any() else 1)
        year = constraints.year if enabled("side-period") else None
        picked = each_alternative(picked, scores, [u.text for u in batch.units],
                                   [alternatives(p) for p in phrasings], self.weights.limit,
                                   lambda i: year is None or names_year(f"{batch.units[i].text}\n{sections[i]}", year))
        whole = any(_CHOOSES_A_ROW.search(p) for p in phrasings)
        evidence = tuple(
            Evidence(n, _whole_table(batch, i) if whole else shown_text(batch, i),
                     by_chunk[batch.units[i].chunk_id][1], float(scores[i]), batch.units[i].unit_id,
                     "" if whole else quoted_text(batch, i))
            for n, i in enumerate(_one_per_table(batch, picked) if whole else picked, 1))
        return Selection(evidence, uncovered, note)

    def _features(self, phrasings: list[str], c: Constraints, batch: UnitBatch, contexts: list[str],
                  by_chunk: dict[str, tuple[int, Hit]]) -> Features:
        parts = {name: batch.part(name) for name, _ in batch.parts}
        queries = [(detect_language(q), self.retriever.query_vectors(q)) for q in phrasings]
        asked = [set(tokenize(q)) for q in phrasings]
        texts = [u.text for u in batch.units]
        rows = [u.kind == "row" for u in batch.units]
        return Features(
            dense=dense_similarity(parts, queries),
            lexical=lexical_overlap(asked, batch.tokens),
            # A list item states its lead's subject ("- 크롤링(4,100억개)" under a GPT-3 sentence).
            # the unit that says a name in the report's own script covers it ("Google" by 구글)
            coverage=np.array([coverage(c, f"{t}\n{_owned(c, by_chunk[u.chunk_id][1])}", ctx,
                                        near=0.8 if u.kind == "item" else 0.5, across=written_across) if c.count else 0.0
                               for t, ctx, u in zip(texts, contexts, batch.units)], dtype=np.float32),
            kind=np.array([covers_kind(t, c.kind) if c.kind else 0.0 for t in texts], dtype=np.float32),
            prior=np.array([1.0 / (1 + by_chunk[u.chunk_id][0]) for u in batch.units], dtype=np.float32),
            orders=np.array([looks_like_an_order(t) for t in texts], dtype=np.float32),
            # asked who, where or which report, its title page's lines may be the answer
            boilerplate=boilerplate(texts, [u.chunk_id for u in batch.units],
                                    [] if any(_ASKS_IDENTITY.search(q) for q in phrasings)
                                    else [_owner(by_chunk[u.chunk_id][1]) for u in batch.units],
                                    batch.tokens, rows),
            table=np.array(rows, dtype=np.float32)
            if any(NAMES_A_TABLE.search(q) for q in phrasings) else np.zeros(len(texts), dtype=np.float32),
            # a row named by the question answers a figure asked only when it states one
            named_row=named_rows(phrasings, [(u.chunk_id, u.text) if u.kind == "row" else None for u in batch.units])
            * np.array([not c.kind or states_a_figure(t) for t in texts], dtype=np.float32),
        )

    def _pick(self, scores: np.ndarray, batch: UnitBatch, rows_each: int) -> list[int]:
        """Greedy MMR over the units' vectors; stops at the limit or past the score margin.
        A passage gives at most ``per_chunk`` units, and a table ``rows_each`` rows: ten rows of
        one table would otherwise leave no room for the sentence that states the answer. Past
        ``per_chunk``, a passage gives one more while its units together stay within
        ``per_chunk_chars`` letters: slide lines and list items are short."""
        w = self.weights
        taken: dict[str, int] = {}
        length: dict[str, int] = {}
        short_lines = enabled("short-lines")
        vectors = batch.vectors / np.maximum(np.linalg.norm(batch.vectors, axis=1, keepdims=True), 1e-12)
        order = list(np.argsort(-scores, kind="stable"))
        best = float(scores[order[0]])
        picked: list[int] = []
        seen: set[str] = set()
        while order and len(picked) < w.limit:
            gains = [scores[i] - (w.diversity * max(float(vectors[i] @ vectors[j]) for j in picked) if picked else 0.0)
                     for i in order]
            k = int(np.argmax(gains))
            i = order.pop(k)
            key = collapsed(batch.units[i].text)
            unit = batch.units[i]
            cap = rows_each if unit.kind == "row" else w.per_chunk
            # short lines of one passage count as what they say together, not one by one
            full = taken.get(unit.chunk_id, 0) >= cap and (
                unit.kind == "row" or not short_lines or taken[unit.chunk_id] > cap
                or length.get(unit.chunk_id, 0) + len(unit.text) > w.per_chunk_chars)
            # the same row again with a page footer glued on is one fact, not two
            if any(_restates(key, other) for other in seen) or full:
                continue
            if picked and scores[i] < best - w.keep_within:
                break
            seen.add(key)
            taken[unit.chunk_id] = taken.get(unit.chunk_id, 0) + 1
            length[unit.chunk_id] = length.get(unit.chunk_id, 0) + len(unit.text)
            picked.append(i)
        return picked


# What names a report or its maker: 법원은 어디, 보고서 번호, which court, who published.
_ASKS_IDENTITY = re.compile(r"어디|누구|어느\s*(?:기관|법원|회사|기업|곳|단체)|번호|제목|명칭|이름|발행|작성|"
                            r"\b(?:who|whom|whose|where|title|publisher|author)\b|\bwhich\s+(?:court|company|firm|"
                            r"organi[sz]ation|institute|agency|body)\b|\b(?:report|case|document)\s+(?:number|no)\b",
                            re.IGNORECASE)


def _owner(hit: Hit) -> str:
    return f"{hit.title}\n{hit.publisher}"


def _owned(c: Constraints, hit: Hit) -> str:
    """The question's names that the unit's report is by or titled with ("KII는 … 보았나?"):
    every unit of that report speaks for them; a reference list naming the institute does not
    thereby say more."""
    owner = folded(_owner(hit))
    return " ".join(n for n in c.names if folded(n) in owner)


def _restates(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= 0.6 * len(long)


# "Which country's score went down?", "파라미터가 제일 많은 건?": the answer is a choice among a
# table's rows, so every row must be in view, not the one that reads most like the question.
_CHOOSES_A_ROW = re.compile(r"\bwhich\b|\bwho\b.*\b(?:most|least|highest|lowest|largest|smallest)\b|"
                            r"\b(?:most|least|highest|lowest|largest|smallest|biggest|fewest)\b|어느|어떤 (?:나라|국가|기업)|"
                            r"가장|제일|최고|최저|최대|최소", re.IGNORECASE)
MAX_TABLE_ROWS = 10


def _whole_table(batch: UnitBatch, i: int) -> str:
    """A row shown with every row of its table passage (caption once), when they are few."""
    unit = batch.units[i]
    if unit.kind != "row":
        return shown_text(batch, i)
    rows = [u.text for u in batch.units if u.chunk_id == unit.chunk_id and u.kind == "row"]
    if not 1 < len(rows) <= MAX_TABLE_ROWS:
        return unit.text
    caption = os.path.commonprefix(rows).split(" → ")[0]  # rows may share their label, too
    caption = caption[:caption.rfind(" ") + 1] if " " in caption else ""
    return caption.strip() + "\n" + "\n".join(r[len(caption):] for r in rows)


def _one_per_table(batch: UnitBatch, picked: list[int]) -> list[int]:
    """Shown whole, a table needs one place among the evidence, not one per row picked."""
    seen, out = set(), []
    for i in picked:
        key = batch.units[i].chunk_id if batch.units[i].kind == "row" else batch.units[i].unit_id
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


def subject_keys(phrasings: Sequence[str], c: Constraints) -> list[str]:
    """The casefolded names of every phrasing's subjects, by which a unit naming an asked year
    shows that the reports speak of it: a Korean phrasing's subject nouns, an English one's
    names and nouns. A rendering in the other script names the subjects as the units of that
    script do ("dairy market" where the question said 유제품 시장)."""
    words = [subject_words(p) if is_korean(p) else sorted(terms(p).names | terms(p).nouns) for p in phrasings]
    return [k.casefold() for each in words for k in each] + [n.casefold() for n in c.names]


def _uncovered(c: Constraints, relevant: list[str], pool: list[str], lang: str, subjects: Sequence[str] = (),
               keys: Sequence[str] = ()) -> tuple[tuple[str, ...], str]:
    """The hard constraints that nothing retrieved covers: a year or a quarter that none of
    the units about the question's topic speaks of, a country no unit names, the subjects of a
    Korean question when no unit names any of them; and what those units do cover, in the
    question's language. ``keys`` are the casefolded names of every phrasing's subjects."""
    everything = "\n".join(relevant)
    text = "\n".join(pool)
    missing: list[str] = []
    notes: list[str] = []
    years = sorted(y for y in years_mentioned(everything) if 1900 < y < 2100)
    inside = bool(years) and years[0] <= (c.year or 0) <= years[-1]
    # Another year than the topical units speak of; one inside their span still stands if any
    # retrieved unit names it ("2022년 28개" among "2020~2023년" sentences).
    # Outside that span, a retrieved unit that names the year and one of the question's
    # subjects ("1957년 … 스푸트니크") shows the reports do speak of it.
    if c.year is not None and not covers_year(everything, c.year) and not (
            inside and covers_year(text, c.year)) and not any(
            names_year(t, c.year) and any(k in t.casefold() for k in keys) for t in pool):
        missing.append(str(c.year))
        if years:
            span = f"{years[0]}~{years[-1]}" if years[0] != years[-1] else str(years[0])
            notes.append(f"보고서는 {span}년을 다룹니다." if lang == "ko" else f"The reports cover {span.replace('~', '–')}.")
    if c.quarter is not None and not covers_quarter(everything, c.quarter):
        missing.append(f"Q{c.quarter}")
        notes.append(f"보고서에는 {c.quarter}분기 수치가 없습니다." if lang == "ko"
                     else f"The reports give no figures for quarter {c.quarter}.")
    found = countries_in(text)
    # A Korean question whose subjects (proper nouns, long common nouns) no retrieved passage
    # names at all is about something else than the reports. Two or more, a proper noun among
    # them, all absent, and no Latin-script name of the question found either: one
    # transliterated name (마이크로소프트) may be written in Latin letters by the report, and
    # a common noun (하드웨어) as an abbreviation (HW).
    squeezed = re.sub(r"\s+", "", text)
    absent = [w for w in subjects if re.sub(r"\s+", "", w) not in squeezed]
    folded = text.casefold()
    if (len(subjects) >= 2 and len(absent) == len(subjects) and any(is_proper_noun(w) for w in absent)
            and not any(n.casefold() in folded for n in c.names)):
        missing.extend(absent)
        notes.append(f"보고서에는 {' '.join(absent)}에 대한 내용이 없습니다.")
    for code in c.countries:
        if code not in found:
            name = country_name(code, lang)
            missing.append(name)
            notes.append(f"보고서에는 {name}에 대한 내용이 없습니다." if lang == "ko"
                         else f"The reports say nothing about {name}.")
    return tuple(missing), " ".join(notes)
