"""No LLM: the best evidence sentence, quoted with its citation. Instant, never invents."""

from __future__ import annotations

from qa.types import Evidence

_LEAD = {"ko": "보고서에 따르면: ", "en": "According to the reports: "}


def extractive_answer(evidence: list[Evidence], lang: str) -> str:
    if not evidence:
        return ""
    best = evidence[0]
    return f"{_LEAD.get(lang, '')}“{best.text}” [{best.n}]"
