"""A figure read from a table row answers for that row: the row the question names, or one
the question or the answer names at all."""

from __future__ import annotations

import os
import re

from qa.countries import countries_in
from qa.numbers import normalize_numbers, same_quantity
from qa.passages import ROW, cell_quantities, squeeze
from qa.subjects import names_own_digits
from qa.tables import in_copied_cell, table_cells, table_rows


def row_labels(shown: dict[int, str]) -> list[tuple[int, str, str]]:
    """(unit, label, row) of every shown table row whose table has another row shown: the
    label is what the row's head adds to the caption its table's rows share."""
    rows = [(n, head, row) for n, text in sorted(shown.items()) for head, row in table_rows(text)]
    out = []
    for n, head, row in rows:
        siblings = [h for m, h, _ in rows if h != head and h[:12] == head[:12]]
        if siblings:
            common = max(len(os.path.commonprefix([head, h])) for h in siblings)
            out.append((n, head[common:].strip(), row))
    return out


def _figures(row: str) -> list:
    return [x for _, value in table_cells(row) for x in normalize_numbers(value)] + [n for _, n in cell_quantities(row)]


def _named(label: str, question: str) -> bool:
    core = [w for w in re.split(r"[\s()·/,]+", label) if len(w) > 1]
    asked = re.sub(r"\s+", "", question.casefold())
    return any(w.casefold() in asked for w in core)


def other_row_figures(question: str, answer: str, cited: list[int], shown: dict[int, str]) -> list[tuple[str, int]]:
    """A figure read from a row the question does not name while a shown row of the same
    table is the one it names ("냉동식품의 시장 규모" answered from the 즉석조리식품 row):
    each as (problem, the unit of the named row)."""
    labels = row_labels(shown)
    named = [(n, label) for n, label, _ in labels if _named(label, question)]
    if not named:
        return []
    in_question = normalize_numbers(question)
    found = []
    for number in normalize_numbers(answer):
        if any(same_quantity(number, x) for x in in_question):
            continue
        holding = [(n, label) for n, label, row in labels if n in cited and any(
            same_quantity(number, x) for x in _figures(row))]
        if holding and not any(_named(label, question) for _, label in holding):
            n, label = named[0]
            found.append((f"{number.value:g} is the '{holding[0][1]}' row's figure; the question asks about '{label}' ([{n}])", n))
    return found


def unasked_row_figures(phrasings: tuple[str, ...], answer: str, cited: dict[int, tuple[str, str]]) -> list[str]:
    """A figure read from a table row whose label neither the question nor the answer names:
    a row's figure answers for its own label only ("긴급복지 → 2025년 예산: 49" given as the
    budget of a field the table does not list). ``cited`` maps each cited unit to (its text,
    its passage), where the row's label is read as ``ingest.units`` reads it. A label or cell
    that is a period, a total or a bare number is named in too many ways to tell: a row with
    nothing else ("2023 → 매출: 120") is left alone, an ID-numbered row goes by its other cells."""
    from ingest.units import table_rows as passage_rows

    asked = [squeeze(p) for p in phrasings]
    in_question = [x for p in phrasings for x in normalize_numbers(p)]
    # each cited row line with its label and figures, read once for all the answer's numbers
    labelled = [(label, line, _figures(line)) for text, source in cited.values()
                for rows in [passage_rows(source)] for line in text.split("\n") if ROW in line
                for label, row in rows if squeeze(row).endswith(squeeze(line))]
    found = []
    # the digits of a name the answer writes as its unit does ("Llama 3.1-405B") are the name's
    named = names_own_digits(answer, [text for text, _ in cited.values()])
    for number in normalize_numbers(answer):
        if any(same_quantity(number, x) for x in in_question) or any(
                in_copied_cell(number, line, answer) for _, line, _ in labelled) or number in named:
            continue
        rows = [(label, line) for label, line, figures in labelled if any(same_quantity(number, x) for x in figures)]
        # a row goes by its label and by the words of its cells: "해외 → 기업: Google, 종류: Bard"
        # is Bard's row, though its label only groups it
        names = [name for label, line in rows
                 for name in (label, *(value for _, value in table_cells(line) if not normalize_numbers(value)))]
        labels = [label for label, _ in rows]
        # a label that is a period, a total or a bare number tells nothing; the row's other names still do
        told = [name for name in names if _tellable(name)]
        # a label of numbers ("25", "21~30톤") is named by the same numbers in a row of the question's
        if any(numbers_named(label, phrasings) for label in labels):
            continue
        if told and not any(label_named(name, [*asked, squeeze(answer)], phrasings, answer) for name in told):
            found.append(f"{number.value:g} is the '{labels[0]}' row's figure; neither the question nor the answer "
                         f"names that row")
    return found


def numbers_named(label: str, phrasings: tuple[str, ...]) -> bool:
    """Whether a question states a label's numbers, in its order and nothing between them: a
    row numbered 25 asked as "순번 25번", a "21~30톤" tier asked as "the 21-30 ton tier"."""
    mine = [x.value for x in normalize_numbers(label)]
    if not mine:
        return False
    for phrasing in phrasings:
        said = [x.value for x in normalize_numbers(phrasing)]
        if any(said[i:i + len(mine)] == mine for i in range(len(said) - len(mine) + 1)):
            return True
    return False


_PERIOD_OR_TOTAL = re.compile(r"(?:19|20)\d{2}|^\W*(?:합\s*계|총\s*계|소\s*계|계|total|sum|subtotal)\W*$", re.IGNORECASE)


def _label_words(label: str) -> list[str]:
    return [w for w in re.split(r"[\s()·/,\-]+", label) if len(w) > 1 and not w.replace(".", "").isdigit()]


def _tellable(label: str) -> bool:
    return bool(_label_words(label)) and not _PERIOD_OR_TOTAL.search(label)


def label_named(label: str, squeezed: list[str], phrasings: tuple[str, ...], answer: str) -> bool:
    from qa.passages import holds_name, passage

    words = _label_words(label)
    if any(squeeze(w) in text for w in words for text in squeezed):
        return True
    if countries_in(label) & countries_in(" ".join([*phrasings, answer])):
        return True
    # a name written in the other script (Italy / 이탈리아): the question's and the answer's own
    written = [passage(t) for t in (*phrasings, answer)]
    return any(holds_name(p, w) for w in words for p in written if w.isascii() == p.terms.korean)
