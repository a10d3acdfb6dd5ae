"""Whose figure it is: a line that gives several countries their figures ("갑국(12건), 을국(7건)",
"갑국과 을국의 경우 각각 5.1억 달러, 2.3억 달러") says which figure is whose, and an answer that
gives one country another's figure ("Ruritania invested 5.1 billion") is wrong though both the
country and the figure are in its source. Countries are read by CLDR names in either
script (qa.countries); nothing here knows a report's subjects."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from qa.choice import RESPECTIVELY, figure_of, respective_figures
from qa.citations import strip_markers
from qa.countries import countries_in, country_name, country_names
from qa.numbers import Number, echoes, normalize_numbers, prepare_text, same_quantity


def is_year(x: Number) -> bool:
    """A bare figure that reads as a year (2023, of "2023년" or "in 2023"), not an amount."""
    return x.kind == "number" and float(x.value).is_integer() and 1900 <= x.value <= 2100


def owners(line: str) -> dict[str, Number]:
    """Each country ``line`` gives a figure to, by ISO code: the figure right after its name,
    or the figures given in turn after the names ("각각", "respectively"); a year is no figure."""
    surface = {}
    for code in sorted(countries_in(line)):
        if name := next((n for n in country_names(code) if n in line), None):
            surface[code] = name
    found = {code: x for code, name in surface.items() if (x := figure_of(line, name))}
    if len(surface) >= 2:
        by_name = respective_figures(line, list(surface.values()))
        found |= {code: by_name[name] for code, name in surface.items() if name in by_name and code not in found}
    return {code: x for code, x in found.items() if not is_year(x)}


def misowned(question: str, answer: Sequence[str], cited: Mapping[int, str], lang: str = "en") -> list[str]:
    """Why an answer sentence gives a country a figure its cited units give another, and never
    this country, while they give this country a different one; [] when they do not tell."""
    given = normalize_numbers(question)
    lines = [(n, owners(line)) for n, text in cited.items() for line in text.splitlines()]
    found = []
    for sentence in answer:
        named = countries_in(sentence)
        if len(named) != 1:
            continue  # a sentence of two countries pairs its figures itself
        (code,) = named
        figures = [x for x in normalize_numbers(sentence) if not echoes(x, given) and not is_year(x)]
        theirs = [(n, whose[code]) for n, whose in lines if code in whose]
        # a sentence that states the country's own figure too says something else with the other
        if not theirs or any(same_quantity(x, y) for x in figures for _, y in theirs):
            continue
        for x in figures:
            other = next(((n, c) for n, whose in lines for c, y in whose.items() if c != code and same_quantity(x, y)),
                         None)
            if other:
                found.append(f"[{other[0]}] gives {x.written} to {country_name(other[1], lang)} and "
                             f"{theirs[0][1].written} to {country_name(code, lang)}")
    return found


# "81.0%에서 76.5%로", "81.0% → 76.5%", "from 81.0% to 76.5%": the first figure is the earlier one.
# between them, at most a scale letter ("2,900m"), a currency, the later year and a word ("연")
_THEN = re.compile(r"[A-Za-z]{0,2}\s*(?:에서|→|->)\s*(?:(?:19|20)\d{2}년?\s*)?(?:[가-힣]{1,2}\s+)?(?:[A-Z]{3}|[$£€₩])?\s*")
_TO = re.compile(r"[A-Za-z]{0,2}\s+to\s+(?:(?:19|20)\d{2}\s+)?(?:[A-Z]{3}|[$£€₩])?\s*")
_FROM = re.compile(r"\bfrom\s+(?:\S+\s*)?$", re.IGNORECASE)


def changes(line: str) -> list[tuple[Number, Number]]:
    """(earlier, later) figures ``line`` gives as a change from one to the other."""
    prepared = prepare_text(line)
    numbers = [n for n in normalize_numbers(line) if not is_year(n)]
    return [(a, b) for a, b in itertools.pairwise(numbers) if a.kind == b.kind and a.value != b.value and (
        _THEN.fullmatch(prepared[a.end:b.start])
        or (_TO.fullmatch(prepared[a.end:b.start]) and _FROM.search(prepared[max(0, a.start - 12):a.start])))]


def reversed_periods(question: str, answer: Sequence[str], cited: Mapping[int, str]) -> list[str]:
    """Why an answer gives the earlier of two years the figure its cited unit gives as the
    later one, and the later year the earlier ("2024년 말의 부채비율은 81.0% … 2023년 말은 76.5%"
    of "부채비율은 81.0%에서 76.5%로 낮아졌다"); [] when no cited change tells."""
    given = normalize_numbers(question)
    dated: dict[int, list[Number]] = {}
    for sentence in answer:
        numbers = normalize_numbers(sentence)
        years = {int(x.value) for x in numbers if is_year(x)}
        if len(years) == 1:
            figures = [x for x in numbers if not is_year(x) and not echoes(x, given)]
            dated.setdefault(years.pop(), []).extend(figures)
    if len(dated) != 2:
        return []
    early, late = sorted(dated)
    found = []
    for n, text in cited.items():
        for line in text.splitlines():
            for before, after in changes(line):
                if (any(same_quantity(after, x) for x in dated[early])
                        and any(same_quantity(before, x) for x in dated[late])):
                    found.append(f"[{n}] gives {before.written} then {after.written}: {before.written} is the "
                                 f"earlier figure, of {early}, and {after.written} that of {late}")
    return found


# A year that owns the figures after it in its clause ("2022년 처음 출시(4개)되었으며"): written
# alone, not an end of a span ("2020~2023년"), a date ("2024. 12."), part of an identifier
# ("2024가합51234") or a point a figure runs from or to ("2023년까지 총 16개", "전년 대비")
_YEAR = re.compile(r"(?<![\d.,~\-–])((?:19|20)\d{2})(?:\s*년도?|(?![\d.,%]|\s*년|[가-힣]{1,3}\d))(?!\s*[~\-–]\s*\d)"
                   r"(?!\.\s?\d)(?!\s*(?:까지|부터|이후|이전|대비|보다|에\s*비해))")
# where a year's clause ends: its figure comes before any of these
_CLAUSE_END = re.compile(r",(?!\d{3})|[;)→]|에서|으로|부터|이며|으며|며\s|고\s|\b(?:and|to|from|than|vs)\b")


def dated_figures(line: str) -> dict[int, list[Number]]:
    """Each year ``line`` names on its own, and the figure of its clause: the first figure after
    it before the clause ends or another year begins ("2022년 처음 출시(4개)되었으며, 2023년 더욱
    많은(23개)": 2022 has 4, 2023 has 23). A line that gives figures in turn ("각각",
    "respectively") is read only by the order it gives them in."""
    years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(line)]
    if RESPECTIVELY.search(line):
        by = respective_figures(line, [line[s:e] for s, e, _ in years])
        return {y: [by[line[s:e]]] for s, e, y in years if line[s:e] in by}
    found: dict[int, list[Number]] = {}
    for (_, end, year), following in zip(years, [*(s for s, _, _ in years[1:]), len(line)]):
        clause = line[end:following]
        if stop := _CLAUSE_END.search(clause):
            clause = clause[:stop.start()]
        # a figure with its unit (개, 명, 원, %): a bare number after a year is its month, day,
        # quarter or a case number ("2024년 12월", "2024가합51234"), not its figure
        figures = [x for x in normalize_numbers(strip_markers(clause)) if x.kind not in ("number", "rank")]
        if figures:
            found.setdefault(year, []).append(figures[0])
    return found



def misdated(year: int | None, question: str, answer: Sequence[str], cited: Mapping[int, str]) -> list[str]:
    """Why an answer gives the year asked a figure its cited units give another year, while they
    give the year asked a figure of its own ("4" for 2023, of "2022년 처음 출시(4개)되었으며,
    2023년 더욱 많은(23개)"); [] when no cited line tells."""
    if year is None:
        return []
    given = normalize_numbers(question)
    lines = [(n, dated_figures(line)) for n, text in cited.items() for line in text.splitlines()]
    own = [(n, x) for n, dated in lines for x in dated.get(year, [])]
    found = []
    for sentence in answer:
        numbers = normalize_numbers(strip_markers(sentence))
        if any(is_year(x) and x.value != year for x in numbers):
            continue  # a sentence naming another year speaks of that year itself
        figures = [x for x in numbers if not is_year(x) and not echoes(x, given)]
        if not own or any(same_quantity(x, y) for x in figures for _, y in own):
            continue
        for x in figures:
            other = next(((n, z) for n, dated in lines for z, ys in dated.items()
                          if z != year and any(same_quantity(x, y) for y in ys)), None)
            if other:
                found.append(f"[{other[0]}] gives {x.written} to {other[1]}, and {own[0][1].written} to {year}")
    return found
