"""Currencies as CLDR names them (Babel): the words and symbols after or before an amount,
each mapped to its family, so that "달러", "dollars", "US$" and "USD" are one kind of money."""

from __future__ import annotations

import functools
import re


@functools.cache
def _currencies() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Currency words and symbols as CLDR names them (Babel), each mapped to its family, the
    last word of its English name: "달러", "dollars", "US$", "USD" are all "dollar"; "원",
    "won", "₩", "KRW" are "won". Only currencies some territory uses as tender today."""
    from babel.core import get_global
    from babel.numbers import get_currency_name, get_currency_symbol

    codes = {c for regions in get_global("territory_currencies").values() for c, _, end, tender in regions
             if end is None and tender}
    family: dict[str, str] = {}
    for code in sorted(codes):
        word = get_currency_name(code, locale="en").split()[-1].casefold()
        if not word.isalpha():
            continue
        family[code.casefold()] = word
        family.setdefault(word, word)
        family.setdefault(get_currency_name(code, count=2, locale="en").split()[-1].casefold(), word)
        ko = get_currency_name(code, locale="ko").split()[-1]
        family.setdefault(ko.removesuffix("화") or ko, word)  # 엔화, 위안화 are written 엔, 위안
        for locale in ("en", "ko"):
            symbol = get_currency_symbol(code, locale)
            if not symbol.isalpha():
                family.setdefault(symbol.casefold(), word)
    words = sorted((w for w in family if w.isalpha()), key=len, reverse=True)
    symbols = sorted((s for s in family if not s.isalpha()), key=len, reverse=True)
    latin = "|".join(re.escape(w) for w in words if w.isascii())
    korean = "|".join(re.escape(w) for w in words if not w.isascii())
    after = re.compile(rf"\s?(?:(?P<ko>{korean})|(?P<en>{latin})\b)", re.IGNORECASE)
    before = re.compile(rf"(?:(?P<sym>{'|'.join(map(re.escape, symbols))})|\b(?P<code>{latin})\s)\s*$", re.IGNORECASE)
    return after, before, family


@functools.cache
def _codes() -> frozenset[str]:
    from babel.numbers import list_currencies
    return frozenset(c.casefold() for c in list_currencies())


def currency_word(word: str) -> bool:
    """Whether ``word`` names a currency ("pounds", "달러"): a figure's unit, not a noun to find."""
    return word.casefold() in _currencies()[2]


def currency_of(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The currency family written after the amount (and where it ends) or just before it."""
    after, before, family = _currencies()
    if (m := after.match(text, end)) and (m.group("ko") or m.group("en").casefold() in family):
        written = m.group("ko") or m.group("en")
        word = written.casefold()
        # a code is written in capitals ("3 CHF"); a currency's name in any case ("3 Swiss francs")
        if m.group("en") is None or written.isupper() or word in family.values() or len(word) > 3 and word not in _codes():
            return f"money:{family[word]}", m.end()
    if m := before.search(text, max(0, start - 6), start):
        key = (m.group("sym") or m.group("code")).casefold()
        if m.group("sym") or m.group("code").isupper():
            return f"money:{family[key]}", end
    return None
