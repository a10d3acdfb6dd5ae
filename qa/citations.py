"""Turn [n] markers into citations, and check that they point at real evidence."""

from __future__ import annotations

import re

from qa.types import Citation, Evidence

_MARKER = re.compile(r"\[(\d{1,2})(?:\s*[,，]\s*(\d{1,2}))*\]")
_ANY_MARKER = re.compile(r"\[(\d{1,2}(?:\s*[,，]\s*\d{1,2})*)\]")
# Read right after a full stop: it ends no date or number ("2021. 7. 20.", "3. 5"), so no
# sentence. The draft's sentences (qa.grounding) and a leading marker's (qa.refusal) both end so.
ENDS_NO_DATE = r"(?!(?<=\d\.)\s+\d)(?<!\d\.\s\d\.)(?<!\d\.\s\d\d\.)"


def cited_numbers(text: str) -> list[int]:
    """Numbers in [n] and [n, m] markers, in order of first appearance."""
    seen: list[int] = []
    for match in _ANY_MARKER.finditer(text):
        for part in re.split(r"[,，]", match.group(1)):
            n = int(part)
            if n not in seen:
                seen.append(n)
    return seen


def strip_markers(text: str) -> str:
    return re.sub(r"\s*" + _ANY_MARKER.pattern, "", text).strip()


def cite_only(text: str, n: int) -> str:
    """Every marker in ``text`` pointed at [n], repeats merged: "a [2] b [3]" -> "a [n] b [n]"."""
    text = _ANY_MARKER.sub(f"[{n}]", text)
    return re.sub(rf"\[{n}\](?:\s*\[{n}\])+", f"[{n}]", text)


def to_citation(ev: Evidence) -> Citation:
    return Citation(ev.n, ev.hit.title, ev.hit.source, ev.hit.chunk.page, ev.hit.chunk.chunk_id, ev.text,
                    ev.hit.chunk.section)


def build_citations(text: str, evidence: list[Evidence]) -> tuple[Citation, ...]:
    by_n = {ev.n: ev for ev in evidence}
    return tuple(to_citation(by_n[n]) for n in cited_numbers(text) if n in by_n)
