"""What a figure counts: the thing a question asks the number of ("how many parameters",
"토큰 수는 몇"), and the thing a unit's figure counts ("9T tokens", "파라미터 수: 4,100억 개"), so
that a count of one thing is not given for another (qa.verify, and the quote after two drafts)."""

from __future__ import annotations

import re

from ingest.korean import kiwi
from qa.constraints import without_dates
from qa.countries import countries_in
from qa.numbers import normalize_numbers, prepare_text, same_quantity

# What a question counts: "how many parameters", "the number of tokens", "몇 개의 토큰",
# "파라미터 수는 몇", "매개변수는 몇 개".
_EN_COUNTED = re.compile(r"\b(?:how many|number of)\s+((?:[\w-]+\s+){0,4})", re.IGNORECASE)
_EN_STOP = frozenset(["do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "in", "of", "on", "at", "by", "for", "from", "to", "that", "which", "who", "the", "a", "an"])
_EN_NOT_COUNTED = frozenset(["times", "years", "months", "weeks", "days", "hours", "minutes", "percent", "others"])
_KO_COUNTED_OF = re.compile(r"몇\s*(?:개|건|명|곳|종)의\s*([가-힣]{2,})")
_KO_COUNTED = re.compile(r"([가-힣]{2,})(?:\s+|\s*의\s*)수(?:는|가|를|도)?\s*(?:총\s*|모두\s*)?(?:몇|얼마)|"
                         r"([가-힣]{2,}?)(?:은|는|이|가)\s*(?:총\s*|모두\s*)?몇\s*(?:개|건|명|곳|종)")
# What a figure in a unit counts: a plural noun right after it ("9T tokens"), a Korean noun
# after it that takes a particle or is joined by 의 ("9T 토큰으로", "3개의 모델"), or a spelled-out
# table row's label before it ("파라미터 수: 4,100억 개"). "8개 출시" and "8 new" name no thing.
_EN_AFTER = re.compile(r"\s?([A-Za-z]{3,}s)\b")
_KO_AFTER = re.compile(r"(?:개|건|명|곳|종)?(\s*의)?\s*([가-힣]{2,})")
_LABEL_BEFORE = re.compile(r"([가-힣A-Za-z]{2,})(?:\s*수)?\s*[:：]\s*$")


def counted_nouns(question: str) -> list[str]:
    """The things a "how many" question counts, as its words say them: the last plural before
    the verb in English, the noun 몇 개 is said of in Korean (not a country, not a name)."""
    found = []
    for m in _EN_COUNTED.finditer(question):
        plural = ""
        for word in m.group(1).split():
            low = word.casefold()
            if low in _EN_STOP:
                break
            if re.fullmatch(r"[a-z]{3,}s", low) and low not in _EN_NOT_COUNTED:
                plural = low
        if plural:
            found.append(plural)
    korean = [m.group(1) for m in _KO_COUNTED_OF.finditer(question)] or [
        next(g for g in m.groups() if g) for m in _KO_COUNTED.finditer(question)]
    for word in korean:
        if (noun := _leading_noun(word)) and not countries_in(noun):
            found.append(noun)
    return list(dict.fromkeys(found))


def _leading_noun(word: str, *, particle: bool = False) -> str:
    """"토큰으로" -> 토큰: the (compound) noun a Korean word starts with; with ``particle``, only
    when a particle follows it (a noun that turns into a verb, "출시되었다", names no thing)."""
    noun, rest = "", None
    for token in kiwi().tokenize(word):  # a compound is one thing: 매개 + 변수
        if token.tag in ("NNG", "NNP") and token.start == len(noun):
            noun += token.form
            continue
        rest = token
        break
    if len(noun) < 2:
        return ""
    if particle and (rest is None or not rest.tag.startswith("J")):
        return ""
    return noun


def _says(text: str, noun: str) -> bool:
    if noun.isascii():
        stem = re.sub(r"(?:ies|es|s)$", "", noun)
        return re.search(rf"(?<![a-z]){re.escape(stem)}", text.casefold()) is not None
    return noun in re.sub(r"\s+", "", text)


def _label(prepared: str, start: int, end: int) -> str:
    """What a figure in a unit counts; empty when the words around it do not say."""
    if m := _EN_AFTER.match(prepared, end):
        low = m.group(1).casefold()
        return "" if low in _EN_NOT_COUNTED else low
    if m := _KO_AFTER.match(prepared, end):
        return _leading_noun(m.group(2), particle=not m.group(1))
    if m := _LABEL_BEFORE.search(prepared[max(0, start - 30):start]):
        return _leading_noun(m.group(1)) if not m.group(1).isascii() else m.group(1).casefold()
    return ""


def _another_thing(label: str, noun: str) -> bool:
    return bool(label) and label.isascii() == noun.isascii() and not (_says(label, noun) or _says(noun, label))


def counted_mismatches(question: str, answer: str, cited: dict[int, str]) -> list[str]:
    """Asked how many of one thing, answered with a figure the cited unit gives as a count of
    another ("9T tokens" for "how many parameters"), in a unit that never names the thing
    asked. Words of two languages are not compared."""
    nouns = counted_nouns(question)
    if not nouns:
        return []
    asked = normalize_numbers(question)
    own = [x for x in normalize_numbers(without_dates(answer)) if not any(same_quantity(x, a) for a in asked)]
    found = []
    for n, text in cited.items():
        prepared, stated = prepare_text(text), normalize_numbers(text)
        for noun in (x for x in nouns if not _says(text, x)):
            for x in own:
                label = next((lb for y in stated if same_quantity(x, y) and (lb := _label(prepared, y.start, y.end))), "")
                if _another_thing(label, noun):
                    found.append(f"[{n}] gives {x.value:g} as a number of {label}, not of {noun}")
                    break
    return found


def counts_another_thing(question: str, text: str) -> bool:
    """Whether a unit (with its heading), asked how many of one thing, never names it and every
    figure it says the thing of counts something else ("파라미터 수: 4,100억 개" for "몇 개의
    토큰"): quoted, it would answer another question."""
    undated = without_dates(text)
    prepared = prepare_text(undated)
    labels = [lb for y in normalize_numbers(undated) if (lb := _label(prepared, y.start, y.end))]
    return any(labels and all(_another_thing(lb, noun) for lb in labels)
               for noun in counted_nouns(question) if not _says(text, noun))


# A figure given per something: "시간당 5천 원", "1인당 12만 원", "5,000 won per hour", "890원/톤".
_RATE_BEFORE = re.compile(r"[가-힣0-9]+당\s*(?:약\s*|평균\s*)?$")
_RATE_AFTER = re.compile(r"^\s*[가-힣A-Za-z%]{0,4}\s*(?:/\s*[가-힣A-Za-z]+|per\s+[a-z]+|an?\s+(?:hour|day|month|year|ton|person))",
                         re.IGNORECASE)
# A question that asks a rate itself: "per hour", "시간당", "단가", "요율", "rate", "each".
_ASKS_A_RATE = re.compile(r"당|단가|요율|요금|\bper\b|\brate\b|\beach\b|\bprice\b|\bfee\b|\bcharge", re.IGNORECASE)


def rates_for_totals(question: str, answer: str, cited: dict[int, str]) -> list[str]:
    """A figure every cited unit gives per something ("시간당 5천 원") answering a question that
    asks no rate ("How much did the district spend?"): the hourly fee is no spending."""
    if _ASKS_A_RATE.search(question):
        return []
    asked = normalize_numbers(question)
    # each cited unit's figures with the text around them, read once for all the answer's numbers
    every = [(prepared, y) for text in cited.values() for prepared in [prepare_text(text)] for y in normalize_numbers(text)]
    found = []
    for x in normalize_numbers(without_dates(answer)):
        if any(same_quantity(x, a) for a in asked):
            continue
        stated = [(p, y) for p, y in every if same_quantity(x, y)]
        if stated and all(_RATE_BEFORE.search(p[max(0, y.start - 12):y.start]) or _RATE_AFTER.match(p[y.end:y.end + 20])
                          for p, y in stated):
            found.append(f"{x.value:g} is given per something (a rate), and the question asks no rate")
    return found
