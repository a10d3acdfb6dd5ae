"""Numbers in Korean and English text, by value: 세 번째 = 3위 = third, 1,750억 = 175 billion.

Shared by answer verification (qa.verify) and scoring (eval.scoring), so that what the
assistant accepts as "the same number" is what the eval counts as right.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from qa.currencies import currency_of

# "money:<family>": an amount of a currency family read from CLDR ("money:dollar", "money:won")
Kind = Literal["number", "count", "percent", "rank"] | str
Language = Literal["ko", "en"]


@dataclass(frozen=True)
class Number:
    """A quantity found in text; ``start``/``end`` index into ``prepare_text(text)``."""

    value: float
    kind: Kind
    start: int
    end: int
    # the figure's digits as written: "1.2E+11" answers a question that said "120B", while
    # "2023" only says the question's "2023년" back
    written: str = field(default="", compare=False)


def same_quantity(a: Number, b: Number) -> bool:
    """The one rule of "the same number", for verification and scoring alike: equal values,
    and kinds that agree; a bare number goes with any kind ("3" vs "3위"), while two explicit
    kinds must match, so "3개" never passes for "3위" nor "86.2%" for 86.2 models."""
    kinds_ok = a.kind == b.kind or "number" in (a.kind, b.kind)
    return kinds_ok and math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12)


def echoes(number: Number, asked: Iterable[Number]) -> bool:
    """Whether ``number`` is one of the question's own figures said back: the same quantity
    written with the same digits."""
    return any(same_quantity(number, x) and not (number.written and x.written and number.written != x.written)
               for x in asked)


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_KO_NATIVE = {
    "첫": 1, "한": 1, "하나": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "넷": 4, "네": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "열한": 11,
    "열두": 12, "열세": 13, "열네": 14, "열다섯": 15, "스무": 20,
}
_EN_ORDINAL = {
    w: i + 1
    for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    )
}
# "one" is left out on purpose: "one of the ..." would read as a quantity everywhere.
_EN_CARDINAL = {
    w: i + 2
    for i, w in enumerate(
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
    )
}
_KO_SMALL = {"십": 10, "백": 100, "천": 1_000}
_KO_BIG = {"만": 10**4, "억": 10**8, "조": 10**12}
_EN_SCALE = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6,
    "billion": 10**9, "b": 10**9, "bn": 10**9, "trillion": 10**12, "t": 10**12,
}


def _alt(words: Iterable[str]) -> str:
    # Longest first so "열한" wins over "열" and "하나" over "한".
    return "|".join(sorted(words, key=len, reverse=True))


_TOKEN = re.compile(
    rf"(?<![가-힣])(?P<ko_ord>{_alt(_KO_NATIVE)})\s?번째"
    rf"|(?<![가-힣])(?P<ko_jjae>{_alt(['첫', '둘', '셋', '넷', '다섯', '여섯', '일곱', '여덟', '아홉', '열'])})째"
    rf"|(?<![가-힣])(?P<ko_card>{_alt(_KO_NATIVE)})\s?(?=개국|개(?!월)|가지|명|곳|건|종)"
    rf"|\b(?P<en_ord>{_alt(_EN_ORDINAL)})\b"
    rf"|\b(?P<en_card>{_alt(_EN_CARDINAL)})\b"
    r"|(?:\bno\.|\bnumber|#)\s?(?P<no_num>\d+)\b"
    # Digits glued to a Latin letter are model names (H100, GPT4), not quantities;
    # "2024.03.18" must not yield ".18" either.
    r"|(?P<sign>(?<![\w.])[-−])?(?<![A-Za-z\d])(?<!\d\.)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:[eE](?P<exp>[+-]?\d+)|\^\{?(?P<pow>-?\d+)\}?)?",
    re.IGNORECASE,
)
# 만큼 ("as much as") and 조사/조건... are words, not the units 만 and 조.
_KO_UNIT = re.compile(r"(?P<small>[십백천])?(?P<big>만(?!큼)|억|조(?![사건직합정치]))?")
# Not \b: in a Korean sentence an English word takes a particle ("8.9 billion까지"), and
# Hangul is a word character to \b.
_EN_UNIT = re.compile(
    r"\s?(?P<word>thousand|million|billion|trillion|bn|mn)(?![A-Za-z\d])|(?P<abbr>(?-i:[kKMBT]))(?![A-Za-z])",
    re.IGNORECASE,
)
_MONEY_MILLIONS = re.compile(r"m(?![A-Za-z\d])")
_PERCENT = re.compile(r"\s?(?:%|퍼센트|per\s?cent(?![A-Za-z\d])|pct(?![A-Za-z\d]))", re.IGNORECASE)
_RANK_SUFFIX = re.compile(r"위|번째|째|(?:st|nd|rd|th)(?![A-Za-z\d])", re.IGNORECASE)
_COUNT_SUFFIX = re.compile(
    r"\s?(?:개국|개(?!월)|건|명|곳|가지|종)"
    r"|\s(?:models?|countries|companies|organi[sz]ations|people|researchers|versions)(?![A-Za-z\d])",
    re.IGNORECASE,
)
_RANK_PREFIX = re.compile(r"\b(?:rank(?:ed|s|ing)?|placed)\s*$", re.IGNORECASE)


def prepare_text(text: str) -> str:
    """NFKC (full-width digits, ％) after turning superscript exponents into ^n."""
    text = re.sub(
        r"(?<=\d)([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)", lambda m: "^" + m.group(1).translate(_SUPERSCRIPT), text
    )
    return unicodedata.normalize("NFKC", text)


def normalize_numbers(text: str) -> list[Number]:
    """Every quantity in ``text`` (Korean or English) as a value with its unit class."""
    prepared = prepare_text(text)
    raw: list[tuple[Number, int | None]] = []
    for match in _TOKEN.finditer(prepared):
        raw.append(_token_number(prepared, match))
    return [replace(x, written=_digits(prepared[x.start:x.end])) for x in _merge_korean_compounds(prepared, raw)]


def _digits(span: str) -> str:
    m = re.search(r"\d[\d,.]*(?:[eE][+-]?\d+)?", span)
    if not m:
        return ""
    digits = m.group().replace(",", "").rstrip(".").lower()
    # "1.50" is "1.5" written again
    return digits.rstrip("0").rstrip(".") if "." in digits and "e" not in digits else digits


def _token_number(text: str, match: re.Match[str]) -> tuple[Number, int | None]:
    """One regex hit plus its suffixes; the int is the Korean big unit, for merging."""
    start, end = match.start(), match.end()
    g = match.groupdict()
    if g["ko_ord"] or g["ko_jjae"]:
        return Number(float(_KO_NATIVE[g["ko_ord"] or g["ko_jjae"]]), "rank", start, end), None
    if g["en_ord"]:
        return Number(float(_EN_ORDINAL[g["en_ord"].lower()]), "rank", start, end), None
    if g["no_num"]:
        return Number(float(g["no_num"]), "rank", start, end), None
    if g["ko_card"]:
        value: float = _KO_NATIVE[g["ko_card"]]
        kind: Kind = "number"
    elif g["en_card"]:
        value, kind = _EN_CARDINAL[g["en_card"].lower()], "number"
    else:
        value, kind = float(g["num"].replace(",", "")), "number"
        try:
            if g["exp"]:
                value *= 10.0 ** int(g["exp"])
            elif g["pow"] and value:
                value = value ** int(g["pow"])
        except OverflowError:  # "3e999", say inside a hex id a caller pasted: no report states it
            value = math.copysign(math.inf, value)
        if g["sign"]:
            value = -value

    big_unit: int | None = None
    ko = _KO_UNIT.match(text, end)
    if ko and ko.end() > end:
        value *= _KO_SMALL.get(ko.group("small") or "", 1)
        if ko.group("big"):
            big_unit = _KO_BIG[ko.group("big")[0]]
            value *= big_unit
        end = ko.end()
    elif g["num"] and (en := _EN_UNIT.match(text, end)):
        scale = (en.group("word") or en.group("abbr")).lower()
        value *= _EN_SCALE[scale]
        end = en.end()
    elif g["num"] and _MONEY_MILLIONS.match(text, end) and currency_of(text, start, end + 1):
        # "£12.9m", "GBP 2,900m", "5m euros": beside a currency a lower-case m is millions (alone,
        # metres); read past the m, the currency is looked for before the figure and after the m
        value *= _EN_SCALE["m"]
        end += 1

    if m := _PERCENT.match(text, end):
        kind, end = "percent", m.end()
    elif money := currency_of(text, start, end):
        kind, end = money
    elif g["num"] and float(value).is_integer() and (m := _RANK_SUFFIX.match(text, end)):
        kind, end = "rank", m.end()
    elif m := _COUNT_SUFFIX.match(text, end):
        kind, end = "count", m.end()
    if kind == "number" and _RANK_PREFIX.search(text, max(0, start - 20), start):
        kind = "rank"
    return Number(float(value), kind, start, end), big_unit


def _merge_korean_compounds(
    text: str, raw: list[tuple[Number, int | None]]
) -> list[Number]:
    """'103억 2천만' is one amount (10,320,000,000), not two; merge descending units."""
    out: list[Number] = []
    open_unit: int | None = None  # big unit of the last number if it can still absorb
    for number, big in raw:
        prev = out[-1] if out else None
        if (
            prev is not None
            and open_unit is not None
            and prev.kind == "number"
            and not text[prev.end : number.start].strip()
            and 0 < abs(number.value) < open_unit
            and (big is not None or text[number.start : number.end][-1] in _KO_SMALL)
        ):
            out[-1] = Number(prev.value + number.value, number.kind, prev.start, number.end)
            open_unit = big if number.kind == "number" else None
            continue
        out.append(number)
        open_unit = big if number.kind == "number" else None
    return out


_EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def gloss_korean_amounts(text: str) -> str:
    """"13.9억 달러" -> "1.39 billion 달러", for a prompt that asks for an English answer.

    A small model turns 억 into "billion" and keeps the digits (13.9 billion: ten times
    too much), even with the right value written beside it; given only the English
    value it copies that. Verification compares values, so the original text still
    backs the answer."""
    prepared = prepare_text(text)
    pieces: list[str] = []
    last = 0
    for number in normalize_numbers(prepared):
        units = list(re.finditer(r"[만억조]", prepared[number.start:number.end]))
        if not units or abs(number.value) < 10**4:
            continue
        end = number.start + units[-1].end()  # the amount only, not 개/명/원 after it
        pieces += [prepared[last:number.start], _english_amount(number.value)]
        last = end
    return "".join(pieces) + prepared[last:] if pieces else text


def _english_amount(value: float) -> str:
    for scale, word in _EN_SCALES:
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _plain(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


# A case, file or document number written in Korean (2024가합51234, 2023고단1234): digits, a
# Hangul register, digits. A number with its unit (3분기) has no digits after it, and a date
# written without spaces (2024년12월) is no register.
CODE_TAIL = r"(?![년월일])[가-힣]{1,3}\d{2,}(?!\d)"
CODE = re.compile(r"(?<![\w])\d{2,4}" + CODE_TAIL)


def codes(text: str) -> frozenset[str]:
    """The identifiers a text names: the most specific key term a question can carry."""
    return frozenset(m.group(0) for m in CODE.finditer(text))
