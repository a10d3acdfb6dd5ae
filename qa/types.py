"""Types produced by answering."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.types import Hit


@dataclass(frozen=True)
class Evidence:
    """One numbered piece of evidence shown to the generator: a sentence or a table row with its header."""

    n: int
    text: str
    hit: Hit
    score: float = 0.0


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    source: str
    page: int | None
    chunk_id: str
    quote: str
    section: str = ""  # where a page-less report (txt, md) says it


@dataclass(frozen=True)
class Answer:
    question: str
    language: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    timings_ms: dict = field(default_factory=dict)
    models: dict = field(default_factory=dict)
    path: str = ""  # which path produced the text: "llm", "llm-retry", "extractive", "closed-book", ...
    rewritten_question: str = ""
