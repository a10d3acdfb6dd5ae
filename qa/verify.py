"""Check a model's answer against its evidence before a reader sees it as final."""

from __future__ import annotations

import math
import re

from ingest.language import detect_language
from qa.citations import cited_numbers, strip_markers
from qa.numbers import normalize_numbers
from qa.types import Evidence


def verify_answer(answer: str, evidence: list[Evidence], lang: str, question: str = "") -> list[str]:
    """Problems found, empty when the answer may stand.

    Every [n] must name real evidence; every number must appear in the evidence it cites
    (by value, so 세 번째 = 3위 = third); the answer must be in the question's language.
    """
    problems: list[str] = []
    known = {e.n: e for e in evidence}
    cited = cited_numbers(answer)
    body = strip_markers(answer)
    if not body:
        return ["empty answer"]
    if not cited:
        problems.append("no [n] citation")
    bad = [n for n in cited if n not in known]
    if bad:
        problems.append(f"cites missing evidence {bad}")
    sources = [known[n].text for n in cited if n in known] or [e.text for e in evidence]
    allowed = [x for s in sources + [question] for x in normalize_numbers(s)]
    for number in normalize_numbers(body):
        if not any(_same(number.value, x.value) and _compatible(number.kind, x.kind) for x in allowed):
            problems.append(f"number {number.value:g} ({number.kind}) is not in the cited evidence")
    if period := period_mismatch(question, sources):
        problems.append(period)
    if detect_language(body) != lang:
        problems.append(f"not written in {'Korean' if lang == 'ko' else 'English'}")
    return problems


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SHORT_YEAR = re.compile(r"(?:[‘'’](\d{2})(?!\d))|(?:(?<![\d.,])(\d{2})년)")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*년?\s*(?:~|∼|-|–|—|부터|to|through|until)\s*((?:19|20)?\d{2})(?!\d)")
PERIOD_PROBLEM = "the cited evidence is about"


def period_mismatch(question: str, sources: list[str]) -> str:
    """A question about one year answered from evidence about other years ("2024년 투자
    규모는?" from "2023년 기준 13.9억 달러"): restating the question's year makes the
    answer look right, so it is named as a problem. Silent when the question spans a
    range or the evidence names no year."""
    asked = {int(y) for y in _YEAR.findall(question)}
    if len(asked) != 1 or _RANGE.search(question):
        return ""
    covered = years_mentioned(" ".join(sources))
    if not covered or asked <= covered:
        return ""
    return f"{PERIOD_PROBLEM} {', '.join(map(str, sorted(covered)))}, not {asked.pop()}"


def years_mentioned(text: str) -> set[int]:
    """Years a text speaks of: 2023, 2023년, '23, 23년, and every year of 2020~2023."""
    years = {int(y) for y in _YEAR.findall(text)}
    years |= {2000 + int(a or b) for a, b in _SHORT_YEAR.findall(text)}
    for start, end in _RANGE.findall(text):
        first, last = int(start), int(end) if len(end) == 4 else 2000 + int(end)
        if 0 < last - first <= 50:
            years |= set(range(first, last + 1))
    return years


def _compatible(answer_kind: str, evidence_kind: str) -> bool:
    """"11th" is not backed by "11개": a rank needs a rank (or a bare number, as in a
    table's 순위 column); a count or a percentage likewise needs its own kind or a bare number."""
    return answer_kind == "number" or evidence_kind in (answer_kind, "number")


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
