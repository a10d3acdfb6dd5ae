"""The table row a question names by its own label or cells (selection's rule ``named-row``):
such a row scores above its siblings, whose captions say as much of the question as its own."""

from __future__ import annotations

import os
import re

import numpy as np

from qa.constraints import without_spans, years_mentioned
from qa.numbers import normalize_numbers
from qa.passages import ROW, squeeze
from qa.tables import table_cells


def named_rows(phrasings: list[str], rows: list[tuple[str, str] | None]) -> np.ndarray:
    """1 for each table row (passage id, text) whose own label a phrasing of the question
    names: what its head adds to the caption the rows of its passage share ("냉동식품" among
    "<표 1> 유형별 시장 규모 …" rows), or the month and year it is of ("2023. 11." for
    "2023년 11월"). Word pieces do not name a row: 즉석조리식품 shares 식품 with 냉동식품."""
    from qa.terms import terms

    heads: dict[str, list[str]] = {}
    for row in rows:
        if row is not None and ROW in row[1]:
            heads.setdefault(row[0], []).append(row[1].split(ROW, 1)[0])
    asked = [(p.casefold(), terms(p).months, years_mentioned(p)) for p in phrasings]
    out = np.zeros(len(rows), dtype=np.float32)
    labels: dict[int, str] = {}
    for i, row in enumerate(rows):
        if row is None or ROW not in row[1] or len(heads[row[0]]) < 2:
            continue
        head = row[1].split(ROW, 1)[0]
        # rows that all share one head (a piece of a table whose rows are all "2023") differ by
        # no label: the head's last word is taken as theirs
        common = max((len(os.path.commonprefix([head, h])) for h in heads[row[0]] if h != head),
                     default=head.rfind(" ") + 1)
        # the shared caption ends between words: "… 2023. 10." and "… 2023. 11." share "2023. 1";
        # a head all of which another's begins with (영업이익, 영업이익률) is its last word
        cut = head.rfind(" ", 0, min(common, len(head) - 1) + 1) + 1
        label, caption = head[cut:].strip(), head[:cut]
        if not label:
            continue
        # a row of a month ("2023. 11."), its year perhaps in the caption; a caption's own month
        # ("2024년 1월 기준") is every row's
        months, years = terms(head).months - terms(caption).months, years_mentioned(head)
        for said, asked_months, asked_years in asked:
            if months and months <= asked_months and years <= asked_years:
                out[i] = 1.0
            # the row's table must be the one asked of: a word of its caption in the question
            # ("부문별 실적" for "<표 4> 부문별 매출액과 영업이익", not the 영업이익 row of a summary table)
            if _named_whole(label, said) and _caption_asked(caption, said):
                out[i] = 1.0
                labels[i] = squeeze(label)
            # ... or by a cell of its own, spaced as the question pleases ("코난 테크놀로지" for
            # 코난테크놀로지): a year-labelled row goes by its name cell
            elif _caption_asked(caption, said) and any(
                    len(v := squeeze(value)) >= 3 and v in squeeze(said) and not normalize_numbers(value)
                    for _, value in table_cells(row[1])):
                out[i] = 1.0
    # "냉장육가공품" asked names that row, not also the 육가공품 row its name contains
    for i, label in labels.items():
        if any(label != other and label in other for other in labels.values()):
            out[i] = 0.0
    return out


# Caption words that name no table in particular.
_CAPTION_FILLER = frozenset({"table", "the", "and", "for", "from", "with", "by", "of", "in", "표", "단위", "계속"})


def _caption_asked(caption: str, asked: str) -> bool:
    words = re.split(r"[\s()<>\[\]·/,:.]+", re.sub(r"\(단위[^)]*\)|<[^>]*>|\[[^\]]*\]", " ", caption.casefold()))
    return any(len(w) > 1 and not w.isdigit() and w not in _CAPTION_FILLER and _says(asked, w) for w in words)


def _named_whole(label: str, asked: str) -> bool:
    """Every word of a row's label, bracketed glosses aside, is in the question, a span's
    years aside: "2020~2023년" asks of the whole span, not of the 2023 row."""
    words = [w for w in re.split(r"[\s·/,]+", re.sub(r"\([^)]*\)", " ", label).casefold()) if len(w) > 1]
    return bool(words) and all(_says(without_spans(asked), w) for w in words)


def _says(asked: str, word: str) -> bool:
    """A Korean word anywhere in the question, spaces aside (냉동식품의); a Latin one whole
    ("US" is not in "business")."""
    if word.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", asked) is not None
    return squeeze(word) in squeeze(asked)


# A cell that is a figure ("120", "3,280명", "12.5%", "-0.7"), not a name with digits ("Orca 7B").
_FIGURE_CELL = re.compile(r"(?:[A-Z]{3}\s?|[$€£₩])?[-+−]?\(?[\d][\d,.]*\)?\s*(?:%|[가-힣]{1,2}|[A-Za-z]{1,3})?")


def states_a_figure(row: str) -> bool:
    """Whether a table row has a cell that is a figure: a row of names alone ("2023 → 모델명:
    Orca 7B, 개발주체: 나래") answers no "how many" or "how much", whatever year labels it."""
    return any(_FIGURE_CELL.fullmatch(value.strip()) for _, value in table_cells(row))
