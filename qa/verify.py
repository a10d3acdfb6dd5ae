"""Check a model's answer against its evidence before a reader sees it as final."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ingest.language import detect_language
from qa.choice import right_side, wrong_side
from qa.citations import cite_only, cited_numbers, strip_markers
from qa.constraints import KINDS, Constraints, period_mismatch, without_dates
from qa.counted import counted_mismatches, rates_for_totals
from qa.countries import countries_in
from qa.extremes import extreme_answer, extreme_mismatch, extreme_row
from qa.grounding import sentences, source_of, with_heading
from qa.numbers import Number, echoes, normalize_numbers, same_quantity
from qa.owners import misdated, misowned, reversed_periods
from qa.passages import cell_quantities, squeeze
from qa.focus import missed_focus, missed_modifier
from qa.question import Question, asks_a_score
from qa.row_figures import other_row_figures, unasked_row_figures
from qa.rules import enabled
from qa.subjects import (
    alternatives,
    figures_of_other_names,
    named_keys,
    names_key,
    other_versions,
    subject_mismatches,
)
from qa.tables import (
    asked_cell,
    cell_period_mismatches,
    cells_of_other_names,
    named_cell_answer,
    named_column_mismatches,
)
from qa.terms import terms
from qa.types import Evidence, Problem, ProblemKind


def verify_answer(answer: str, evidence: list[Evidence], lang: str, question: str | Question = "",
                  retrieved: Sequence[str] = ()) -> list[Problem]:
    """Problems found, empty when the answer may stand.

    Every [n] must name real evidence; the answer must give a figure when one is asked, of
    the kind asked, about the subject asked and the thing asked of it (that each number is in
    the unit it cites is the support check's, qa.support); the answer must be in the
    question's language. ``question`` is read once (qa.question.Question); its constraints are
    the user's own words'. ``retrieved``: the passages retrieved besides those shown, where the
    reports may say how the question narrows what it asks when no shown unit does.
    """
    asked_q = Question.of(question, lang)
    question, c = asked_q.text, asked_q.own
    problems: list[Problem] = []
    known = {e.n: e for e in evidence}
    cited = cited_numbers(answer)
    body = strip_markers(answer)
    if not body:
        return [Problem(ProblemKind.EMPTY, "empty answer")]
    numbers, asked = normalize_numbers(body), normalize_numbers(question)
    stated = [x for x in numbers if not echoes(x, asked)]
    holder = None
    if not cited:
        holder = _first_stating(stated, evidence)
        problems.append(Problem(ProblemKind.NO_CITATION, "no [n] citation" + (f"; [{holder}] states it" if holder else ""),
                                holder))
    # The answer's own figures: not a date, not the question's own numbers restated (its year, a
    # model's name with its size in it, "Orca 70B").
    own = [x for x in normalize_numbers(without_dates(body)) if not echoes(x, asked)]
    if _ASKS_A_FIGURE.search(question) and not _ASKS_WHICH.search(question):
        # nor a digit inside a model's name: "Orca-2-chat" answers no "how many", but the
        # evidence may still hold the figure; the question's own numbers twice is a refusal
        unnamed = normalize_numbers(_NAMED_VERSION.sub(" ", body))
        if not unnamed:
            at = _naming_a_figure(c, evidence)
            problems.append(Problem(ProblemKind.NO_NUMBER, "the question asks for a figure and the answer gives none"
                                    + (f"; [{at}] gives one" if at else ""), at))
        elif not [x for x in normalize_numbers(_NAMED_VERSION.sub(" ", without_dates(body))) if not echoes(x, asked)]:
            problems.append(Problem(ProblemKind.NOT_ITS_OWN, "the answer gives no figure of its own, only the question's"))
    # "Japan released 87.2 models": a score or a share read as a count; "how many times" or
    # "how many years" may well be fractional.
    counts = [x for x in own if x.kind != "percent"]
    if _HOW_MANY.search(question) and counts and not any(float(x.value).is_integer() for x in counts):
        problems.append(Problem(ProblemKind.NUMBER, f"the question asks how many; {counts[0].value:g} is not a count"))
    bad = [n for n in cited if n not in known]
    if bad:
        problems.append(Problem(ProblemKind.MISSING_EVIDENCE, f"cites missing evidence {bad}"))
    # An uncited answer is held to the unit that states its numbers, as if it cited that one.
    checked = [n for n in cited if n in known] or ([holder] if holder else [])
    sources = [known[n].text for n in checked] or [e.text for e in evidence]
    # The subject of the answer must be the subject of what it cites: another year's or another
    # country's number, copied with a real citation, answers a different question.
    # The report's title and the passage's heading name its subject as much as its text does
    # (서린군 in the title of a report whose every sentence says "the county").
    context = [source_of(known[n]) for n in checked] or sources
    # Within one passage the subject can sit in the sentence next to the cited one: the units
    # shown are compared too, and the one that names the subject is pointed at.
    shown = {e.n: e.text for e in evidence}
    cell = asked_cell(question, shown, c) if enabled("table-cells") else None
    # "How much did the country invest?" answered "3건": a count is never money, a share or a score.
    # A bare figure is what its cited unit makes it: "was 5" of "갑국(5건)" is a count. A score
    # asked is a subject's on a scale: the row the question names holds it, or nothing shown does.
    if own and all(_counted(x, [known[n].text for n in cited if n in known]) for x in own) and (
            wants := _wants_a_measure(asked_q.phrasings)):
        kind, at = (ProblemKind.CONSTRAINT, cell[0] if cell else None) if wants == "a score" else (ProblemKind.NOT_ITS_OWN, None)
        problems.append(Problem(kind, f"the question asks for {wants}; {own[0].value:g} is a count", at))
    # Another year's column read: when the question names a shown table's row and year, that
    # row is where the year asked is, as it is for the number (below): quoted, not refused.
    period = period_mismatch(question, sources) if cell else ""
    for mismatch in subject_mismatches(question, body, sources, context) if enabled("subject-mismatch") else []:
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch, cell[0] if cell and mismatch == period else None))
    cited_texts = {n: known[n].text for n in checked}
    others = enabled("other-names")
    for mismatch in [*(figures_of_other_names(question, body, list(cited_texts.values())) if others else []),
                     *(counted_mismatches(question, body, cited_texts) if enabled("counted-thing") else []),
                     *(rates_for_totals(question, body, cited_texts) if enabled("counted-thing") else []),
                     *(other_versions(question, body, cited_texts) if others else [])]:
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    # A figure answers only where its unit speaks of what was asked: a score asked, a count of
    # models given from a row that holds the country and the year but no score. The word is the
    # user's own: a rendering's word is the model's choice ("수익" where the report says 매출).
    # A choice between two ("A와 B 중 어디") names its sides, not a thing; an explanation's
    # figures are its reasons' ("3호선 개통으로"), and its "이유" no unit names.
    # (a name asked, "모델의 이름은", is answered by a name: "Konan LLM 41B" gives no figure; so is
    # the row asked for by size, "가장 크게 오른 나라", its figure the comparison's)
    extreme = extreme_row(question, shown)
    if (own and enabled("figure-focus") and asked_q.form != "explanation" and not alternatives(question)
            and not _ASKS_A_NAME.search(question) and extreme is None):
        holding = [n for n in checked if any(_among(x, normalize_numbers(known[n].text)) for x in own)]
        missed = [missed_focus(question, with_heading(known[n])) for n in holding]
        if holding and all(missed):
            at = next((e.n for e in evidence if e.n not in holding and not missed_focus(question, with_heading(e))
                       and normalize_numbers(without_dates(e.text))), None)
            problems.append(Problem(ProblemKind.CONSTRAINT, f"[{holding[0]}] gives {own[0].value:g} but does not speak of "
                                    f"'{missed[0]}'" + (f"; [{at}] does" if at else ""), at))
    # ... and of the kind asked: "여성 창업 스타트업은 몇 개" is not answered by a count of all
    # startups, read where the unit's passage, heading and title never say 여성
    if own and enabled("focus-modifier") and asked_q.form != "explanation" and not alternatives(question):
        holding = [n for n in checked if any(_among(x, normalize_numbers(known[n].text)) for x in own)]
        rest = "\n".join([*(source_of(e) for e in evidence if e.n not in holding), *retrieved])
        lacks = [missed_modifier(question, source_of(known[n]), rest)
                 or (enabled("named-field") and _unnamed_field(question, source_of(known[n]))) for n in holding]
        if holding and all(lacks):
            problems.append(Problem(ProblemKind.CONSTRAINT, f"[{holding[0]}] gives {own[0].value:g} but its passage "
                                    f"never says '{lacks[0]}'"))
    # The question names a shown table's row and year: its cell is the figure to give.
    if cell and stated and not any(
            _among(x, normalize_numbers(cell[3])) for x in stated):
        n, row, column, value = cell
        problems.append(Problem(ProblemKind.NUMBER, f"[{n}]'s row '{row}' gives {value} under '{column}'", n))
    # A row read in the wrong column: the row stays the place to look when it has the right one.
    for mismatch, right in (cell_period_mismatches(question, body, list(cited_texts.values()), c)
                            if enabled("table-cells") else []):
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch, checked[0] if right and len(checked) == 1 else None))
    # A figure of another column of the row than the one the question names word for word.
    for mismatch, named in (named_column_mismatches(question, body, cited_texts) if enabled("table-cells") else []):
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch, named))
    # A figure of a cell headed by another name than the answer gives (a model's column).
    for mismatch in cells_of_other_names(body, cited_texts) if enabled("other-name-cells") else []:
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    # A figure of a row the question does not name, while a shown row of that table is named.
    other_rows = other_row_figures(question, body, checked, shown) if enabled("table-cells") else []
    for mismatch, named in other_rows:
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch, named))
    # A figure of a row that neither the question nor the answer names, no shown row being named.
    if enabled("row-label") and not other_rows:
        for mismatch in unasked_row_figures(asked_q.phrasings, body,
                                            {n: (known[n].text, known[n].hit.chunk.text) for n in checked}):
            problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    # A country (or the year asked) given the figure its cited line gives another ("Ruritania
    # invested 5.1 billion" of "갑국과 을국의 경우 각각 5.1억 달러, 2.3억 달러").
    said = sentences(body)
    for mismatch in [*(misowned(question, said, cited_texts, lang) if enabled("figure-owner") else []),
                     *(misdated(asked_q.constraints.year, question, said, cited_texts) if enabled("figure-year") else [])]:
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    # ... nor a year the figure its cited unit gives another ("81.0%에서 76.5%로" read backwards)
    for mismatch in reversed_periods(question, said, cited_texts) if enabled("change-order") else []:
        problems.append(Problem(ProblemKind.CONSTRAINT, mismatch))
    # A choice between two by size answered with the side the shown figures make the other.
    if enabled("choice-direction") and (wrong := wrong_side(asked_q.phrasings, body, cited_texts, shown)):
        problems.append(Problem(ProblemKind.CONSTRAINT, wrong))
    # The row asked for by size ("가장 많은", "highest in 2022") answered with a row a shown one outdoes.
    if enabled("table-extreme") and (far := extreme_mismatch(extreme, body)):
        problems.append(Problem(ProblemKind.CONSTRAINT, *far))
    if detect_language(body) != lang and not _a_name_as_written(body, [known[n].text for n in cited if n in known]):
        problems.append(Problem(ProblemKind.LANGUAGE, f"not written in {'Korean' if lang == 'ko' else 'English'}"))
    return problems


def _a_name_as_written(body: str, cited: list[str]) -> bool:
    """An answer that is only a name, spelled as its cited unit spells it ("한빛소프트"), is
    no language slip: a name is not translated (a reader asking in English reads it as given)."""
    words = re.sub(r"[.。!]+$", "", body.strip())
    said = terms(words)
    # every word part of a name ("NC소프트" is one, its 소프트 a noun to Kiwi), and no figure
    return (0 < len(words.split()) <= 3 and not said.numbers
            and all(any(n in w.casefold() for n in said.names) for w in words.split())
            and any(squeeze(words) in squeeze(text) for text in cited))


# A question whose answer is a figure ("how many", "몇 개", "몇 위", "what share", "얼마"),
# unless it asks which thing has the figure ("which country had the largest number of ...").
_HOW_MANY = re.compile(r"how many(?!\s+(?:times|years|months|weeks|days|hours)\b)|몇\s*(?:개|건|명|곳|종|개국)",
                       re.IGNORECASE)
_ASKS_A_FIGURE = re.compile(_HOW_MANY.pattern + r"|몇\s*(?:위|번째|%|퍼센트)|얼마|what (?:share|percentage|proportion)"
                            r"|\bhow much\b|which rank|what rank", re.IGNORECASE)
_ASKS_WHICH = re.compile(r"\b(?:which|who|whom|what (?:country|company|model|organi[sz]ation))\b|어느|어떤|누가|누구|"
                         r"무엇|뭐|어디", re.IGNORECASE)
_ASKS_A_NAME = re.compile(r"이름|명칭|\bname[ds]?\b|\bcalled\b", re.IGNORECASE)
_NAMED_VERSION = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z.]*-?\d+(?:[.-][A-Za-z0-9]+)*")
_MONEY = re.compile(r"투자|금액|매출|예산|비용|가격|달러|invest|revenue|budget|spend|cost|price|worth|\bfund", re.IGNORECASE)
_AMOUNT = re.compile(r"얼마|규모|how much|amount|size|worth|value", re.IGNORECASE)
_FIELD = re.compile(r"([가-힣A-Za-z0-9·]{2,})\s*(?:분야|부문|영역|사업부)|\b([A-Za-z][\w-]{2,})\s+(?:sector|segment|division)\b")


def _unnamed_field(question: str, source: str) -> str:
    """The field a question names ("정신건강 분야에 배정된 예산", "the Retail segment") when the
    unit giving the figure never says it: a total is not a field's figure."""
    said = squeeze(source)
    return next((x for m in _FIELD.finditer(question) if (x := m.group(1) or m.group(2))
                 and squeeze(x) not in said), "")


def _counted(x: Number, units: Sequence[str]) -> bool:
    """Whether ``x`` is a count: so written, or bare and given only as a count by the units."""
    if x.kind != "number" or not enabled("bare-count"):
        return x.kind == "count"
    same = []
    for unit in units:
        # a table row's bare cell is read with the table's unit ("(단위: 개)")
        cells = [y for value, y in cell_quantities(unit) if value == x.value]
        same += cells or [y for y in normalize_numbers(unit) if y.value == x.value]
    return bool(same) and all(y.kind == "count" for y in same)


def _wants_a_measure(phrasings: Sequence[str]) -> str:
    """What a question asks for that no count can be, in any phrasing ("투자 규모는" renders "what was X's
    investment"): money, a share, a score (unless one asks a count: "지수는 몇 가지 항목")."""
    for question in phrasings:
        if _HOW_MANY.search(question):
            continue
        if wants := "an amount of money" if _MONEY.search(question) and _AMOUNT.search(question) else (
                "a share" if KINDS["share"].search(question) else ""):
            return wants
    return "a score" if asks_a_score(phrasings) else ""


def _naming_a_figure(c: Constraints, evidence: list[Evidence]) -> int | None:
    """The first shown unit that names every country and Latin-script name of the question and
    states a figure that is not a date: where an answer without one should have looked."""
    keys = named_keys(c)
    if not keys:
        return None
    return next((e.n for e in evidence if all(names_key(e.text, k) for k in keys)
                 and normalize_numbers(without_dates(e.text))), None)


def _among(number: Number, found: list[Number]) -> bool:
    return any(same_quantity(number, x) for x in found)


def _first_stating(numbers: list[Number], evidence: list[Evidence], skip: Collection[int] = (),
                   about: Collection[str] = ()) -> int | None:
    """The first shown evidence, not in ``skip``, that states every one of ``numbers`` (None
    without numbers); one naming a country of ``about`` first, if any does."""
    if not numbers:
        return None
    stating = [e for e in evidence
               if e.n not in skip and all(_among(x, normalize_numbers(e.text)) for x in numbers)]
    for e in stating:
        if about and set(about) & countries_in(e.text):
            return e.n
    return stating[0].n if stating else None


def recite(answer: str, problems: list[Problem], evidence: list[Evidence], lang: str,
           question: str | Question = "") -> str:
    """The answer citing the one shown unit that every problem points at, when it then passes
    verification: a right fact under the wrong [n] ("three versions [4]" where [1] says 세 가지)
    is mis-cited, not wrong. Empty when that does not fix it."""
    asked = Question.of(question, lang)
    shown = {e.n: e.text for e in evidence}
    cited = {n: shown[n] for n in cited_numbers(answer) if n in shown}
    # a choice by size answered with the other side: the figures say which, and the answer is that
    if enabled("choice-direction") and (side := right_side(asked.phrasings, strip_markers(answer), cited, shown)):
        return side if not verify_answer(side, evidence, lang, asked) else ""
    # so does the row asked for by size, when the answer named another
    if enabled("table-extreme") and extreme_mismatch(found := extreme_row(asked.text, shown), strip_markers(answer)):
        row = extreme_answer(found, lang)
        return row if not verify_answer(row, evidence, lang, asked) else ""
    # so does the cell the question names by its column, when the answer read the one beside it
    if enabled("asked-cell") and enabled("table-cells") and (cell := named_cell_answer(asked.text, answer, cited, shown)):
        return cell if not verify_answer(cell, evidence, lang, asked) else ""
    holders = {p.holder for p in problems}
    if not problems or None in holders or len(holders) != 1:
        return ""
    n = holders.pop()
    fixed = cite_only(answer, n) if cited_numbers(answer) else re.sub(r"\s*([.。!?]?)\s*$", rf" [{n}]\1", answer, count=1)
    return fixed if not verify_answer(fixed, evidence, lang, question) else ""
