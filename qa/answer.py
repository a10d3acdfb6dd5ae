"""Answer orchestration: retrieve, pick evidence, show it at once, then let the model write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

from index.fusion import reciprocal_rank_fusion
from index.types import Hit, Retriever
from ingest.language import detect_language
from qa.citations import build_citations, to_citation
from qa.evidence import SentenceScorer, select_evidence, use_scorer
from qa.generators.extractive import extractive_answer
from qa.types import Answer

REFUSAL = {
    "ko": "제공된 보고서에는 이 질문에 답할 수 있는 내용이 없습니다.",
    "en": "The reports do not say; I found nothing in them that answers this question.",
}
# Below this evidence score the best sentence is only loosely related to the question;
# chosen on the dev set's answerable vs refusal items (README, "Refusal").
ABSTAIN_BELOW = 0.45


@dataclass(frozen=True)
class AnswerEvent:
    """``evidence``: the extractive answer, shown at once; ``token``: a piece of the model's
    answer; ``reset``: discard the streamed text (a retry or fallback follows); ``final``."""

    kind: str
    text: str = ""
    answer: Answer | None = None


class Assistant:
    def __init__(
        self,
        retriever: Retriever | None,
        llm: object | None = None,
        *,
        k: int = 5,
        evidence_limit: int = 5,
        scorer: SentenceScorer | None = use_scorer,
        abstain_below: float = ABSTAIN_BELOW,
        models: dict[str, str] | None = None,
        translate: bool = True,
    ) -> None:
        self.translate = translate
        self.retriever = retriever
        self.llm = llm
        self.k = k
        self.evidence_limit = evidence_limit
        self.scorer = scorer
        self.abstain_below = abstain_below
        self.models = models or {}

    def ask(self, question: str, *, k: int | None = None, closed_book: bool = False) -> Answer:
        final = None
        for event in self.stream(question, k=k, closed_book=closed_book):
            if event.kind == "final":
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, *, k: int | None = None, closed_book: bool = False) -> Iterator[AnswerEvent]:
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        lang = detect_language(question)
        started = time.perf_counter()
        timings: dict[str, float] = {}
        if closed_book:
            yield from self._closed_book(question, lang, started)
            return
        if self.retriever is None:
            raise ValueError("open-book answering needs a retriever")
        rephrasings = self._rephrase(question, lang)
        if rephrasings:
            timings["translate"] = _ms(started)
        hits, pool = self._retrieve([question, *rephrasings], k or self.k)
        evidence = select_evidence(question, pool, limit=self.evidence_limit, scorer=self.scorer,
                                   rephrasings=tuple(rephrasings))
        timings["retrieve"] = _ms(started)
        base = Answer(question, lang, "", False, hits=tuple(hits), evidence=tuple(evidence),
                      timings_ms=timings, models=self.models)
        if not evidence or evidence[0].score < self.abstain_below:
            timings.update(generate=0.0, total=_ms(started))
            yield AnswerEvent("final", answer=replace(base, text=REFUSAL[lang], abstained=True, path="abstain"))
            return
        extractive = extractive_answer(evidence, lang)
        yield AnswerEvent("evidence", extractive, replace(base, text=extractive, path="extractive",
                                                          citations=(to_citation(evidence[0]),)))
        if self.llm is None:
            timings.update(generate=0.0, total=_ms(started))
            yield AnswerEvent("final", answer=replace(base, text=extractive, path="extractive",
                                                      citations=(to_citation(evidence[0]),)))
            return
        gen_started = time.perf_counter()
        result = yield from self.llm.answer(question, evidence, lang, timings, started)
        timings.update(generate=_ms(gen_started), total=_ms(started))
        if result.abstained:
            yield AnswerEvent("final", answer=replace(base, text=REFUSAL[lang], abstained=True, path=result.path))
            return
        if result.text is None:
            yield AnswerEvent("reset")
            yield AnswerEvent("final", answer=replace(base, text=extractive, path="extractive-fallback",
                                                      citations=(to_citation(evidence[0]),)))
            return
        yield AnswerEvent("final", answer=replace(
            base, text=result.text, path=result.path, citations=build_citations(result.text, evidence)))

    def _rephrase(self, question: str, lang: str) -> list[str]:
        """English questions about Korean reports share few words with them; a Korean
        rendering of the question (by the same model) finds the passages BM25 and e5 miss."""
        if lang != "en" or not self.translate or self.llm is None or not hasattr(self.llm, "translate"):
            return []
        translated = self.llm.translate(question, "ko")
        return [translated] if translated else []

    def _retrieve(self, queries: list[str], k: int) -> tuple[list[Hit], list[Hit]]:
        """The hits to show (fused over the queries), and the wider pool the evidence is
        picked from: each query's hits plus what single retrievers found and fusion left out."""
        depth = k if len(queries) == 1 else k * 2
        candidates = getattr(self.retriever, "candidates", None)
        ranked, extras = [], []
        for q in queries:
            found = candidates(q, depth) if candidates else self.retriever.retrieve(q, depth)
            ranked.append(found[:depth])
            extras.extend(found[depth:])
        if len(ranked) == 1:
            hits = ranked[0]
        else:
            by_id = {h.chunk.chunk_id: h for found in ranked for h in found}
            fused = reciprocal_rank_fusion({str(i): [h.chunk.chunk_id for h in found] for i, found in enumerate(ranked)})
            hits = [replace(by_id[cid], score=score) for cid, score in fused[:k]]
        pool, seen = list(hits), {h.chunk.chunk_id for h in hits}
        for hit in [h for found in ranked for h in found[:k]] + extras:
            if hit.chunk.chunk_id not in seen:
                seen.add(hit.chunk.chunk_id)
                pool.append(hit)
        return hits, pool

    def _closed_book(self, question: str, lang: str, started: float) -> Iterator[AnswerEvent]:
        timings: dict[str, float] = {"retrieve": 0.0}
        base = Answer(question, lang, "", False, timings_ms=timings, models=self.models, path="closed-book")
        if self.llm is None:
            timings.update(generate=0.0, total=_ms(started))
            yield AnswerEvent("final", answer=replace(base, text=REFUSAL[lang], abstained=True))
            return
        gen_started = time.perf_counter()
        result = yield from self.llm.answer(question, [], lang, timings, started)
        timings.update(generate=_ms(gen_started), total=_ms(started))
        yield AnswerEvent("final", answer=replace(
            base, text=REFUSAL[lang] if result.abstained or result.text is None else result.text,
            abstained=result.abstained or result.text is None))


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def hit_to_dict(rank: int, hit: Hit) -> dict:
    return {
        "rank": rank, "chunk_id": hit.chunk.chunk_id, "title": hit.title, "source": hit.source,
        "page": hit.chunk.page, "section": hit.chunk.section, "score": round(hit.score, 5),
        "text": hit.chunk.text,
    }


def answer_to_dict(answer: Answer) -> dict:
    """The CLI's --json shape; the eval harness and the UI read the same fields."""
    return {
        "question": answer.question,
        "language": answer.language,
        "answer": answer.text,
        "abstained": answer.abstained,
        "path": answer.path,
        "citations": [
            {"n": c.n, "title": c.title, "source": c.source, "page": c.page, "section": c.section,
             "chunk_id": c.chunk_id, "quote": c.quote}
            for c in answer.citations
        ],
        "evidence": [{"n": e.n, "text": e.text, "chunk_id": e.hit.chunk.chunk_id, "score": round(e.score, 4)}
                     for e in answer.evidence],
        "hits": [hit_to_dict(i + 1, h) for i, h in enumerate(answer.hits)],
        "timings_ms": answer.timings_ms,
        "models": answer.models,
    }
