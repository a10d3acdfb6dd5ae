"""No LLM: the best evidence sentence, quoted with its citation. Instant, never invents."""

from __future__ import annotations

from qa.types import Evidence

LEAD = {"ko": "보고서에 따르면: ", "en": "According to the reports: "}


def extractive_answer(evidence: list[Evidence], lang: str) -> str:
    if not evidence:
        return ""
    best = evidence[0]
    # the unit with the sentence it leans on or that leans on it; never a passage it was widened to
    text = best.quoted if best.quoted and best.text in best.quoted else best.text
    return f"{LEAD.get(lang, '')}“{text}” [{best.n}]"
