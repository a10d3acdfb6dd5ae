"""The row a question asks for by size ("가장 많은 나라", "which scored highest in 2022", "가장
크게 오른") is the one the shown rows of its table make largest or smallest in the column asked:
an answer naming another row of that table is held to the figures, as qa.choice holds a choice
between two. Only the rows shown are compared, so the check speaks only when a shown row
outdoes the one the answer names. Nothing here knows a report's rows or columns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from qa.choice import direction
from qa.countries import countries_in, country_name, in_language
from qa.numbers import normalize_numbers, same_quantity
from qa.passages import squeeze
from qa.row_figures import label_named, row_labels
from qa.tables import column_named, measures, table_cells, table_rows

_EXTREME = re.compile(r"가장|제일|최고|최저|최대|최소|\b(?:most|least|highest|lowest|largest|smallest|biggest|fewest|"
                      r"greatest)\b", re.IGNORECASE)
# "가장 크게 오른", "rose the most": the change between periods is compared, not a period's figure
_CHANGED = re.compile(r"오른|올랐|상승|증가|늘|줄|감소|하락|떨어|\b(?:rose|rise|risen|grew|grow|gain|gained|increased?|"
                      r"decreased?|fell|fallen|dropped|changed?|improved?)\b", re.IGNORECASE)
_CHANGE_COLUMN = re.compile(r"증감|변화|변동|차이|증가|change|diff|growth|gain", re.IGNORECASE)
_TOTAL = re.compile(r"^\W*(?:합\s*계|총\s*계|소\s*계|계|평균|전체|total|sum|subtotal|average|overall)\W*$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class Extreme:
    label: str  # the row the figures make largest (or smallest)
    column: str
    value: float
    written: str
    n: int  # the unit that shows it
    others: tuple[str, ...]  # the table's other rows compared
    largest: bool  # asked for the largest, not the smallest


def extreme_row(question: str, shown: Mapping[int, str]) -> Extreme | None:
    """The shown row of one table that the question asks for by size, or None when the question
    asks for none, the column asked cannot be told, or the shown rows tie."""
    if not (way := direction(question)) or not _EXTREME.search(question):
        return None
    said = squeeze(question)
    given = normalize_numbers(question)
    for rows in _tables(shown):
        column = _column(question, said, rows)
        if column is None:
            continue
        values = []
        for n, label, cells in rows:
            value = _value(cells, column)
            # a row that is a total, or whose figure the question sets aside ("the US benchmark of 100")
            if value is None or _TOTAL.match(label) or any(same_quantity(value[0], x) for x in given):
                continue
            values.append((value[0].value, value[1], label, n))
        if len(values) < 2:
            continue
        values.sort(key=lambda v: -way * v[0])
        if values[0][0] == values[1][0]:
            continue
        best = values[0]
        name = column if isinstance(column, str) else f"{column[1]} − {column[0]}"
        return Extreme(best[2], name, best[0], best[1], best[3], tuple(v[2] for v in values[1:]), way > 0)
    return None


def extreme_mismatch(found: Extreme | None, answer: str) -> tuple[str, int] | None:
    """Why the row an answer names is not ``found``, the one the shown figures make largest
    (smallest), with the unit that shows it; None when it is, or when the answer names none."""
    if found is None or _names(answer, found.label):
        return None
    named = [label for label in found.others if _names(answer, label)]
    if not named:
        return None
    asked = "largest" if found.largest else "smallest"
    why = f"the shown rows make '{found.label}' the {asked} in '{found.column}' ({found.written}), not '{named[0]}'"
    return why, found.n


def extreme_answer(found: Extreme, lang: str = "ko") -> str:
    """The answer the figures give: the row with its figure, cited to the unit showing it
    ("유럽 (2022년(B) 95.7) [1]."; a country by its name in the asker's language)."""
    codes = countries_in(found.label)
    label = country_name(next(iter(codes)), lang) if len(codes) == 1 else in_language(found.label, lang)
    return f"{label} ({found.column} {found.written}) [{found.n}]."


def _names(answer: str, label: str) -> bool:
    """Whether the answer names a row: its whole label ("A-100") or a word of it, in either script."""
    said = squeeze(answer).casefold()
    return squeeze(label).casefold() in said or label_named(label, [said], (), answer)


def _tables(shown: Mapping[int, str]) -> list[list[tuple[int, str, list[tuple[str, str]]]]]:
    """The shown rows grouped by table: the rows of a unit that shows a whole table, and the
    single rows of units whose captions agree (qa.row_figures.row_labels)."""
    read = {n: table_rows(text) for n, text in sorted(shown.items())}
    tables = [[(n, head.strip(), table_cells(row)) for head, row in rows] for n, rows in read.items() if len(rows) >= 2]
    single = {n: shown[n] for n, rows in read.items() if len(rows) == 1}
    groups: dict[str, list[tuple[int, str, list[tuple[str, str]]]]] = {}
    for n, label, row in row_labels(single):
        groups.setdefault(read[n][0][0][:12], []).append((n, label, table_cells(row)))
    return tables + [rows for rows in groups.values() if len(rows) >= 2]


def _column(question: str, said: str, rows: list[tuple[int, str, list[tuple[str, str]]]]) -> str | tuple[str, str] | None:
    """The column compared: one the question names; for a change asked between two periods, a
    column of changes or the two periods' columns; else the one column of the period asked."""
    names = list(dict.fromkeys(name for _, _, cells in rows for name, _ in cells))
    named = [name for name in names if column_named(name, said) and measures(name)]
    if len(named) == 1:
        return named[0]
    years = list(dict.fromkeys(_YEAR.findall(question)))
    if _CHANGED.search(question):
        changes = [name for name in names if _CHANGE_COLUMN.search(name)]
        if len(changes) == 1:
            return changes[0]
        if len(years) >= 2:
            first = [name for name in names if years[0] in name]
            last = [name for name in names if years[-1] in name]
            if len(first) == 1 and len(last) == 1:
                return first[0], last[0]
        return None
    of_year = [name for name in names if len(years) == 1 and years[0] in name]
    return of_year[0] if len(of_year) == 1 else None


def _value(cells: list[tuple[str, str]], column: str | tuple[str, str]):
    """The row's figure in ``column`` as (Number, as written); a pair of columns gives the change."""
    found = dict(cells)
    if isinstance(column, str):
        numbers = normalize_numbers(found.get(column, ""))
        return (numbers[0], found[column]) if numbers else None
    first, last = (normalize_numbers(found.get(c, "")) for c in column)
    if not first or not last:
        return None
    change = last[0].value - first[0].value
    number = normalize_numbers(f"{change:g}")
    return (number[0], f"{change:+g}") if number else None
