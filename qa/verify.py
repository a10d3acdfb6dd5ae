"""Check a model's answer against its evidence before a reader sees it as final."""

from __future__ import annotations

from ingest.language import detect_language
from qa.citations import cited_numbers, strip_markers
from qa.constraints import subject_mismatches
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
    # The subject of the answer must be the subject of what it cites: another year's or another
    # country's number, copied with a real citation, answers a different question.
    context = [known[n].text + "\n" + known[n].hit.chunk.text for n in cited if n in known] or sources
    for mismatch in subject_mismatches(question, body, sources, context):
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    if detect_language(body) != lang:
        problems.append(Problem(ProblemKind.LANGUAGE, f"not written in {'Korean' if lang == 'ko' else 'English'}"))
    return problems
