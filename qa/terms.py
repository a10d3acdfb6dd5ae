"""What a text claims, as the support check reads it: its names (Korean proper nouns, Latin-
script names, countries by CLDR code, months), its numbers by value and its common nouns
(qa.support compares them; qa.question reads a question's with them).

Nothing here knows a report's subjects: the same reading serves any document a user adds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ingest.korean import kiwi
from qa.citations import strip_markers
from qa.constraints import OPENERS, QUESTION_WORDS
from qa.countries import countries_in, demonym, without_countries
from qa.numbers import CODE as _CODE
from qa.numbers import Number, normalize_numbers

# Korean common nouns shorter than two syllables (수, 개, 것) carry no claim of their own.
MIN_NOUN = 2

# The words a Korean question asks with ("몇 명", "왜", "어느 나라").
ASKING = frozenset({"몇", "얼마", "무엇", "누구", "어디", "언제", "어느", "어떤", "무슨", "뭐", "왜", "어떻게"})

# Words with which a text points at itself or its source ("앞에서 설명한 것과 같다", "as the
# evidence below shows"): a sentence whose only own words are these states nothing.
POINTING = frozenset({"설명", "내용", "다음", "아래", "근거", "자료", "보고서", "언급",
                      "explanation", "explained", "evidence", "following", "above", "below", "report", "mentioned"})

_ARTICLE_NEXT = re.compile(r"\s+(?:the|a|an)\s")
_LATIN = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9]*(?:[-.&][A-Za-z0-9]+)*")
_EN_FUNCTION = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had", "it", "its", "this", "that", "these", "those", "as", "than", "into", "about", "over", "under", "per", "vs", "not", "no", "yes", "there", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "many", "much", "more", "most", "less", "least", "also", "only", "just", "some", "any", "each", "all", "both", "such", "can", "could", "will", "would", "should", "may", "might", "must", "up", "down", "out", "so", "if", "then", "than", "very", "one", "while", "whereas", "although", "though", "because", "since", "ranked", "rank", "report", "reports", "evidence", "according"])
# Scale words belong to the number before them (10 billion = 100억), not to the claim's nouns.
_SCALE_WORDS = frozenset(["thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions"])
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True)
class Terms:
    """What a text claims, as the support check reads it."""

    names: frozenset[str]  # casefolded surface forms of proper names and Latin-script words
    nouns: frozenset[str]  # Korean common nouns, or lowercased English content words
    numbers: tuple[Number, ...]
    countries: frozenset[str]  # ISO codes
    months: frozenset[int]
    korean: bool  # written mostly in Hangul
    # names written only in brackets after another ("X (Twitter)"): a gloss, not a term to find
    glosses: frozenset[str] = frozenset()
    # Latin names written as one ("Silicon Valley"), found as one too (실리콘밸리)
    phrases: tuple[str, ...] = ()


def is_korean(text: str) -> bool:
    hangul = len(_HANGUL.findall(text)) * 2
    latin = sum(c.isascii() and c.isalpha() for c in text)
    return hangul > 0 and hangul / (hangul + latin) >= 0.3


def _reads_korean(text: str) -> bool:
    """Whether a text is a Korean sentence, not an English one that quotes a Korean term ("ASI
    is called '초인공지능'"): Hangul by share of letters, unless English words outside names
    ("is", "called", lower case) outnumber the words written in Hangul. Such a sentence's Latin
    words are common words to compare, not names to find."""
    if not is_korean(text):
        return False
    words = text.split()
    english = sum(bool(re.fullmatch(r"[\W\d_]*[a-z][a-z-]*[\W\d_]*", w)) for w in words)
    return english < 2 or english <= sum(bool(_HANGUL.search(w)) for w in words)


@functools.lru_cache(maxsize=4096)
def terms(text: str) -> Terms:
    text = unicodedata.normalize("NFC", strip_markers(text))
    korean = _reads_korean(text)
    names: set[str] = set()
    nouns: set[str] = set()
    countries = set(countries_in(text))
    stripped = without_countries(text)
    starts = {m.end() for m in re.finditer(r"(?:^|[.!?:]\s+|\n)\W*", stripped)}
    brackets = [m.span() for m in re.finditer(r"\([^()]*\)", stripped)]
    outside: set[str] = set()
    phrases: list[list[str]] = []
    last = -1
    for m in _LATIN.finditer(stripped):
        for word, at in _parts(m.group(0), m.start()):
            if re.fullmatch(r"[A-Z]{2,}s", word):
                word = word[:-1]  # LLMs, GPUs: the plural of an acronym is the acronym
            low = word.casefold()
            if (low in _MONTHS_EN or low in _EN_FUNCTION or low in _SCALE_WORDS or word in QUESTION_WORDS
                    or _QUARTER.fullmatch(low)):
                continue
            marked = any(c.isdigit() for c in word) or sum(c.isupper() for c in word) > 1
            # a capital opening an English sentence marks the sentence, not a name, when the word
            # is one that opens sentences
            # so is one an article follows: a verb or a preposition ("Increase the …", "Under a
            # …", a list's items in the imperative), never a name standing as the subject
            opener = at in starts and (word in OPENERS or bool(_ARTICLE_NEXT.match(stripped, at + len(word))))
            if korean or marked or (word[0].isupper() and not opener):
                if (code := demonym(word)) and not marked:
                    countries |= {code}
                elif len(word) > 1:
                    names.add(low)
                    if not any(a < at < b for a, b in brackets):
                        outside.add(low)
                    if last >= 0 and stripped[last:at] == " ":
                        phrases[-1].append(low)
                    else:
                        phrases.append([low])
                    last = at + len(word)
            elif len(low) > 2:
                nouns.add(stem(low))
    compound: list = []  # nouns written together: a loanword Kiwi cut in two (노스 + 게이트)
    for tok in [*kiwi().tokenize(stripped), None]:
        if tok is not None and tok.tag in ("NNP", "NNG") and compound and tok.start == compound[-1].end:
            compound.append(tok)
        else:
            if len(compound) > 1 and any(c.tag == "NNP" for c in compound):
                phrases.append([c.form for c in compound])
            compound = [tok] if tok is not None and tok.tag in ("NNP", "NNG") else []
        if tok is None:
            break
        if tok.tag == "NNP" and _HANGUL.search(tok.form) or tok.tag == "SH":
            names.add(tok.form)
            if not any(a < tok.start < b for a, b in brackets):
                outside.add(tok.form)
        elif tok.tag == "NNG" and len(tok.form) >= MIN_NOUN and _HANGUL.search(tok.form):
            nouns.add(tok.form)
    # a word set out syllable by syllable ("발행인 : 문 용 식", "보 도 자 료") is one word
    for m in _SPACED_OUT.finditer(stripped):
        names.add(joined := re.sub(r"\s", "", m.group(0)))
        outside.add(joined)
    months = frozenset(_months(text))
    # a case number's digits are no quantity: 2024가합7720 states no 7,720 won
    spans = [m.span() for m in _CODE.finditer(text)]
    numbers = tuple(x for x in normalize_numbers(text) if not any(a <= x.start < b for a, b in spans))
    return Terms(frozenset(names), frozenset(nouns), numbers, frozenset(countries), months,
                 korean, frozenset(names - outside), tuple(" ".join(p) for p in phrases if len(p) > 1))


# three or four syllables set apart, the whole run (a name "문 용 식", not "이 두 곳 중 한 곳")
_SPACED_OUT = re.compile(r"(?<![가-힣\w])(?<![가-힣] )[가-힣](?: [가-힣]){2,3}(?![가-힣\w])(?! [가-힣](?![가-힣]))")
_QUARTER = re.compile(r"q[1-4]|h[12]|fy\d{2,4}")



def _parts(word: str, at: int) -> list[tuple[str, int]]:
    """A hyphenated pair of names ("Merck-Exscientia") is two names; a versioned one
    ("GPT-4", "Llama-2-chat") stays one."""
    pieces = word.split("-")
    if len(pieces) > 1 and all(len(p) > 2 and p.isalpha() and p[0].isupper() for p in pieces):
        out, pos = [], at
        for piece in pieces:
            out.append((piece, pos))
            pos += len(piece) + 1
        return out
    return [(word, at)]


def stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@functools.lru_cache(maxsize=1)
def _month_pattern() -> re.Pattern[str]:
    """English month names and their abbreviations as CLDR writes them (Babel: Sep, and Sept in
    British English), capitalised as months are: "may" the verb is not May, and "Marc" (a name)
    is no March, as any prefix of a month's name would have it."""
    from babel.dates import get_month_names

    forms = sorted({(name.rstrip("."), number) for locale in ("en", "en_GB") for width in ("wide", "abbreviated")
                    for number, name in get_month_names(width, locale=locale).items()}, key=lambda f: -len(f[0]))
    return re.compile(r"\b(" + "|".join(f"(?P<m{n}_{len(form)}>{form})" for form, n in forms) + r")\.?(?![A-Za-z])")


# A month in a numeric date, as Korean reports write them: 2020.11, 2024. 11. 5., '20.10 (a
# two-digit year only after an apostrophe, and punctuation after the month, or 20.10 and
# 2023.4조 would be dates).
_NUMERIC_MONTH = re.compile(r"(?:(?<![\d.])(?:19|20)\d{2}|['‘’`]\s?\d{2})\s?\.\s?(1[0-2]|0?[1-9])(?=\s?[.)\],~]|$)")


def _months(text: str) -> set[int]:
    found = {int(m) for m in re.findall(r"(?<!\d)(1[0-2]|[1-9])\s*월", text)}
    found |= {int(m) for m in _NUMERIC_MONTH.findall(text)}
    for m in _month_pattern().finditer(text):
        found.add(int(next(k for k, v in m.groupdict().items() if v).split("_")[0][1:]))
    return found
