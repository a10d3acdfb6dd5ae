"""What a question pins down, read from its words: the years it asks about, the countries and
named things it names, and the kind of quantity it wants. Evidence that covers every
constraint beats evidence that covers fewer; a hard constraint nothing covers is a reason to
say the reports do not cover the question.

Country names come from CLDR (Babel) in Korean and English, plus the alias file beside this
module; nothing here names a report's own subjects."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.korean import kiwi
from qa.numbers import normalize_numbers

_ALIASES = Path(__file__).with_name("data") / "country_aliases.tsv"
_LATIN_NAME = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)")
_QUESTION_WORDS = frozenset(
    "What Which Who Whom Whose When Where Why How Is Are Was Were Do Does Did Can Could In On At For Of The A An "
    "According Tell Give List Name Please By From To And Or Between During Since As I".split()
)

KINDS = {
    "rank": re.compile(r"순위|몇\s*위|몇\s*번째|\brank|\bplace[sd]?\b|position", re.IGNORECASE),
    "share": re.compile(r"비중|비율|퍼센트|몇\s*%|\bshare\b|percent|proportion", re.IGNORECASE),
    "growth": re.compile(r"증가율|성장률|연평균|CAGR|growth rate|annual growth|grew|increase[ds]? by", re.IGNORECASE),
    "money": re.compile(r"금액|투자\s*규모|얼마|달러|how much|invest|amount|worth|spend|budget|예산", re.IGNORECASE),
    "count": re.compile(r"몇\s*(?:개|건|명|곳|종|개국)|how many|number of|수는|개수", re.IGNORECASE),
}
_MONEY_UNIT = re.compile(r"원|달러|\$|USD|KRW|dollars?|won\b|euros?|€", re.IGNORECASE)
_GROWTH_UNIT = re.compile(r"%|배|증가|성장|growth|grew|CAGR", re.IGNORECASE)


@dataclass(frozen=True)
class Constraints:
    year: int | None = None  # one year asked about ("in 2023 alone"); a span is not a hard constraint
    span: tuple[int, int] | None = None
    countries: tuple[str, ...] = ()  # ISO codes
    names: tuple[str, ...] = ()  # other proper names in Latin script ("Google", "EPOCH AI")
    kind: str = ""  # rank | share | growth | money | count | ""

    @property
    def count(self) -> int:
        return (self.year is not None) + len(self.countries) + len(self.names)


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, ...]]:
    """ISO code -> every name: CLDR Korean and English, then the alias file."""
    from babel import Locale

    names: dict[str, set[str]] = {}
    for locale in ("ko", "en"):
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(code, set()).add(name)
    for line in _ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *aliases = line.split("\t")
            names.setdefault(code, set()).update(a for a in aliases if a)
    return {code: tuple(sorted(found, key=len, reverse=True)) for code, found in names.items()}


@functools.lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name = {name.lower(): code for code, names in _country_names().items() for name in names}
    # Longest first, so 인도네시아 is read before 인도 and "South Korea" before "Korea".
    alternatives = sorted(by_name, key=len, reverse=True)
    latin = r"(?<![A-Za-z])(?:{})(?![A-Za-z])"
    pattern = "|".join(latin.format(re.escape(a)) if a.isascii() else re.escape(a) for a in alternatives)
    return re.compile(pattern, re.IGNORECASE), by_name


def countries_in(text: str) -> set[str]:
    pattern, by_name = _country_pattern()
    return {by_name[m.group(0).lower()] for m in pattern.finditer(text)}


def country_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale(lang).territories.get(code, code)


def read_constraints(question: str) -> Constraints:
    years = [int(y) for y in _YEAR.findall(question)]
    span = None
    if m := _SPAN.search(question):
        start, end = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        span = (int(start), int(end) if len(end) == 4 else 2000 + int(end))
    year = years[0] if len(set(years)) == 1 and span is None else None
    countries = countries_in(question)
    pattern, _ = _country_pattern()
    names = tuple(_latin_names(pattern.sub(" ", question)))
    kind = next((k for k, pattern in KINDS.items() if pattern.search(question)), "")
    return Constraints(year, span, tuple(sorted(countries)), names, kind)


def _latin_names(question: str) -> list[str]:
    """Capitalised words that are not question words: "Google", "OpenAI", "EPOCH"."""
    found = []
    for m in _LATIN_NAME.finditer(question):
        word = m.group(1)
        if word in _QUESTION_WORDS or len(word) < 2 or word.lower() in {"ai", "ml", "it"}:
            continue
        found.append(word)
    return found


def covers_year(text: str, year: int) -> bool:
    return year in years_mentioned(text)


def covers_kind(text: str, kind: str) -> bool:
    """Whether a text states a quantity of the kind asked."""
    numbers = normalize_numbers(text)
    if not kind or not numbers:
        return bool(numbers) and kind == ""
    kinds = {n.kind for n in numbers}
    if kind == "rank":
        return "rank" in kinds or bool(re.search(r"순위|rank", text, re.IGNORECASE))
    if kind in ("share",):
        return "percent" in kinds
    if kind == "growth":
        return "percent" in kinds or bool(_GROWTH_UNIT.search(text))
    if kind == "money":
        return bool(_MONEY_UNIT.search(text))
    return True  # a count: any number will do


def coverage(c: Constraints, text: str, context: str = "") -> float:
    """Share of the question's constraints a text covers; ``context`` (its neighbours, its
    section) covers at half weight. 1.0 when the question has none."""
    if not c.count:
        return 1.0
    got = 0.0
    both = f"{text}\n{context}"
    if c.year is not None:
        got += 1.0 if covers_year(text, c.year) else 0.5 if covers_year(both, c.year) else 0.0
    if c.countries:
        here, near = countries_in(text), countries_in(both)
        got += sum(1.0 if code in here else 0.5 if code in near else 0.0 for code in c.countries)
    for name in c.names:
        low = name.lower()
        got += 1.0 if low in text.lower() else 0.5 if low in both.lower() else 0.0
    return got / c.count


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SHORT_YEAR = re.compile(r"(?:[‘'’](\d{2})(?!\d))|(?:(?<![\d.,])(\d{2})년)")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*년?\s*(?:~|∼|-|–|—|부터|to|through|until)\s*((?:19|20)?\d{2})(?!\d)")
# "between 2020 and 2023" is a span in a question; in a report "2021 and 2023" is two years.
_SPAN = re.compile(_RANGE.pattern + r"|between\s+((?:19|20)\d{2})\s+and\s+((?:19|20)?\d{2})(?!\d)", re.IGNORECASE)


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


def subject_mismatches(question: str, answer: str, sources: list[str], context: list[str]) -> list[str]:
    """What the answer is about that its citations are not: a year (the cited units speak of
    other years), a country, a Latin-script name or a Korean proper noun that the question and
    the answer share but the cited units and their passages never mention."""
    found = []
    if period := period_mismatch(question, sources):
        found.append(period)
    cited = "\n".join(context)
    for code in sorted(countries_in(answer) & countries_in(question) - countries_in(cited)):
        found.append(f"the cited evidence is not about {country_name(code, 'en')}")
    for name in read_constraints(question).names:
        if name.lower() in answer.lower() and name.lower() not in cited.lower():
            found.append(f"the cited evidence does not mention {name}")
    cited_nouns = _proper_nouns(cited)
    for noun in sorted(_proper_nouns(question) & _proper_nouns(answer) - cited_nouns):
        if noun not in cited:
            found.append(f"the cited evidence does not mention {noun}")
    return found


def _proper_nouns(text: str) -> set[str]:
    """Korean proper nouns (Kiwi's NNP) of two or more syllables: offices, organisations, products."""
    return {t.form for t in kiwi().tokenize(text) if t.tag == "NNP" and len(t.form) >= 2 and not t.form.isascii()}
