"""Check a model's answer against its evidence before a reader sees it as final."""

from __future__ import annotations

import re
from collections.abc import Collection

from ingest.language import detect_language
from qa.citations import cite_only, cited_numbers, strip_markers
from qa.constraints import (
    cell_period_mismatches,
    misplaced_subjects,
    subject_mismatches,
    without_dates,
)
from qa.numbers import Number, normalize_numbers, same_quantity
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
    numbers, asked = normalize_numbers(body), normalize_numbers(question)
    stated = [x for x in numbers if not _among(x, asked)]
    holder = None
    if not cited:
        holder = _first_stating(stated, evidence)
        problems.append(Problem(ProblemKind.NO_CITATION, "no [n] citation" + (f"; [{holder}] states it" if holder else ""),
                                holder))
    if _ASKS_A_FIGURE.search(question) and not _ASKS_WHICH.search(question) and not numbers:
        problems.append(Problem(ProblemKind.NO_NUMBER, "the question asks for a figure and the answer gives none"))
    # "Japan released 87.2 models": a score or a share read as a count. Dates and the
    # question's own numbers aside; "how many times" or "how many years" may well be fractional.
    counts = [x for x in normalize_numbers(without_dates(body)) if x.kind != "percent" and not _among(x, asked)]
    if _HOW_MANY.search(question) and counts and not any(float(x.value).is_integer() for x in counts):
        problems.append(Problem(ProblemKind.NUMBER, f"the question asks how many; {counts[0].value:g} is not a count"))
    bad = [n for n in cited if n not in known]
    if bad:
        problems.append(Problem(ProblemKind.MISSING_EVIDENCE, f"cites missing evidence {bad}"))
    # An uncited answer is held to the unit that states its numbers, as if it cited that one.
    checked = [n for n in cited if n in known] or ([holder] if holder else [])
    sources = [known[n].text for n in checked] or [e.text for e in evidence]
    allowed = [x for s in sources for x in normalize_numbers(s)] + asked
    for number in numbers:
        if not _among(number, allowed):
            at = _first_stating([number], evidence, skip=cited)
            where = f"; [{at}] has it" if at else ""
            problems.append(Problem(ProblemKind.NUMBER,
                                    f"number {number.value:g} ({number.kind}) is not in the cited evidence{where}", at))
    # The subject of the answer must be the subject of what it cites: another year's or another
    # country's number, copied with a real citation, answers a different question.
    context = [known[n].text + "\n" + known[n].hit.chunk.text for n in checked] or sources
    # Within one passage the subject can sit in the sentence next to the cited one: the units
    # shown are compared too, and the one that names the subject is pointed at.
    misplaced = misplaced_subjects(question, body, checked, {e.n: e.text for e in evidence})
    for mismatch in subject_mismatches(question, body, sources, context):
        if not any(name in mismatch for name, _, _ in misplaced):
            problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    for _, detail, at in misplaced:
        problems.append(Problem(ProblemKind.CONSTRAINT, detail, at))
    # A row read in the wrong column: the row stays the place to look when it has the right one.
    for mismatch, right in cell_period_mismatches(question, body, [known[n].text for n in checked]):
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch, checked[0] if right and len(checked) == 1 else None))
    if detect_language(body) != lang:
        problems.append(Problem(ProblemKind.LANGUAGE, f"not written in {'Korean' if lang == 'ko' else 'English'}"))
    return problems


# A question whose answer is a figure ("how many", "몇 개", "몇 위", "what share", "얼마"),
# unless it asks which thing has the figure ("which country had the largest number of ...").
_HOW_MANY = re.compile(r"how many(?!\s+(?:times|years|months|weeks|days|hours)\b)|몇\s*(?:개|건|명|곳|종|개국)",
                       re.IGNORECASE)
_ASKS_A_FIGURE = re.compile(_HOW_MANY.pattern + r"|몇\s*(?:위|번째|%|퍼센트)|얼마|what (?:share|percentage|proportion)"
                            r"|\bhow much\b|which rank|what rank", re.IGNORECASE)
_ASKS_WHICH = re.compile(r"\b(?:which|who|whom|what (?:country|company|model|organi[sz]ation))\b|어느|어떤|누가|누구|"
                         r"무엇|뭐|어디", re.IGNORECASE)


def _among(number: Number, found: list[Number]) -> bool:
    return any(same_quantity(number, x) for x in found)


def _first_stating(numbers: list[Number], evidence: list[Evidence], skip: Collection[int] = ()) -> int | None:
    """The first shown evidence, not in ``skip``, that states every one of ``numbers`` (None
    without numbers)."""
    if not numbers:
        return None
    for e in evidence:
        found = normalize_numbers(e.text)
        if e.n not in skip and all(_among(x, found) for x in numbers):
            return e.n
    return None


def recite(answer: str, problems: list[Problem], evidence: list[Evidence], lang: str, question: str = "") -> str:
    """The answer citing the one shown unit that every problem points at, when it then passes
    verification: a right fact under the wrong [n] ("three versions [4]" where [1] says 세 가지)
    is mis-cited, not wrong. Empty when that does not fix it."""
    holders = {p.holder for p in problems}
    if not problems or None in holders or len(holders) != 1:
        return ""
    n = holders.pop()
    fixed = cite_only(answer, n) if cited_numbers(answer) else re.sub(r"\s*([.。!?]?)\s*$", rf" [{n}]\1", answer, count=1)
    return fixed if not verify_answer(fixed, evidence, lang, question) else ""
