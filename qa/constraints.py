"""What a question pins down, read from its words: the years it asks about, the countries and
named things it names, and the kind of quantity it wants. Evidence that covers every
constraint beats evidence that covers fewer; a hard constraint nothing covers is a reason to
say the reports do not cover the question.

Countries are read by qa.countries; nothing here names a report's own subjects."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from qa.countries import countries_in, demonym, without_countries
from qa.numbers import CODE_TAIL, normalize_numbers

_LATIN_NAME = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)")
MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])
QUESTION_WORDS = frozenset(
    "What Which Who Whom Whose When Where Why How Is Are Was Were Do Does Did Can Could In On At For Of The A An "  # noqa: SIM905
    "According Tell Give List Name Please By From To And Or Between During Since As I About Around Only Just "
    "Roughly Approximately Nearly Almost Exactly Overall Currently".split()
)

# Words that open English sentences and questions: grammar, not names.
OPENERS = QUESTION_WORDS | frozenset(
    ["Besides", "Apart", "Among", "Along", "Beyond", "Despite", "Except", "Excluding", "Including", "Unlike", "Like", "Compared", "Given", "Considering", "Following", "Regarding", "Based", "Under", "Within", "Without", "After", "Before", "Since", "While", "Although", "Though", "Because", "If", "Once", "Whereas", "Summarize", "Explain", "Describe", "Compare", "List", "Name", "Tell", "Give", "Show", "Find", "Both", "Each", "All", "Some", "Most", "Many", "Other", "Another", "Such", "There", "Here", "It", "This", "That", "These", "Those", "They", "We", "You", "He", "She", "Its", "Their", "Our", "Also", "However", "Overall"])

KINDS = {
    "rank": re.compile(r"순위|몇\s*위|몇\s*번째|\brank|\bplace[sd]?\b|position", re.IGNORECASE),
    # a rate named by its suffix after a word of two syllables or more (이용 경험률, 연체율) is a
    # share; a change's rate (성장률, 감소율) is not, nor 법률, 효율, 환율
    "share": re.compile(r"비중|비율|퍼센트|몇\s*%|\bshare\b|percent|proportion"
                        r"|[가-힣]{2}(?<!성장)(?<!증가)(?<!상승)(?<!감소)(?<!하락)(?<!변동)(?<!인상)[률율](?=[은는이가을를의과와도]|[^가-힣]|$)",
                        re.IGNORECASE),
    "growth": re.compile(r"증가율|성장률|연평균|CAGR|growth rate|annual growth|grew|increase[ds]? by", re.IGNORECASE),
    "money": re.compile(r"금액|투자|달러|매출|예산|invest|revenue|budget|spend|cost|price|worth", re.IGNORECASE),
    # "몇" before any counter asks a number ("몇 편", "몇 대", "몇 차례"); before 년, 월, 일 or
    # 시 it asks a date or a time, and "몇몇" means "some"
    "count": re.compile(r"(?<!몇)몇\s*(?!몇|년|월|일|시)[가-힣]|how many|number of|(?<![가-힣])수는|개수|얼마|규모|how much",
                        re.IGNORECASE),
    # "몇 년" alone is as often a duration ("몇 년 동안") as a date: not a year asked.
    "year": re.compile(r"몇\s*년도|어느\s*해|언제|연도|년도|\b(?:what|which)\s+year\b|\bwhen\b", re.IGNORECASE),
}
# "according to the SPRI report", "SPRI's table", "mentioned by NIA": a name that says where
# to look, not what the answer is about.
_SOURCE_REF = re.compile(
    r"(?:according to|mentioned by|published by|reported by|by)\s+(?:the\s+)?$|"
    r"^'s\s+(?:\S+\s+){0,3}?(?:report|analysis|study|survey|slides?|table|count)s?\b|"
    r"^\s+(?:report|analysis|study|survey|slides?|table|data|count|paper|document)s?\b|"
    r"^\s*(?:의\s*)?(?:보고서|슬라이드|자료|블로그|리뷰|발표)|^\s*의\s*(?:[^\s?]+\s+){1,2}?(?:보고서|슬라이드)",
    re.IGNORECASE)
_QUARTER = re.compile(r"([1-4])\s*분기|\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|\bQ([1-4])\b",
                      re.IGNORECASE)
_ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# A year, a date or a month is a time, not a quantity: "2023년" does not answer "how many".
# A whole date first ("2024-02-26", "2024. 7. 1.", "2023.12"): its month and day are no
# figures either; "2023. 5개" and "2019.5점" are a year and a figure, or a figure, not a date.
_MONTH, _DAY = r"(?:0?[1-9]|1[0-2])(?!\d)", r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_DATE = (rf"(?<![\d,.])(?:19|20)\d{{2}}(?:-{_MONTH}(?:-{_DAY})?|\.\s?{_MONTH}(?:\.\s?{_DAY})?|/{_MONTH}(?:/{_DAY})?)"
         r"(?![.,]\d|\s?[%억만조원달러개건명곳점배위])\.?")
_TIME = re.compile(_DATE + r"|(?:19|20)\d{2}\s*년?|[‘'’`]\s?\d{2}(?:\.\d{1,2}){0,2}\.?|\d{1,2}\s*월|\d{1,2}\s*일|\d{2}년")
_A_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]\d)|[‘'’`]\s?\d{2}(?!\d)")
_MONEY_UNIT = re.compile(r"원|달러|\$|USD|KRW|dollars?|won\b|euros?|€", re.IGNORECASE)
_GROWTH_UNIT = re.compile(r"%|배|증가|성장|growth|grew|CAGR", re.IGNORECASE)


@dataclass(frozen=True)
class Constraints:
    year: int | None = None  # one year asked about ("in 2023 alone"); a span is not a hard constraint
    span: tuple[int, int] | None = None
    countries: tuple[str, ...] = ()  # ISO codes
    names: tuple[str, ...] = ()  # other proper names in Latin script ("Google", "EPOCH AI")
    kind: str = ""  # rank | share | growth | money | count | year | ""
    quarter: int | None = None  # "3분기", "the third quarter"

    @property
    def count(self) -> int:
        return (self.year is not None) + len(self.countries) + len(self.names) + (self.quarter is not None)


@functools.lru_cache(maxsize=256)
def read_constraints(question: str) -> Constraints:
    """A question's constraints, read once per text however many checks ask (frozen, so shared)."""
    years = [int(y) for y in _YEAR.findall(question)]
    span = None
    if m := _SPAN.search(question):
        start, end = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        span = (int(start), int(end) if len(end) == 4 else 2000 + int(end))
    year = years[0] if len(set(years)) == 1 and span is None else None
    countries = countries_in(question) | {code for w in _LATIN_NAME.findall(question) if (code := demonym(w))}
    names = tuple(latin_names(without_countries(question)))
    kind = next((k for k, pattern in KINDS.items() if pattern.search(question)), "")
    quarter = None
    if q := _QUARTER.search(question):
        quarter = int(q.group(1) or q.group(3) or _ORDINAL_QUARTER[q.group(2).lower()])
    return Constraints(year, span, tuple(sorted(countries)), names, kind, quarter)


def folded(text: str) -> str:
    """A name's version number joined to it (GPT-4, GPT4 and "GPT 4" alike), words kept apart."""
    return re.sub(r"(?<=[a-z])[\s\-_.·]+(?=\d)", "", text.casefold())


def latin_names(question: str) -> list[str]:
    """Capitalised words that are not question words nor the source the question names:
    "Google", "OpenAI", "EPOCH"."""
    found = []
    starts = {m.end() for m in re.finditer(r"(?:^|[.!?:]\s+|\n)\W*", question)}
    for m in _LATIN_NAME.finditer(question):
        word = m.group(1)
        if word in QUESTION_WORDS or len(word) < 2 or word.lower() in {"ai", "ml", "it"} or word in MONTHS:
            continue
        # a sentence's opening word ("Besides", "Apart from") and a nationality ("Korean", a
        # country: read_constraints' countries) are not names, as the support check reads them
        if (m.start() in starts and word in OPENERS) or demonym(word):
            continue

        if _SOURCE_REF.search(question[:m.start()]) or _SOURCE_REF.search(question[m.end():]):
            continue
        found.append(word)
    return found


def covers_quarter(text: str, quarter: int) -> bool:
    return any(int(m.group(1) or m.group(3) or _ORDINAL_QUARTER[m.group(2).lower()]) == quarter
               for m in _QUARTER.finditer(text))


def covers_year(text: str, year: int) -> bool:
    return year in years_mentioned(text)


def names_year(text: str, year: int) -> bool:
    """The year stated on its own, not only as one end or the inside of a span ("2020~2023년"
    covers 2023, but says nothing about 2023 alone)."""
    return year in years_mentioned(_RANGE.sub(" ", text))


def without_dates(text: str) -> str:
    """``text`` with its dates blanked (2023년, '23.6, 8월 ...): what is left counts things."""
    return _TIME.sub(" ", text)


def covers_kind(text: str, kind: str) -> bool:
    """Whether a text states a quantity of the kind asked."""
    if kind == "year":
        return bool(_A_YEAR.search(text))
    numbers = normalize_numbers(_TIME.sub(" ", text))
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


def coverage(c: Constraints, text: str, context: str = "", near: float = 0.5,
             across: Callable[[str, str], bool] | None = None) -> float:
    """Share of the question's constraints a text covers; ``context`` (its neighbours, its
    section) covers at ``near`` weight. 1.0 when the question has none. ``across(name, text)``
    finds a name written in the other script (qa.passages.written_across)."""
    if not c.count:
        return 1.0
    got = 0.0
    both = f"{text}\n{context}"
    if c.year is not None:
        got += (1.0 if names_year(text, c.year) else near if covers_year(text, c.year) or names_year(both, c.year)
                else 0.0)
    if c.countries:
        here, around = countries_in(text), countries_in(both)
        got += sum(1.0 if code in here else near if code in around else 0.0 for code in c.countries)
    if c.names:
        # GPT-4, GPT4 and "GPT 4" are one name; folded once per unit, not once per name
        here_f, both_f = folded(text), folded(both)
        got += sum(1.0 if (low := folded(name)) in here_f or (across is not None and across(name, text)) else
                   near if low in both_f else 0.0 for name in c.names)
    if c.quarter is not None:
        got += 1.0 if covers_quarter(text, c.quarter) else near if covers_quarter(both, c.quarter) else 0.0
    return got / c.count


# a case number's leading digits (2024가합51234) are no year
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?!" + CODE_TAIL + ")")
_SHORT_YEAR = re.compile(r"(?:[‘'’](\d{2})(?!\d))|(?:(?<![\d.,])(\d{2})년)")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*년?\s*(?:~|∼|-|–|—|부터|to|through|until)\s*((?:19|20)?\d{2})(?!\d)")
# "between 2020 and 2023" is a span in a question; in a report "2021 and 2023" is two years.
_SPAN = re.compile(_RANGE.pattern + r"|between\s+((?:19|20)\d{2})\s+and\s+((?:19|20)?\d{2})(?!\d)", re.IGNORECASE)


def without_spans(text: str) -> str:
    """The text with its spans of years ("2020~2023년", "between 2020 and 2023") taken out."""
    return _SPAN.sub(" ", text)


def period_mismatch(question: str, sources: list[str]) -> str:
    """A question about one year answered from evidence about other years ("2024년 투자
    규모는?" from "2023년 기준 13.9억 달러"): restating the question's year makes the
    answer look right, so it is named as a problem, as is a span that holds the year without
    naming it alone. Silent when the question spans a range or the evidence names no year."""
    asked = {int(y) for y in _YEAR.findall(question)}
    if len(asked) != 1 or _RANGE.search(question):
        return ""
    text = " ".join(sources)
    covered = years_mentioned(text)
    if not covered or asked <= years_mentioned(_RANGE.sub(" ", text)):
        return ""
    if asked <= covered:
        # a span that holds the year is not the year: "2021~2024년 … 12개" is no count for 2024
        spans = ", ".join(dict.fromkeys(m.group(0).strip() for m in _RANGE.finditer(text)))
        return f"the cited evidence gives {spans} together, not {asked.pop()} alone"
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



# Where to look, not what is asked: a preposition, an optional publisher-like name (a few
# words without digits), a document word. Nothing after the document word is taken.
_NAME_WORDS = r"(?:(?!(?:in|from|on|of|according|about|the)\b)[^\s\d,?.]+\s+){0,4}"
_WHERE_TO_LOOK = re.compile(
    rf",?\s*\b(?:according to|as (?:cited|stated|mentioned|given|shown) in|per|in|from)\s+(?:the\s+)?{_NAME_WORDS}"
    r"(?:report|slides?|deck|blog(?:\s+post)?|document)(?:'s\b|’s\b|'|’|\b)"
    r"|(?:[A-Za-z][\w&.-]*\s*)?(?:보고서|슬라이드|블로그)(?:에\s*따르면|에서는|에서|에는|는|에)\s*",
    re.IGNORECASE)


def without_source(question: str) -> str:
    """The question without the words that say where to look ("according to the KDI report",
    "KDI 보고서는"): retrieval uses them to find the report, but inside its passages they
    make the report's own boilerplate (copyright lines, contact details) look relevant."""
    stripped = _WHERE_TO_LOOK.sub(" ", question)
    stripped = re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s{2,}", " ", stripped)).strip(" ,'’")
    return stripped if len(stripped) >= max(8, len(question) // 3) else question
