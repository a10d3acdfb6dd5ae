"""Model-written answers: stream, verify, retry once stricter, else hand back to extractive."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ingest.language import detect_language
from qa.prompts import (
    ABSTAIN_MARK,
    answer_messages,
    closed_book_messages,
    translation_messages,
)
from qa.types import Evidence
from qa.verify import PERIOD_PROBLEM, verify_answer

StreamFn = Callable[[list[dict[str, str]], int, float], Iterator[str]]

_ABSTAIN_PATTERNS = re.compile(
    r"보고서에\s*없|근거에\s*없|알\s*수\s*없|NOT IN REPORTS|not (?:in|covered by) the (?:reports|evidence)|"
    r"(?:reports|evidence|documents?) do(?:es)? not (?:say|mention|cover|contain|provide|specify|state|include|give)|"
    r"(?:is|are) not (?:provided|mentioned|given|stated|specified|available|included) in the (?:reports|evidence)|"
    r"(?:언급|명시|제시|기재)(?:되어|되지|돼)\s*있지\s*않|나와\s*있지\s*않|(?:정보|내용)(?:가|는|이)\s*없|"
    # The closed-book prompt asks for these when the model does not know.
    r"^\s*(?:모름|모릅니다|I (?:do not|don't) know)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LLMResult:
    text: str | None  # None: both tries failed verification; the caller falls back
    abstained: bool
    path: str
    problems: tuple[str, ...] = ()


class LLMGenerator:
    """Wraps any streaming chat function; the events it yields are qa.answer.AnswerEvent."""

    def __init__(self, stream_fn: StreamFn, name: str, *, max_tokens: int = 160, temperature: float = 0.1) -> None:
        self.stream_fn = stream_fn
        self.name = name
        self.max_tokens = max_tokens
        self.temperature = temperature

    def answer(self, question: str, evidence: list[Evidence], lang: str, timings: dict, started: float):
        from qa.answer import AnswerEvent

        if not evidence:
            text = yield from self._stream(closed_book_messages(question, lang), timings, started, 0.1)
            return LLMResult(text.strip(), _is_refusal(text), "closed-book")
        problems: list[str] = []
        for attempt, path in enumerate(("llm", "llm-retry")):
            if attempt:
                yield AnswerEvent("reset")
            messages = answer_messages(question, evidence, lang, "; ".join(problems))
            text = yield from self._stream(messages, timings, started, 0.0 if attempt else self.temperature)
            text = _tidy(text)
            if _is_refusal(text):
                return LLMResult(None, True, path)
            problems = verify_answer(text, evidence, lang, question)
            if not problems:
                return LLMResult(text, False, path)
        if any(p.startswith(PERIOD_PROBLEM) for p in problems):
            # Twice answered from evidence about other years: the reports do not cover the
            # year asked, and quoting the nearest sentence would answer a different question.
            return LLMResult(None, True, "llm-retry", tuple(problems))
        return LLMResult(None, False, "extractive-fallback", tuple(problems))

    def translate(self, question: str, target: str) -> str:
        """The question in the reports' language, for retrieval; "" if the model balks."""
        try:
            text = "".join(self.stream_fn(translation_messages(question, target), 60, 0.0)).strip()
        except Exception:  # retrieval must not fail because a helper call did
            return ""
        text = text.splitlines()[0].strip().strip('"“”') if text else ""
        return text if detect_language(text) == target else ""

    def _stream(self, messages: list[dict[str, str]], timings: dict, started: float, temperature: float):
        from qa.answer import AnswerEvent

        pieces: list[str] = []
        for piece in self.stream_fn(messages, self.max_tokens, temperature):
            if not pieces and "first_token" not in timings:
                timings["first_token"] = round((time.perf_counter() - started) * 1000, 1)
            pieces.append(piece)
            yield AnswerEvent("token", piece)
        return "".join(pieces)


def _is_refusal(text: str) -> bool:
    return bool(_ABSTAIN_PATTERNS.search(text)) or text.strip() in ABSTAIN_MARK.values()


def _tidy(text: str) -> str:
    """Small models sometimes echo a label or keep going with a new question."""
    text = re.sub(r"^\s*(?:답변|답|Answer)\s*[:：]\s*", "", text.strip())
    return re.split(r"\n\s*(?:질문|Question)\s*[:：]", text)[0].strip()
