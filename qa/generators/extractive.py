"""No LLM: the best evidence sentence, quoted with its citation. Instant, never invents."""

from __future__ import annotations

import re

from qa.types import Evidence

LEAD = {"ko": "보고서에 따르면: ", "en": "According to the reports: "}
# what extractive_answer writes: its lead, one quote, one marker
_WRITTEN = re.compile(rf"(?:{'|'.join(map(re.escape, LEAD.values()))})?“(.+)”\s*\[\d+\]\.?", re.DOTALL)


def extractive_answer(evidence: list[Evidence], lang: str) -> str:
    if not evidence:
        return ""
    best = evidence[0]
    # the unit with the sentence it leans on or that leans on it; never a passage it was widened to
    text = best.quoted if best.quoted and best.text in best.quoted else best.text
    return f"{LEAD.get(lang, '')}“{text}” [{best.n}]"


def quote_of(text: str) -> str | None:
    """The quote of an answer ``extractive_answer`` wrote, however many sentences it holds;
    None for any other text."""
    written = _WRITTEN.fullmatch(text.strip())
    return written.group(1) if written else None
