"""When the model's drafts cannot stand: which shown unit holds what they wanted, and whether
quoting it would answer the question asked or another one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from index.types import Hit
from qa.citations import cited_numbers
from qa.constraints import period_mismatch
from qa.counted import counts_another_thing
from qa.grounding import source_of, with_heading
from qa.passages import ROW, passage, says
from qa.focus import missed_modifier
from qa.question import Question
from qa.rules import enabled
from qa.terms import is_korean, terms
from qa.types import Evidence, Problem, ProblemKind
from qa.unit_scores import is_reference


def only_mis_cited(problems: list[Problem]) -> bool:
    return bool(problems) and all(p.kind in (ProblemKind.MISSING_EVIDENCE, ProblemKind.LANGUAGE) for p in problems)


def fallback_evidence(problems: list[Problem], grounded: str, evidence: list[Evidence]) -> Evidence:
    """What to quote when the model's answer cannot stand: the unit a subject problem points
    at (it names what was asked), else the one a grounded first draft cited, else the unit
    holding the number the model wanted, else the best."""
    by_n = {e.n: e for e in evidence}
    subject = [p.holder for p in problems if p.kind is ProblemKind.CONSTRAINT and p.holder in by_n]
    number = [p.holder for p in problems if p.kind in (ProblemKind.NUMBER, ProblemKind.NO_CITATION, ProblemKind.NO_NUMBER,
                                                       ProblemKind.UNSUPPORTED) and p.holder in by_n]
    drafted = [n for n in cited_numbers(grounded) if n in by_n]
    for n in subject + drafted + number:
        return by_n[n]
    return evidence[0]


# Share of the question's words a unit must itself say to be quoted when no draft pointed at it.
QUOTE_OVERLAP = 0.5


def to_quote(asked: Question, problems: list[Problem], grounded: str, evidence: list[Evidence],
             hits: Sequence[Hit] = ()) -> Evidence | None:
    """The unit to quote when the model's drafts cannot stand, or None (a refusal). First the
    unit the problems or a grounded draft point at, unless the drafts only gave the question
    back; then the shown units that say most of the question's words themselves. Each must
    hold what is asked (``Question.answered_by``), of the year asked and the thing counted.
    Nothing is quoted after a mismatch no shown unit resolves (another year or country)."""
    if any(p.kind is ProblemKind.CONSTRAINT and p.holder is None for p in problems):
        return None
    first = fallback_evidence(problems, grounded, evidence)
    # drafts that only gave the question back point at no unit: every one is ranked alike
    pointed = None if any(p.kind is ProblemKind.NOT_ITS_OWN for p in problems) else first
    said = _shares(asked, evidence)
    others = sorted((e for e in evidence if e is not pointed and said[e.n][0] >= QUOTE_OVERLAP),
                    key=lambda e: (-said[e.n][1], e.n))
    for unit in ([pointed] if pointed else []) + others:
        if asked.form == "explanation" and ROW in unit.text:
            continue  # a table row gives figures, never the reason a "why" asks for
        if enabled("reference-quote") and is_reference(unit.text):
            continue  # an entry of a reference list names a source; quoted, it answers nothing
        read = with_heading(unit)
        if period_mismatch(asked.text, [read]) or (enabled("counted-thing") and counts_another_thing(asked.text, read)):
            continue
        # nor one whose passage never says how the question narrows what it asks ("여성 창업")
        rest = "\n".join([*(source_of(e) for e in evidence if e is not unit), *(h.chunk.text for h in hits)])
        if enabled("focus-modifier") and missed_modifier(asked.text, source_of(unit), rest):
            continue
        # the unit a draft pointed at may take the asked names from its report's other units
        # (a row's caption); a unit picked by its words alone must name them itself
        report = report_shown(unit, evidence, hits) if unit is pointed else ""
        if enabled("quote-check") and not asked.answered_by(source_of(unit), unit.text, report, unit.hit.chunk.text):
            continue
        # the sentence it is quoted with (qa.continuation) may speak of another year or thing
        beside = unit.quoted.replace(unit.text, " ")
        if unit.quoted and (period_mismatch(asked.text, [beside]) or counts_another_thing(asked.text, beside)):
            return replace(unit, quoted="")
        return unit
    return None


def _shares(asked: Question, evidence: Sequence[Evidence]) -> dict[int, tuple[float, float]]:
    """For each shown unit, the share of a phrasing's names and nouns (in the unit's script) it
    itself says, and the same share with each word weighed by how few shown units say it: a
    word every unit says tells none apart, the rarer one is what was asked."""
    units = {e.n: passage(e.text) for e in evidence}
    best = dict.fromkeys(units, (0.0, 0.0))
    for phrasing in asked.phrasings:
        t = terms(phrasing)
        words = sorted(t.names | t.nouns)
        if not words:
            continue
        held = {n: [says(p, w) for w in words] for n, p in units.items()}
        weight = [1 + len(units) - sum(h[i] for h in held.values()) for i in range(len(words))]
        for n, p in units.items():
            if is_korean(phrasing) == p.terms.korean:
                share = sum(held[n]) / len(words)
                weighed = sum(w for w, h in zip(weight, held[n]) if h) / sum(weight)
                best[n] = max(best[n], (share, weighed))
    return best


def report_shown(unit: Evidence, evidence: Sequence[Evidence], hits: Sequence[Hit] = ()) -> str:
    """What else was shown or retrieved of ``unit``'s report: its other units, each read with
    its heading and title, and its retrieved passages (a table's caption, "재무상태표", is often
    a line of the passage before the rows)."""
    doc = unit.hit.chunk.doc_id
    return "\n".join(dict.fromkeys([*(source_of(e) for e in evidence if e.n != unit.n and e.hit.chunk.doc_id == doc),
                                    *(h.chunk.text for h in hits if h.chunk.doc_id == doc)]))


# Characters of one passage shown around its unit for an answer longer than a sentence.
PASSAGE_WINDOW = 900


# Characters of passages an explanation, a summary, a list or a comparison is written from:
# a sentence alone holds a fact, not the reasons around it; more would make the prompt slow
# on a CPU (a token read costs ~15 ms).
LONG_FORM_CHARS = 2400


def as_passages(evidence: list[Evidence], budget: int = LONG_FORM_CHARS, hits: Sequence[Hit] = ()) -> list[Evidence]:
    """The passages an answer longer than a sentence is written from: the retrieved ones in
    the retriever's order, then those of the other shown units, each once, until ``budget``
    is spent. A passage is shown under the number of its best unit; one no unit was picked
    from gets a number of its own (the reasons a "why" asks for sit in the paragraph closest
    to the question, not always beside the sentences picked for its figures)."""
    best: dict[str, Evidence] = {}
    for e in evidence:
        best.setdefault(e.hit.chunk.chunk_id, e)
    fresh = max((e.n for e in evidence), default=0) + 1
    out: list[Evidence] = []
    seen: set[str] = set()
    for hit in [*hits, *(e.hit for e in evidence)]:
        if hit.chunk.chunk_id in seen:
            continue
        seen.add(hit.chunk.chunk_id)
        e = best.get(hit.chunk.chunk_id)
        if e is None:
            e, fresh = Evidence(fresh, hit.chunk.text.strip(), hit, hit.score), fresh + 1
        text = _passage(e, min(PASSAGE_WINDOW, max(budget, len(e.text))))
        if out and budget < len(e.text):
            break
        out.append(replace(e, text=text, quoted=""))
        budget -= len(text)
    return out


def _passage(e: Evidence, window: int = PASSAGE_WINDOW) -> str:
    text = e.hit.chunk.text.strip()
    if len(text) <= window:
        return text if e.text in text or len(text) > len(e.text) else e.text
    at = max(text.find(e.text[:40]), 0)
    start = max(0, at - window // 2)
    end = start + window
    # whole sentences: a window cut mid-sentence ("… 2024년 기준 공공 주택") is copied by the
    # model as it is, an unfinished claim whose every word the source holds
    if start > 0 and (m := _SENTENCE_END.search(text, start, min(at, start + window // 4) + 1)):
        start = m.end()
    if end < len(text) and (ends := [m.end() for m in _SENTENCE_END.finditer(text, max(at + len(e.text), start), end)]):
        end = ends[-1]
    return text[start:end].strip()


# Where a sentence ends in a passage: a full stop before a space, or a line's end (a Korean
# report's "… 증가함" bullet ends without one).
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")


def within_passages(shown: list[Evidence], evidence: list[Evidence]) -> list[Evidence]:
    """The shown passages and every unit inside one: a unit whose passage was shown under
    another's number is shown too, and citing it is citing what the model read."""
    chunks = {e.hit.chunk.chunk_id for e in shown}
    numbers = {e.n for e in shown}
    return shown + [e for e in evidence if e.n not in numbers and e.hit.chunk.chunk_id in chunks]
