"""No LLM: the best evidence sentence, quoted with its citation. Instant, never invents."""

from __future__ import annotations

from qa.types import Evidence

_LEAD = {"ko": "보고서에 따르면: ", "en": "According to the reports: "}


def extractive_answer(evidence: list[Evidence], lang: str, count: int = 1) -> str:
    """The first ``count`` units quoted, each with its [n] (a comparison quotes one per side)."""
    if not evidence:
        return ""
    return _LEAD.get(lang, "") + " ".join(f"“{e.text}” [{e.n}]" for e in evidence[:count])
