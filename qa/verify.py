"""Check a model's answer against its evidence before a reader sees it as final."""

from __future__ import annotations

import re

from ingest.language import detect_language
from qa.citations import cited_numbers, strip_markers
from qa.numbers import normalize_numbers, same_quantity
from qa.types import Evidence, Problem, ProblemKind


def verify_answer(answer: str, evidence: list[Evidence], lang: str, question: str = "") -> list[Problem]:
    """Problems found, empty when the answer may stand.

    Every [n] must name real evidence; every number must appear in the evidence it cites
    (by value, so 세 번째 = 3위 = third); the answer must be in the question's language.
    """
    problems: list[Problem] = []
    known = {e.n: e for e in evidence}
    cited = cited_numbers(answer)
    body = strip_markers(answer)
    if not body:
        return [Problem(ProblemKind.EMPTY, "empty answer")]
    if not cited:
        problems.append(Problem(ProblemKind.NO_CITATION, "no [n] citation"))
    bad = [n for n in cited if n not in known]
    if bad:
        problems.append(Problem(ProblemKind.MISSING_EVIDENCE, f"cites missing evidence {bad}"))
    sources = [known[n].text for n in cited if n in known] or [e.text for e in evidence]
    allowed = [x for s in sources + [question] for x in normalize_numbers(s)]
    for number in normalize_numbers(body):
        if not any(same_quantity(number, x) for x in allowed):
            problems.append(Problem(ProblemKind.NUMBER,
                                    f"number {number.value:g} ({number.kind}) is not in the cited evidence"))
    if period := period_mismatch(question, sources):
        problems.append(Problem(ProblemKind.CONSTRAINT, period))
    if detect_language(body) != lang:
        problems.append(Problem(ProblemKind.LANGUAGE, f"not written in {'Korean' if lang == 'ko' else 'English'}"))
    return problems


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SHORT_YEAR = re.compile(r"(?:[‘'’](\d{2})(?!\d))|(?:(?<![\d.,])(\d{2})년)")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*년?\s*(?:~|∼|-|–|—|부터|to|through|until)\s*((?:19|20)?\d{2})(?!\d)")


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
    return f"the cited evidence is about {', '.join(map(str, sorted(covered)))}, not {asked.pop()}"


def years_mentioned(text: str) -> set[int]:
    """Years a text speaks of: 2023, 2023년, '23, 23년, and every year of 2020~2023."""
    years = {int(y) for y in _YEAR.findall(text)}
    years |= {2000 + int(a or b) for a, b in _SHORT_YEAR.findall(text)}
    for start, end in _RANGE.findall(text):
        first, last = int(start), int(end) if len(end) == 4 else 2000 + int(end)
        if 0 < last - first <= 50:
            years |= set(range(first, last + 1))
    return years
