"""What a streamed answer is made of. Callers match on these types, never on strings.

A stream is: ``EvidenceReady`` (the extractive answer, at once; an English question may
get a second one once its Korean rendering has been searched, which replaces the first),
then zero or more ``Token``s (a long answer written in several passes says how far it has got
with ``Progress`` between them), possibly a ``Reset`` (the streamed text is void; ``then`` says
what follows), and exactly one ``Final``.
"""

from __future__ import annotations

from collections.abc import Generator as Gen
from dataclasses import dataclass

from qa.generators.base import Generator, Usage
from qa.stopwatch import Stopwatch
from qa.types import Answer, AnswerPath, Problem, Tokens


@dataclass(frozen=True)
class EvidenceReady:
    """The best evidence quoted with its citation, before the model writes anything."""

    answer: Answer

    @property
    def text(self) -> str:
        return self.answer.text


@dataclass(frozen=True)
class Token:
    text: str


@dataclass(frozen=True)
class Reset:
    """Discard the text streamed since the last reset: it failed verification.

    ``then`` is what comes next: the model's second try (``LLM_RETRY``), the evidence
    quoted (``EXTRACTIVE_FALLBACK``) or a refusal (``ABSTAIN``)."""

    problems: tuple[Problem, ...]
    then: AnswerPath


@dataclass(frozen=True)
class Final:
    """The answer. ``replaces_stream``: its text is not what the tokens since the last
    reset spelled out, so a surface must show ``answer.text`` in their place."""

    answer: Answer
    replaces_stream: bool


@dataclass(frozen=True)
class Progress:
    """How far an answer written in several model passes has got (a report's summary is
    condensed part by part): ``done`` of ``total`` passes of ``stage``."""

    stage: str  # "map": a part of the report condensed; "reduce": the parts condensed into one
    done: int
    total: int


AnswerEvent = EvidenceReady | Token | Progress | Reset | Final


def written(generator: Generator, messages: list[dict[str, str]], max_tokens: int, temperature: float,
            clock: Stopwatch) -> Gen[Token, None, tuple[str, Tokens]]:
    """One model pass streamed as ``Token``s (the first marks first_token); returns its text and
    the token counts the backend reported."""
    pieces: list[str] = []
    usage = Tokens()
    for piece in generator.stream(messages, max_tokens=max_tokens, temperature=temperature):
        if isinstance(piece, Usage):
            usage = Tokens(piece.prompt_tokens, piece.completion_tokens)
            continue
        clock.mark_once("first_token")
        pieces.append(piece)
        yield Token(piece)
    return "".join(pieces), usage
