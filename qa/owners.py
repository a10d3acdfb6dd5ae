"""Whose figure it is: a line that gives several countries their figures ("미국(64건), 중국(42건)",
"중국과 영국의 경우 각각 77.6억 달러, 37.8억 달러") says which figure is whose, and an answer
that gives one country another's figure ("the UK invested 7.76 billion") is wrong though both
the country and the figure are in its source. Countries are read by CLDR names in either
script (qa.countries); nothing here knows a report's subjects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qa.choice import figure_of, respective_figures
from qa.countries import countries_in, country_name, country_names
from qa.numbers import Number, echoes, normalize_numbers, same_quantity


def owners(line: str) -> dict[str, Number]:
    """Each country ``line`` gives a figure to, by ISO code: the figure right after its name,
    or the figures given in turn after the names ("각각", "respectively")."""
    surface = {}
    for code in sorted(countries_in(line)):
        if name := next((n for n in country_names(code) if n in line), None):
            surface[code] = name
    found = {code: x for code, name in surface.items() if (x := figure_of(line, name))}
    if len(surface) >= 2:
        by_name = respective_figures(line, list(surface.values()))
        found |= {code: by_name[name] for code, name in surface.items() if name in by_name and code not in found}
    return found


def misowned(question: str, answer: Sequence[str], cited: Mapping[int, str], lang: str = "en") -> list[str]:
    """Why an answer sentence gives a country a figure its cited unit gives another, while
    giving that country a different one; [] when no cited line tells."""
    given = normalize_numbers(question)
    found = []
    for sentence in answer:
        named = countries_in(sentence)
        if len(named) != 1:
            continue  # a sentence of two countries pairs its figures itself
        (code,) = named
        for x in normalize_numbers(sentence):
            if echoes(x, given):
                continue
            for n, text in cited.items():
                for line in text.splitlines():
                    whose = owners(line)
                    theirs = whose.get(code)
                    other = next((c for c, y in whose.items() if c != code and same_quantity(x, y)), None)
                    if theirs is not None and other and not same_quantity(x, theirs):
                        found.append(f"[{n}] gives {x.written} to {country_name(other, lang)} and "
                                     f"{theirs.written} to {country_name(code, lang)}")
    return found
