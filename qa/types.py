"""Types produced by answering: evidence, citations, verification problems, the answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from index.types import Hit


class AnswerPath(StrEnum):
    """Which path produced an answer's text (the JSON's ``path``)."""

    LLM = "llm"
    LLM_RETRY = "llm-retry"  # the model's second try, after its first failed verification
    EXTRACTIVE = "extractive"  # no model: the best evidence quoted
    EXTRACTIVE_FALLBACK = "extractive-fallback"  # both tries failed verification
    ABSTAIN = "abstain"
    CLOSED_BOOK = "closed-book"


class ProblemKind(StrEnum):
    EMPTY = "empty"
    NO_CITATION = "no-citation"
    MISSING_EVIDENCE = "missing-evidence"  # cites [n] that was never shown
    NUMBER = "number"  # a number not in the cited evidence
    CONSTRAINT = "constraint"  # the cited evidence is about another year, country, subject...
    LANGUAGE = "language"
    NO_NUMBER = "no-number"  # asked how many / what share / which rank, answered without one
    UNSUPPORTED = "unsupported"  # a sentence no shown unit supports (qa.support)
    NOT_ITS_OWN = "not-its-own"  # a figure that is the question's own, or a count for an amount or a share


@dataclass(frozen=True)
class Problem:
    """Why a model answer may not stand; ``detail`` is what the retry prompt tells the model."""

    kind: ProblemKind
    detail: str
    # Shown evidence that holds what the cited one lacks (the number, the subject): where a
    # retry should look, and what a fallback should quote.
    holder: int | None = None

    def __str__(self) -> str:
        return self.detail


@dataclass(frozen=True)
class Evidence:
    """One numbered piece of evidence shown to the generator: a sentence or a table row with its header."""

    n: int
    text: str
    hit: Hit
    score: float = 0.0
    unit_id: str = ""
    quoted: str = ""  # the unit as a quote of it reads, with the sentences it leans on (qa.continuation)


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    source: str
    page: int | None
    chunk_id: str
    quote: str
    section: str = ""  # where a page-less report (txt, md) says it

    @property
    def location(self) -> str:
        return location(self.page, self.section)


def location(page: int | None, section: str) -> str:
    """Where a quote sits, as every surface shows it: "p. 2", or the section path of a page-less report."""
    if page:
        return f"p. {page}"
    return f"§ {section}" if section else ""


@dataclass(frozen=True)
class Tokens:
    prompt: int = 0
    generated: int = 0


@dataclass(frozen=True)
class Answer:
    question: str
    language: str
    text: str
    abstained: bool
    path: AnswerPath
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    timings_ms: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    models: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[Problem, ...] = ()  # why the model's answer was set aside, when it was
    tokens: Tokens = Tokens()
    rewritten_question: str = ""
