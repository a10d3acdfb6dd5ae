"""A whole report summarised: key sentences picked from every part of it (qa.key_sentences),
condensed a few at a time (map), the condensed parts condensed once more (reduce), every
sentence cited and passed by the same support check as any answer (qa.grounding.ground);
a sentence no shown unit supports is dropped. The answer says which report it covers and
how much of it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from index.store import DocRecord, UnitRow
from index.types import Hit
from ingest.types import Chunk, Unit
from qa.citations import build_citations, cited_numbers, strip_markers
from qa.events import AnswerEvent, EvidenceReady, Final, Progress, Token
from qa.generators.base import Generator, Usage
from qa.grounding import cite, ground, sentences
from qa.prompts import answer_messages
from qa.refusal import is_refusal, tidy
from qa.stopwatch import Stopwatch
from qa.types import Answer, AnswerPath, Evidence, Problem, Tokens

# Sentences picked from a report: enough for every part to be heard, few enough that the map
# passes fit the time a reader waits (each pass reads ~BATCH_CHARS at ~15 ms a token on a CPU).
PICKED = 16
BATCH_CHARS = 1100
# Sentences a summary shows; past this many condensed sentences, a reduce pass condenses them.
FINAL_SENTENCES = 6
MAP_TOKENS, REDUCE_TOKENS = 150, 320

_MAP_ASK = {
    "ko": "위 근거의 핵심 내용을 두세 문장으로 요약하세요. 근거의 수치를 그대로 쓰고, 문장마다 [n]을 붙이세요.",
    "en": "Summarise the key points of the evidence above in two or three sentences, copying its figures; "
          "end each sentence with its [n].",
}
_REDUCE_ASK = {
    "ko": "위 근거는 한 보고서의 부분별 요약입니다. 보고서 전체의 핵심을 네다섯 문장으로 요약하세요. 문장마다 [n]을 붙이세요.",
    "en": "The evidence above summarises one report part by part. Summarise the whole report in four or five "
          "sentences, each ending with its [n].",
}


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
    when the retriever cannot hand one over or the question may span several reports."""
    from qa.report_target import target_report

    reader = getattr(retriever, "reader", None)
    if reader is None or not hasattr(reader, "report"):
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


def header(report: Report, evidence: Sequence[Evidence], lang: str) -> str:
    """Which report the summary covers, and how much of it: pages for a paged report, else parts."""
    doc = report.doc
    pages = sorted({e.hit.chunk.page for e in evidence if e.hit.chunk.page})
    title = doc.title or doc.source
    if pages and doc.n_pages > 1:
        if lang == "ko":
            return f"『{title}』 요약: 전체 {doc.n_pages}쪽 가운데 {len(pages)}쪽에서 고른 문장 {len(evidence)}개를 바탕으로"
        return f"Summary of “{title}”, from {len(evidence)} sentences picked across {len(pages)} of its {doc.n_pages} pages"
    # a page-less report's headings may share a chunk: its sentences are what can be counted
    if lang == "ko":
        return f"『{title}』 요약: 보고서 전체 문장 {len(report.units)}개 가운데 처음부터 끝까지 고른 {len(evidence)}개를 바탕으로"
    return f"Summary of “{title}”, from {len(evidence)} of its {len(report.units)} sentences, picked from beginning to end"


def body_of(text: str) -> str:
    """A summary's sentences without its header (the first paragraph, which cites nothing)."""
    head, sep, rest = text.partition("\n\n")
    return rest if sep and not cited_numbers(head) else text


def spread(kept: Sequence[Sequence[str]], limit: int) -> list[str]:
    """Up to ``limit`` sentences in reading order: in turn from each part, and when a round
    cannot reach every part, from parts evenly spaced over the report."""
    taken = [0] * len(kept)
    left = limit
    for level in range(max(map(len, kept), default=0)):
        ready = [i for i, part in enumerate(kept) if level < len(part)]
        if len(ready) > left:
            ready = [ready[round(k * (len(ready) - 1) / max(left - 1, 1))] for k in range(left)] if left else []
        for i in ready:
            taken[i] += 1
        left -= len(ready)
        if left <= 0:
            break
    return [s for part, n in zip(kept, taken) for s in part[:n]]


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
              temperature: float = 0.1) -> Iterator[AnswerEvent]:
    """The summary of ``report`` as answer events: the key sentences quoted at once, progress
    after each model pass, the reduce pass's tokens, and the checked summary."""
    clock = clock or Stopwatch()
    evidence = picked_evidence(report)
    hits = tuple({e.hit.chunk.chunk_id: e.hit for e in evidence}.values())
    base = Answer(question, lang, "", False, AnswerPath.EXTRACTIVE, hits=hits, evidence=tuple(evidence),
                  models=dict(models or {}))
    clock.mark("select")
    if not evidence:
        clock.mark("total")
        yield Final(replace(base, text=_EMPTY[lang], abstained=True, path=AnswerPath.ABSTAIN,
                            timings_ms=clock.snapshot()), True)
        return
    top = header(report, evidence, lang)
    parts = batches(evidence)
    quoted = _quoted(base, top, [[cite(e.text, e.n)] for e in evidence])
    yield EvidenceReady(quoted)
    if generator is None:
        clock.mark("total")
        yield Final(replace(quoted, timings_ms=clock.snapshot()), True)
        return
    by_n = {e.n: e for e in evidence}
    given = (question,)
    kept: list[list[str]] = []
    dropped: list[Problem] = []
    usage = Tokens()
    clock.start("generate")
    yield Progress("map", 0, len(parts))
    for i, part in enumerate(parts, 1):
        messages = answer_messages(question, part, lang)
        messages[-1]["content"] += "\n" + _MAP_ASK[lang]
        text, used = _run(generator, messages, MAP_TOKENS, temperature)
        usage = Tokens(usage.prompt + used.prompt, usage.generated + used.generated)
        supported, problems = ("", []) if is_refusal(text) else ground(text, part, given)
        dropped.extend(problems)
        kept.append(sentences(supported) if supported else [])
        yield Progress("map", i, len(parts))
    flat = [s for part in kept for s in part]
    if not flat:
        clock.stop("generate")
        # no condensed sentence stood: the key sentences themselves, a few from each part
        yield _done(quoted, top, [[cite(e.text, e.n)] for e in evidence], clock,
                    AnswerPath.EXTRACTIVE_FALLBACK, usage, dropped)
        return
    if len(flat) <= FINAL_SENTENCES:
        clock.stop("generate")
        yield _done(quoted, top, kept, clock, AnswerPath.LLM, usage, dropped)
        return
    yield Progress("reduce", 0, 1)
    shown = condensed(flat, by_n)
    messages = answer_messages(question, shown, lang)
    messages[-1]["content"] += "\n" + _REDUCE_ASK[lang]
    pieces: list[str] = []
    for piece in generator.stream(messages, max_tokens=REDUCE_TOKENS, temperature=temperature):
        if isinstance(piece, Usage):
            usage = Tokens(usage.prompt + piece.prompt_tokens, usage.generated + piece.completion_tokens)
            continue
        clock.mark_once("first_token")
        pieces.append(piece)
        yield Token(piece)
    yield Progress("reduce", 1, 1)
    clock.stop("generate")
    text = tidy("".join(pieces))
    # checked against the report's own sentences, not against the condensed ones it was shown
    supported, problems = ("", []) if is_refusal(text) else ground(text, [by_n[e.n] for e in shown], given)
    final = sentences(supported) if supported else []
    if len(final) >= 2:
        yield _done(quoted, top, [final], clock, AnswerPath.LLM, usage, dropped + problems)
    else:
        yield _done(quoted, top, kept, clock, AnswerPath.LLM, usage, dropped + problems)


_EMPTY = {"ko": "이 보고서에는 요약할 문장이 없습니다.", "en": "This report has no sentences to summarise."}


def _run(generator: Generator, messages: list[dict[str, str]], max_tokens: int, temperature: float
         ) -> tuple[str, Tokens]:
    pieces, usage = [], Tokens()
    for piece in generator.stream(messages, max_tokens=max_tokens, temperature=temperature):
        if isinstance(piece, Usage):
            usage = Tokens(piece.prompt_tokens, piece.completion_tokens)
        else:
            pieces.append(piece)
    return tidy("".join(pieces)), usage


def _quoted(base: Answer, top: str, parts: Sequence[Sequence[str]]) -> Answer:
    """The summary as its key sentences, a few from each part, each citing itself."""
    text = f"{top}\n\n" + " ".join(spread(parts, FINAL_SENTENCES))
    return replace(base, text=text, citations=build_citations(text, list(base.evidence)))


def _done(quoted: Answer, top: str, kept: Sequence[Sequence[str]], clock: Stopwatch, path: AnswerPath,
          usage: Tokens, problems: list[Problem]) -> Final:
    answer = _quoted(quoted, top, kept)
    clock.mark("total")
    return Final(replace(answer, path=path, tokens=usage, problems=tuple(problems),
                         timings_ms={"generate": 0.0, **clock.snapshot()}), True)
