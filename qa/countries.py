"""Which countries a text names, by CLDR's names of territories in Korean and English (Babel)
and the alias file beside this module; nothing here names a report's own subjects."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

_ALIASES = Path(__file__).with_name("data") / "country_aliases.tsv"


def _names_by_code(keep: Callable[[str], bool]) -> dict[str, set[str]]:
    """Code -> names, for the territory codes ``keep`` takes: CLDR Korean and English, then the
    alias file."""
    from babel import Locale

    names: dict[str, set[str]] = {}
    for locale in ("ko", "en"):
        for code, name in Locale(locale).territories.items():
            if keep(code):
                names.setdefault(code, set()).add(name)
    for line in _ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *aliases = line.split("\t")
            if keep(code):
                names.setdefault(code, set()).update(a for a in aliases if a)
    return names


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, ...]]:
    """ISO code -> every name: CLDR Korean and English, then the alias file."""
    found = _names_by_code(lambda code: len(code) == 2 and code.isalpha())
    return {code: tuple(sorted(names, key=len, reverse=True)) for code, names in found.items()}


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, frozenset[str]]:
    """A world region's names (CLDR's three-digit territories in Korean and English, and the
    alias file's), by each of them casefolded. "세계"/"world" is no region a passage names."""
    found = _names_by_code(lambda code: code.isdigit() and code != "001")
    return {name.casefold(): frozenset(names) for names in found.values() for name in names}


def region_names(name: str) -> frozenset[str]:
    """Every name of the world region ``name`` names, in both languages ("북미" -> "North
    America", "북아메리카", …); empty when it names none. A region stays a name, not a country:
    only where one script's name must be found in the other's does it matter."""
    return _regions().get(name.strip().casefold(), frozenset())


def country_names(code: str) -> tuple[str, ...]:
    """Every name of a country (CLDR Korean and English, the aliases), longest first."""
    return _country_names().get(code, ())


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    return {name.lower(): code for code, names in _country_names().items() for name in names}


_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*|[가-힣]+")


@functools.lru_cache(maxsize=1)
def _longest_name() -> int:
    return max(len(n.split()) for n in _by_name())


@functools.lru_cache(maxsize=8192)
def countries_in(text: str) -> frozenset[str]:
    """ISO codes of the countries a text names, by looking up runs of up to four words (a
    Korean word may end in a particle: 중국과, 미국의, so its prefixes count). The longest name
    at a position wins, so 인도네시아 is not also 인도 and "South Korea" not also "Korea".
    Korean's own words for its country (우리나라, and 국내, "at home", unless it is another
    country's: 일본 국내) name Korea as CLDR's 대한민국 does."""
    names = _by_name()
    words = [m.group(0) for m in _WORD.finditer(text)]
    codes, i = set(), 0
    while i < len(words):
        step = 1
        for span in range(min(_longest_name(), len(words) - i), 0, -1):
            joined = " ".join(words[i:i + span])
            code = _lookup(joined, names)
            if code:
                codes.add(code)
                step = span
                break
        i += step
    # 국내 is another country's only where that country is named right before it (일본 국내):
    # a Korean report's "국내 과자 매출" beside its US plant is still Korea's
    if _OUR_COUNTRY.search(text) or any(not _another_country(text[:m.start()], names) for m in _AT_HOME.finditer(text)):
        codes.add("KR")
    return frozenset(codes)


_OUR_COUNTRY = re.compile(r"우리\s?나라")
_AT_HOME = re.compile(r"(?<![가-힣])국내(?![외선])")


def _another_country(before: str, names: dict[str, str]) -> bool:
    words = before.split()
    return bool(words) and bool(_lookup(words[-1], names))


def _lookup(phrase: str, names: dict[str, str]) -> str:
    low = phrase.lower()
    for key in (low, low.rstrip(".,'’"), low[:-2] if low.endswith(("'s", "’s")) else ""):
        if key in names:
            return names[key]
    if "가" <= phrase[-1] <= "힣":
        last = phrase.rfind(" ") + 1
        for end in range(len(phrase) - 1, last + 1, -1):  # 미국의 -> 미국; the last word only, 2+ syllables
            if phrase[:end] in names:
                return names[phrase[:end]]
    return ""


def without_countries(text: str) -> str:
    low, out = text.lower(), list(text)
    for name in sorted((n for n in _by_name() if n in low), key=len, reverse=True):
        # A Latin name is a whole word ("us" is not in "August"); Korean ones take particles.
        pattern = rf"(?<![a-z]){re.escape(name)}(?![a-z])" if name.isascii() else re.escape(name)
        for m in re.finditer(pattern, low):
            out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


def country_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale(lang).territories.get(code, code)


def demonym(word: str) -> str:
    """The country an English adjective of nationality names (Korean -> KR, Japanese -> JP)."""
    for suffix, restore in (("n", ""), ("an", ""), ("ian", "ia"), ("ese", ""), ("ish", ""), ("i", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            codes = countries_in(word[: -len(suffix)] + restore)
            if len(codes) == 1:
                return next(iter(codes))
    return ""


def in_language(label: str, lang: str) -> str:
    """A territory's or region's name (CLDR: "유럽", "Europe", "대한민국") as ``lang`` writes it;
    any other label as it is."""
    from babel import Locale

    key = label.strip().casefold()
    for other in ("ko", "en"):
        for code, name in Locale(other).territories.items():
            if name.casefold() == key:
                return Locale(lang).territories.get(code, label)
    return label
