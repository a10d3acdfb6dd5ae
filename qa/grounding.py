"""A draft made to stand on its evidence, sentence by sentence: each sentence is cited by a
shown unit that supports it (the model's own [n] when that unit does, else the unit that
does: a small model forgets markers), and a sentence no unit supports is dropped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.types import Hit
from qa.citations import cited_numbers, strip_markers
from qa.support import Verdict, holds_name, passage, support, terms
from qa.types import Evidence, Problem, ProblemKind

_SENTENCE_END = re.compile(r"(?<=[.!?。])((?:\s*\[\d{1,2}(?:\s*[,，]\s*\d{1,2})*\])*)\s+(?=\S)|\n+")
_MARKERS = re.compile(r"\s*\[\d{1,2}(?:\s*[,，]\s*\d{1,2})*\]")


def sentences(text: str) -> list[str]:
    """The draft's sentences, each with the markers that follow its full stop."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start:m.start()] + (m.group(1) or ""))
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if strip_markers(s).strip(" .-•*")]


def source_of(e: Evidence) -> str:
    """What a citation of ``e`` vouches for: the unit, its passage, the passage's heading and
    the report's title (a claim naming the report's publisher is supported by the catalog)."""
    chunk = e.hit.chunk
    return "\n".join((e.text, chunk.text, chunk.section or "", e.hit.title or "", e.hit.publisher or ""))


def passage_of(hit: Hit) -> str:
    """A retrieved passage as the answerability gate reads it: with its heading, title, publisher."""
    return "\n".join((hit.chunk.text, hit.chunk.section or "", hit.title or "", hit.publisher or ""))


def verdicts(claim: str, evidence: Sequence[Evidence], given: Sequence[str],
             wide: frozenset[int] = frozenset()) -> dict[int, Verdict]:
    """Each shown unit's verdict on ``claim``; a unit in ``wide`` was shown as its whole
    passage, so the passage's figures count as its own."""
    sources = {e.n: source_of(e) for e in evidence}
    # a name of the question that no shown unit holds tells no unit from another
    asked = [terms(g) for g in given]
    named = {n for a in asked for n in a.names} | {c for a in asked for c in a.countries}
    held = {n for n in named for s in sources.values()
            if (n in passage(s).terms.countries if n.isupper() and len(n) == 2 else holds_name(passage(s), n))}
    return {e.n: support(claim, sources[e.n], given, figures=None if e.n in wide else e.text, waived=named - held)
            for e in evidence}


def cite(sentence: str, n: int) -> str:
    """``sentence`` with its markers replaced by [n], before its closing punctuation."""
    body = _MARKERS.sub("", sentence).rstrip()
    m = re.search(r"[.!?。]+$", body)
    return f"{body[:m.start()]} [{n}]{m.group(0)}" if m else f"{body} [{n}]"


def ground(text: str, evidence: Sequence[Evidence], given: Sequence[str],
           wide: frozenset[int] = frozenset()) -> tuple[str, list[Problem]]:
    """The supported part of ``text``, every sentence cited by a unit that supports it, and a
    problem for each sentence dropped. Empty text when nothing is supported."""
    kept: list[str] = []
    problems: list[Problem] = []
    known = {e.n for e in evidence}
    for sentence in sentences(text):
        found = verdicts(sentence, evidence, given, wide)
        cited = [n for n in cited_numbers(sentence) if n in known]
        if cited and all(found[n].supported for n in cited):
            kept.append(sentence if len(cited) == len(cited_numbers(sentence)) else cite(sentence, cited[0]))
            continue
        holders = sorted((n for n, v in found.items() if v.supported), key=lambda n: (-found[n].found, n))
        if holders:
            kept.append(cite(sentence, holders[0]))
            continue
        body = strip_markers(sentence)
        # the nearest unit (most of the claim's terms, fewest missing) is where a retry should look
        # the nearest unit (the claim's subject first, then fewest terms missing) is where a
        # retry should look, and what a quote would show
        near = min(found, key=lambda n: (found[n].names_missing, len(found[n].missing), -found[n].found, n),
                   default=None)
        missing = found[near].missing if near is not None else ()
        where = f" in [{near}]" if near is not None else ""
        problems.append(Problem(ProblemKind.UNSUPPORTED,
                                f"no evidence states \"{body[:60]}\" ({', '.join(missing[:4])} not found{where})",
                                near if near is not None and found[near].found else None))
    return " ".join(kept), problems
