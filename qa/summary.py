"""A whole report summarised: key sentences picked from every part of it (qa.key_sentences),
condensed a few at a time (map) while time allows, the condensed parts condensed once more
(reduce) when there is time and too much to show, every sentence cited and passed by the same
support check as any answer (qa.grounding.ground); a sentence no shown unit supports is
dropped. The answer says which report it covers and how much of it (qa.summary_text)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from index.store import DocRecord, UnitRow
from index.types import Hit
from ingest.types import Chunk, Unit
from qa.citations import build_citations, cited_numbers, strip_markers
from qa.events import AnswerEvent, EvidenceReady, Final, Progress, written
from qa.generators.base import Generator, Usage
from qa.grounding import cite, ground, sentences
from qa.refusal import is_refusal, tidy
from qa.stopwatch import Stopwatch
from qa.summary_text import (
    EMPTY,
    MAP_ASK,
    REDUCE_ASK,
    body_of,
    claims,
    close_to_source,
    finished,
    header,
    pass_messages,
    spread,
)
from qa.types import Answer, AnswerPath, Evidence, Problem, Tokens

__all__ = ["body_of", "report_asked", "summarize"]

# Sentences picked from a report: enough for every part to be heard, few enough that the map
# passes fit the time a reader waits. Measured on one thread of this shared machine: ~30 ms a
# prompt token read, ~200 ms a token written; a pass over ~700 characters that writes ~90
# tokens takes 20-30 s.
PICKED = 12
BATCH_CHARS = 700
# Seconds from the question within which the summary should be done (the target is a
# minute for a 40-page report on this machine; retrieval and picking take a few).
SECONDS = 50.0
# Sentences a summary shows; past this many condensed sentences, a reduce pass condenses them.
FINAL_SENTENCES = 8
MAP_TOKENS, REDUCE_TOKENS = 90, 220
REDUCE_COST = 1.5


class ReportSource(Protocol):
    """An index that can hand over one whole report (index.retriever.IndexReader)."""

    docs: Mapping[str, DocRecord]

    def report(self, doc_id: str) -> tuple[list[Chunk], list[UnitRow]]: ...


@dataclass(frozen=True)
class Report:
    doc: DocRecord
    chunks: Mapping[str, Chunk]
    units: tuple[Unit, ...]
    vectors: np.ndarray  # one row per unit, as stored at ingest


def report_asked(question: str, retriever: object) -> Report | None:
    """The whole report a summary question is about, read from the retriever's index; None
    for any other question, when the retriever cannot hand a report over, or when the
    question may span several reports."""
    from qa.form import answer_form
    from qa.report_target import target_report
    from qa.rules import enabled

    reader = getattr(retriever, "reader", None)
    if (not enabled("report-summary") or answer_form(question) != "summary" or reader is None
            or not hasattr(reader, "report")):
        return None
    doc = target_report(question, reader.docs, getattr(retriever, "doc_ids", None), retriever)  # type: ignore[arg-type]
    return read_report(reader, doc) if doc else None


def read_report(source: ReportSource, doc_id: str) -> Report:
    chunks, rows = source.report(doc_id)
    dim = rows[0].vector.shape[0] if rows else 0
    vectors = np.stack([r.vector for r in rows]) if rows else np.zeros((0, dim), dtype=np.float32)
    return Report(source.docs[doc_id], {c.chunk_id: c for c in chunks}, tuple(r.unit for r in rows), vectors)


def picked_evidence(report: Report, budget: int = PICKED) -> list[Evidence]:
    """The report's key sentences as numbered evidence, in reading order."""
    from qa.key_sentences import key_sentences

    doc = report.doc
    out = []
    for n, i in enumerate(key_sentences(report.units, report.vectors, dict(report.chunks), budget), 1):
        unit = report.units[i]
        hit = Hit(report.chunks[unit.chunk_id], 1.0, "summary", doc.title, doc.source, doc.publisher)
        out.append(Evidence(n, unit.text, hit, 1.0, unit.unit_id))
    return out


def batches(evidence: Sequence[Evidence], chars: int | None = None) -> list[list[Evidence]]:
    """Consecutive runs of evidence of at most ``chars`` characters each (one unit at least)."""
    chars = chars or BATCH_CHARS
    out: list[list[Evidence]] = []
    size = 0
    for e in evidence:
        if not out or size + len(e.text) > chars:
            out.append([])
            size = 0
        out[-1].append(e)
        size += len(e.text)
    return out


def condensed(kept: Sequence[str], by_n: Mapping[int, Evidence]) -> list[Evidence]:
    """The map passes' sentences as evidence for the reduce pass, under the number of the
    unit each was checked against, so the reduce pass's citations point at report sentences."""
    texts: dict[int, list[str]] = {}
    for s in kept:
        ns = [n for n in cited_numbers(s) if n in by_n]
        if ns:
            texts.setdefault(ns[0], []).append(strip_markers(s))
    return [replace(by_n[n], text=" ".join(t)) for n, t in sorted(texts.items())]


def summarize(question: str, lang: str, report: Report, generator: Generator | None, *,
              models: Mapping[str, str] | None = None, clock: Stopwatch | None = None,
              temperature: float = 0.1, seconds: float | None = None) -> Iterator[AnswerEvent]:
    """The summary of ``report`` as answer events: the key sentences quoted at once, progress
    after each model pass, the reduce pass's tokens, and the checked summary.

    Passes run while the next one is expected to end within ``seconds`` of the question (the
    first always runs); a part no pass reached is shown by its key sentences, which are the
    report's own words and cite themselves."""
    clock = clock or Stopwatch()
    seconds = SECONDS if seconds is None else seconds
    evidence = picked_evidence(report)
    hits = tuple({e.hit.chunk.chunk_id: e.hit for e in evidence}.values())
    base = Answer(question, lang, "", False, AnswerPath.EXTRACTIVE, hits=hits, evidence=tuple(evidence),
                  models=dict(models or {}))
    clock.mark("select")
    if not evidence:
        clock.mark("total")
        yield Final(replace(base, text=EMPTY[lang], abstained=True, path=AnswerPath.ABSTAIN,
                            timings_ms=clock.snapshot()), True)
        return
    doc = report.doc
    top = header(doc.title or doc.source, doc.n_pages, len(report.units), [e.hit.chunk for e in evidence], lang)
    own = [[_own(e) for e in part] for part in batches(evidence)]
    quoted = _shown(base, top, [[s] for part in own for s in part])
    yield EvidenceReady(quoted)
    if generator is None:
        clock.mark("total")
        yield Final(replace(quoted, timings_ms=clock.snapshot()), True)
        return
    parts = batches(evidence)
    kept: list[list[str]] = [list(p) for p in own]  # a part no pass reached keeps its own sentences
    written = 0  # sentences the passes wrote (and the checks kept)
    dropped: list[Problem] = []
    usage = Tokens()
    took: list[float] = []
    clock.start("generate")
    yield Progress("map", 0, len(parts))
    for i, part in enumerate(parts):
        if took and clock.elapsed_ms() / 1000 + max(took) > seconds:
            break  # the next pass would end past the time a reader waits
        started = clock.elapsed_ms() / 1000
        messages = pass_messages(question, part, lang, MAP_ASK[lang])
        text, used = _run(generator, messages, MAP_TOKENS, temperature)
        usage = Tokens(usage.prompt + used.prompt, usage.generated + used.generated)
        supported, problems = ("", []) if is_refusal(text) else ground(text, part, (question,))
        dropped.extend(problems)
        if stated := [c for c in claims(supported) if close_to_source(c, part)]:
            # what the pass left out of its part still speaks for the part, after the pass's words
            used = {n for s in stated for n in cited_numbers(s)}
            kept[i] = stated + [s for s, e in zip(own[i], part) if e.n not in used]
            written += len(stated)
        took.append(clock.elapsed_ms() / 1000 - started)
        yield Progress("map", i + 1, len(parts))
    flat = [s for part in kept for s in part]
    # Only the passes' own sentences can be too many: key sentences standing for a part no pass
    # reached are already the report's words. A reduce pass reads them all: ~1.5 map passes.
    if written > FINAL_SENTENCES and clock.elapsed_ms() / 1000 + REDUCE_COST * max(took) <= seconds:
        final = yield from _reduce(question, lang, flat, evidence, generator, temperature, clock)
        usage = Tokens(usage.prompt + final.usage.prompt, usage.generated + final.usage.generated)
        dropped.extend(final.problems)
        if len(final.kept) >= 2:
            kept = [final.kept]
    clock.stop("generate")
    path = AnswerPath.LLM if written else AnswerPath.EXTRACTIVE_FALLBACK
    answer = _shown(quoted, top, kept)
    clock.mark("total")
    yield Final(replace(answer, path=path, tokens=usage, problems=tuple(dropped),
                        timings_ms={"generate": 0.0, **clock.snapshot()}), True)


@dataclass(frozen=True)
class _Reduced:
    kept: list[str]
    usage: Tokens
    problems: list[Problem]


def _reduce(question: str, lang: str, flat: list[str], evidence: list[Evidence], generator: Generator,
            temperature: float, clock: Stopwatch) -> Iterator[AnswerEvent]:
    """The condensed parts condensed once more, streamed; checked against the report's own
    sentences, not against the condensed ones it was shown."""
    by_n = {e.n: e for e in evidence}
    shown = condensed(flat, by_n)
    messages = pass_messages(question, shown, lang, REDUCE_ASK[lang])
    yield Progress("reduce", 0, 1)
    raw, usage = yield from written(generator, messages, REDUCE_TOKENS, temperature, clock)
    yield Progress("reduce", 1, 1)
    text = finished(tidy(raw))
    supported, problems = ("", []) if is_refusal(text) else ground(text, [by_n[e.n] for e in shown], (question,))
    return _Reduced(claims(supported), usage, problems)


def _own(e: Evidence) -> str:
    """A key sentence in its own words, each of its sentences (as an answer's sentences are
    read) citing it and ending in a full stop: report bullets often have none, and would run
    together when shown one after another."""
    def closed(text: str) -> str:
        return text if text.rstrip()[-1:] in ".!?。" else text.rstrip() + "."

    return " ".join(cite(closed(s), e.n) for s in sentences(e.text) or [e.text])


def _run(generator: Generator, messages: list[dict[str, str]], max_tokens: int, temperature: float
         ) -> tuple[str, Tokens]:
    pieces, usage = [], Tokens()
    for piece in generator.stream(messages, max_tokens=max_tokens, temperature=temperature):
        if isinstance(piece, Usage):
            usage = Tokens(piece.prompt_tokens, piece.completion_tokens)
        else:
            pieces.append(piece)
    return finished(tidy("".join(pieces))), usage


def _shown(base: Answer, top: str, parts: Sequence[Sequence[str]]) -> Answer:
    """The summary with its header: a few sentences from each part, in reading order."""
    text = f"{top}\n\n" + " ".join(spread(parts, FINAL_SENTENCES))
    return replace(base, text=text, citations=build_citations(text, list(base.evidence)))
