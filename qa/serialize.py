"""One JSON shape for an answer and its events: `ragqa ask --json`, the HTTP service, the
eval harness and the UI all read these."""

from __future__ import annotations

from typing import Any

from index.types import Hit
from qa.citations import cited_numbers
from qa.comparison import comparison_rows
from qa.events import AnswerEvent, EvidenceReady, Final, Progress, Reset, Token
from qa.form import answer_form
from qa.grounding import sentences
from qa.types import Answer, Citation, Problem


def hit_to_dict(rank: int, hit: Hit) -> dict[str, Any]:
    return {
        "rank": rank, "chunk_id": hit.chunk.chunk_id, "title": hit.title, "source": hit.source,
        "page": hit.chunk.page, "section": hit.chunk.section, "score": round(hit.score, 5),
        "text": hit.chunk.text,
    }


def citation_to_dict(c: Citation) -> dict[str, Any]:
    return {"n": c.n, "title": c.title, "source": c.source, "page": c.page, "section": c.section,
            "chunk_id": c.chunk_id, "quote": c.quote}


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "language": answer.language,
        "answer": answer.text,
        "abstained": answer.abstained,
        "path": answer.path.value,
        "citations": [citation_to_dict(c) for c in answer.citations],
        # each sentence with the evidence it cites; a comparison's sentences also by what they compare
        "sentences": [{"text": s, "citations": cited_numbers(s)} for s in sentences(answer.text)],
        "table": [{"item": r.item, "cells": [{"text": c, "citations": cited_numbers(c)} for c in r.cells]}
                  for r in (comparison_rows(answer.question, answer.text)
                            if answer_form(answer.question) == "comparison" else [])],
        "evidence": [{"n": e.n, "text": e.text, "chunk_id": e.hit.chunk.chunk_id, "source": e.hit.source,
                      "score": round(e.score, 4)} for e in answer.evidence],
        "hits": [hit_to_dict(i + 1, h) for i, h in enumerate(answer.hits)],
        "timings_ms": dict(answer.timings_ms),
        "models": dict(answer.models),
        "problems": [problem_to_dict(p) for p in answer.problems],
        "tokens": {"in": answer.tokens.prompt, "out": answer.tokens.generated},
    }


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return {"kind": problem.kind.value, "detail": problem.detail, "holder": problem.holder}


def event_to_dict(event: AnswerEvent) -> dict[str, Any]:
    """An event as a server-sent event's data; ``type`` names it."""
    match event:
        case EvidenceReady(answer=answer):
            return {"type": "evidence", "text": answer.text, "citations": [citation_to_dict(c) for c in answer.citations]}
        case Token(text=text):
            return {"type": "token", "text": text}
        case Progress(stage=stage, done=done, total=total):
            return {"type": "progress", "stage": stage, "done": done, "total": total}
        case Reset(problems=problems, then=then):
            return {"type": "reset", "then": then.value,
                    "problems": [problem_to_dict(p) for p in problems]}
        case Final(answer=answer, replaces_stream=replaces):
            return {"type": "final", "replaces_stream": replaces, "answer": answer_to_dict(answer)}
    raise TypeError(f"not an answer event: {event!r}")
