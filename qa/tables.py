"""Table rows as units spell them ("caption label → column: value, …"): their cells, the
cell a question names by row and year, and a figure read from another period's column."""

from __future__ import annotations

import re

from qa.citations import strip_markers
from qa.constraints import (
    Constraints,
    read_constraints,
    without_dates,
    years_mentioned,
)
from qa.countries import countries_in
from qa.numbers import Number, normalize_numbers, same_quantity
from qa.passages import ROW, cell_quantities, squeeze
from qa.subjects import alternatives, named_keys, names_key


def table_rows(text: str) -> list[tuple[str, str]]:
    """(head, row) of each table row line in a unit; the head is the caption and the row's
    label ("캡션 한국"), as ``ingest.units`` spells a row."""
    return [(line.split(ROW, 1)[0], line) for line in text.split("\n") if ROW in line]


def prose(text: str) -> str:
    """A unit's lines that are not table rows."""
    return "\n".join(line for line in text.split("\n") if ROW not in line)


def table_cells(rows: str) -> list[tuple[str, str]]:
    """(column name, value) of the table rows in a unit, one per line ("캡션 한국 → 2021년: 3,
    2023년: 8, 계: 11"); a whole table shown at once has a row per line."""
    return [(name.strip(), value.strip()) for _, row in table_rows(rows)
            for name, _, value in (pair.partition(": ") for pair in row.split(ROW, 1)[1].split(", ")) if value]


def cell_period_mismatches(question: str, answer: str, cited: list[str],
                           c: Constraints | None = None) -> list[tuple[str, bool]]:
    """A number read from a table cell whose column is another period than the question's:
    asked about 2020~2023 (or 2022), answered with the row's 2023 column. Each problem names
    the column the number came from, so a retry can read the right one; with it, whether the
    row has a column of the asked period (or of no period, like a total) to read instead.
    ``c``: the question's constraints, as qa.question.Question read them."""
    c = c if c is not None else read_constraints(question)
    if c.year is None and c.span is None:
        return _sentence_period_mismatches(question, answer, cited)
    asked = {c.year} if c.year is not None else set(range(c.span[0], c.span[1] + 1))
    in_question = normalize_numbers(question)
    found = []
    for number in normalize_numbers(answer):
        if any(same_quantity(number, x) for x in in_question):
            continue  # the asked year itself
        columns = [(name, years_mentioned(name)) for row in cited for name, value in table_cells(row)
                   if _in_cell(number, row, value)]
        if columns and all(years and years != asked for _, years in columns):
            period = f"{min(asked)}~{max(asked)}" if len(asked) > 1 else str(min(asked))
            fits = (asked, set()) if len(asked) > 1 else (asked,)  # a total fits a span, not one year
            right = any(years_mentioned(name) in fits for row in cited for name, _ in table_cells(row))
            found.append((f"{number.value:g} is the table's '{columns[0][0]}' figure, not {period}", right))
    return found


def named_column_mismatches(question: str, answer: str, cited: dict[int, str]) -> list[tuple[str, int]]:
    """A figure read from one column of a row while the question names another column of it
    word for word ("2023년 실적 이용자 수는?" answered from "2024년 목표 이용자(명)"): the
    question's own words say which cell is asked, whatever years it also names (the plan's).
    As (problem, the unit holding the named column)."""
    return [(f"{number.value:g} is the table's '{other}' figure; the question asks for '{asked}'", n)
            for number, other, asked, _, n in _named_column_figures(question, answer, cited)]


def named_cell_answer(question: str, answer: str, cited: dict[int, str], shown: dict[int, str]) -> str:
    """``answer`` with the one figure it read from the column beside the one the question
    names given as the named cell's value ("75세 이상 … 5.1%" -> "15.6%" when the row's '75세
    이상' cell holds 15.6): the row and the column are the question's, only the reading slipped.
    Empty unless the question names the row; that figure is written as its own value, once;
    the cell holds one figure; and no other shown row of that label has the named column (two
    surveys' tables of one topic: which one the question means is not the cited row's to say)."""
    body = strip_markers(answer)
    swaps = _named_column_figures(question, body, cited)
    if len(swaps) != 1:
        return ""
    number, other, asked, value, n = swaps[0]
    if _UNIT_NOTE.findall(other) != _UNIT_NOTE.findall(asked) or not _measure_words(other) & _measure_words(asked):
        return ""  # not the same measure beside it: another kind of figure, perhaps another unit
    wrong, right, cell = _DIGITS.search(body[number.start:number.end]), _DIGITS.search(value), normalize_numbers(value)
    if not wrong or not right or len(cell) != 1 or number.value < 0 or cell[0].value < 0 \
            or float(wrong.group().replace(",", "")) != number.value \
            or float(right.group().replace(",", "")) != cell[0].value:
        return ""  # a figure scaled or signed by its words ("3,872억", "-5.1"), or a cell of several figures
    row = next(row for _, row in table_rows(cited[n]) if (asked, value) in table_cells(row))
    if any(_in_cell(x, row, value) for x in normalize_numbers(body)):
        return ""  # the answer gives the named cell already: the other figure is its context
    kinds = {x.kind for v, x in cell_quantities(row) if v == cell[0].value}
    if number.kind != "number" and kinds and number.kind not in kinds:
        return ""  # the named cell is another kind of figure than the answer wrote
    label, said = _label(row), squeeze(question)
    # the row is the question's: by its label or a cell of words ("세부 기술: 딥러닝 기반 …")
    if not (len(label) >= 2 and label in said or any(
            _LEADING_WORD.match(v) and len(squeeze(v)) >= 4 and squeeze(v) in said for _, v in table_cells(row))):
        return ""
    if any(label in (longer := _label(r)) and longer != label and longer in said
           for text in shown.values() for _, r in table_rows(text)):
        return ""  # the question names a longer label ("대학원"), not this row's ("대학")
    if sum(_label(r) == label and any(name == asked for name, _ in table_cells(r))
           for text in shown.values() for _, r in table_rows(text)) != 1:
        return ""
    spots = list(re.finditer(rf"(?<![\d.,\[]){re.escape(wrong.group())}(?![\d\]]|[.,]\d)", answer))
    if len(spots) != 1:
        return ""
    return answer[:spots[0].start()] + right.group() + answer[spots[0].end():]


def _measure_words(name: str) -> set[str]:
    """A column name's words that say what it measures, not its period or its unit note."""
    return {w for w in _UNIT_NOTE.sub(" ", name).split() if len(w) >= 2 and not _PERIOD_WORD.fullmatch(w)}


def _label(row: str) -> str:
    """A row's own label: the words before its cells, past its table's caption."""
    return squeeze(row.split(ROW, 1)[0].split(")")[-1].split("]")[-1].split(">")[-1])


_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _named_column_figures(question: str, answer: str, cited: dict[int, str]
                          ) -> list[tuple[Number, str, str, str, int]]:
    """(figure, its column, the column the question names, that column's value, unit) for each
    figure of ``answer`` read from another column of a row than the one the question names."""
    said = squeeze(question)
    in_question = normalize_numbers(question)
    found = []
    for n, text in cited.items():
        for _, row in table_rows(text):
            cells = table_cells(row)
            # a column named in full is the one asked; its name's tail only when none is
            named = ([(name, value) for name, value in cells if column_named(name, said, tails=False)]
                     or [(name, value) for name, value in cells if column_named(name, said)])
            if len(named) != 1:
                continue
            asked, value = named[0]
            for number in normalize_numbers(answer):
                if any(same_quantity(number, x) for x in in_question) or _in_cell(number, row, value) \
                        or in_copied_cell(number, row, answer):
                    continue
                other = next((name for name, v in cells if name != asked and _in_cell(number, row, v)), None)
                # the answer that names the figure's own column ("합격률은 61.5%") gives it as that,
                # not as the named one: the question may ask for both
                if other and not _tail_named(other, asked, squeeze(answer)):
                    found.append((number, other, asked, value, n))
    return found


_UNIT_NOTE = re.compile(r"\([^()]*\)")


def column_named(name: str, said: str, tails: bool = True) -> bool:
    """Whether ``said`` (a squeezed question) names the column ``name`` word for word: the
    whole name, or the words that end it, as a two-row header's lower row reads ("수용 의사" of
    "수용도 수용 의사"); three letters at least, so "매출" of "2023년 매출" names no one column."""
    whole = squeeze(_UNIT_NOTE.sub("", name))
    if whole in said and len(whole) >= 4:
        return True
    return tails and any(tail in said for tail in _tails(name, start=1))


def measures(name: str) -> bool:
    """Whether a column's name says more than a period ("2023년" does not; "2023년 점수" does)."""
    return len(_PERIOD_WORD.sub("", squeeze(_UNIT_NOTE.sub("", name)))) >= 2


def _tails(name: str, start: int = 0) -> set[str]:
    """The squeezed runs of words that end a column's name, from its ``start``-th word; three
    letters at least, and more than a period ("FY2023", "2024년" are the period checks' to read)."""
    words = _UNIT_NOTE.sub("", name).split()
    return {tail for i in range(start, len(words)) if len(tail := squeeze(" ".join(words[i:]))) >= 3
            and len(_PERIOD_WORD.sub("", tail)) >= 2}


def _tail_named(name: str, other_than: str, said: str) -> bool:
    """Whether ``said`` names column ``name`` by the words that end it and not ``other_than``'s
    ("선정률은 74.0%" names "2023년 선정률(%)", not "2023년 선정(명)"; "대상자" ends both)."""
    return any(tail in said for tail in _tails(name) - _tails(other_than))


_PERIOD_WORD = re.compile(r"(?:fy)?(?:19|20)?\d{2,4}(?:년|年)?|q[1-4]|[1-4]분기|[상하]반기|h[12]", re.IGNORECASE)


_LEADING_WORD = re.compile(r"^\W*[^\W\d_]{2,}")


def in_copied_cell(number: Number, row: str, answer: str) -> bool:
    """Whether ``number`` is written inside a cell of words the answer copies whole: the 4 of
    "텐트(4인용)" names the thing, it is no figure of the table's (a cell that begins with a
    currency or unit code is an amount)."""
    said = squeeze(answer)
    for _, value in table_cells(row):
        lead = _LEADING_WORD.match(value.strip())
        if lead and not lead.group().strip().isupper() and squeeze(value) in said and any(
                same_quantity(number, x) for x in normalize_numbers(value)):
            return True
    return False


def _in_cell(number: Number, row: str, value: str) -> bool:
    """Whether a cell states ``number``: as written, or read with its column's or table's unit
    ("12.5" under "(EUR million)" is EUR 12.5 million)."""
    if any(same_quantity(number, x) for x in normalize_numbers(value)):
        return True
    written = value.strip().replace(",", "")
    if not re.fullmatch(r"[+-]?\d*\.?\d+", written):
        return False
    return any(same_quantity(number, x) for v, x in cell_quantities(row) if v == float(written))


def _sentence_period_mismatches(question: str, answer: str, cited: list[str]) -> list[tuple[str, bool]]:
    """For a question of several years or none: a figure read from the column of a year its
    own sentence does not name ("2024년 대상자는 6,480명" from the 2025 column)."""
    in_question = normalize_numbers(question)
    found = []
    for sentence in re.split(r"(?<=[.!?。])\s+", answer):
        said = years_mentioned(sentence)
        if not said:
            continue
        for number in normalize_numbers(sentence):
            if number.value in said or any(same_quantity(number, x) for x in in_question):
                continue
            columns = [name for row in cited for name, value in table_cells(row) if _in_cell(number, row, value)]
            if columns and all(years_mentioned(name) and not years_mentioned(name) & said for name in columns):
                right = any(years_mentioned(name) and years_mentioned(name) <= said
                            for row in cited for name, _ in table_cells(row))
                period = "~".join(map(str, sorted(said)))
                found.append((f"{number.value:g} is the table's '{columns[0]}' figure, not {period}", right))
    return found


_CHANGE = re.compile(r"증감|변화|차이|증가|감소|성장|change|differ|increase|decrease|grow|rise|fall", re.IGNORECASE)


def asked_cell(question: str, shown: dict[int, str], c: Constraints | None = None) -> tuple[int, str, str, str] | None:
    """The one table cell a question names by its row and its year: "Korea's score in 2022"
    is the 한국 row's 2022 column. As (unit, row, column, value); None unless exactly one
    shown cell fits (a row named by every country and Latin-script name of the question, a
    column of that year alone), or when the question asks for a change, which is not a cell."""
    c = c if c is not None else read_constraints(question)
    keys = named_keys(c)
    if c.year is None or not keys or _CHANGE.search(question) or alternatives(question):
        return None
    found = {}
    for n, text in sorted(shown.items()):
        for head, row in table_rows(text):
            # the head is the caption and the row's label: one naming a country not asked
            # ("가국 대비 나국") may be another country's row
            if not all(names_key(head, k) for k in keys) or not countries_in(head) <= set(c.countries):
                continue
            for name, value in table_cells(row):
                if years_mentioned(name) == {c.year} and normalize_numbers(without_dates(value)):
                    found.setdefault(value, (n, head.strip(), name, value))
    return next(iter(found.values())) if len(found) == 1 else None


_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,5}(?![A-Za-z0-9])")


def cells_of_other_names(answer: str, cited: dict[int, str]) -> list[str]:
    """A figure read from a cell headed by a name the answer does not give, while the answer
    names something else: in a table whose columns are models or firms ("→ Vesta: 1.2E+13,
    Orin: 6.8E+12"), the cell is that column's, not the answer's subject's."""
    from qa.passages import holds_name, passage
    from qa.terms import terms

    said = terms(answer).names
    if not said:
        return []
    p = passage(answer)
    found = []
    for number in normalize_numbers(answer):
        cells = [name for text in cited.values() for name, value in table_cells(text)
                 if any(same_quantity(number, x) for x in normalize_numbers(value))]
        # a heading's bracketed note ("증감치(B-A)", "(억 원)") names no one, nor does a
        # measure's acronym ("ROE", "EPS")
        heads = [terms(bare := _UNIT_NOTE.sub(" ", name)).names - {a.casefold() for a in _ACRONYM.findall(bare)}
                 for name in cells]
        if cells and all(head and not any(holds_name(p, h) for h in head) for head in heads):
            found.append(f"{number.value:g} is the '{cells[0]}' cell's figure, not that of what the answer names")
    return found
