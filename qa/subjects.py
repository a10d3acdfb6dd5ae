"""Whose fact it is: the subjects a question and an answer name (countries, Latin-script
names, Korean nouns), whether the units an answer cites are about them, and the two sides a
comparison asks to choose between. Nothing here names a report's own subjects."""

from __future__ import annotations

import re

from ingest.korean import kiwi
from qa.constraints import (
    MONTHS,
    QUESTION_WORDS,
    Constraints,
    countries_in,
    country_name,
    coverage,
    covers_kind,
    folded,
    latin_names,
    period_mismatch,
    read_constraints,
    without_countries,
    without_dates,
)
from qa.numbers import normalize_numbers, prepare_text, same_quantity


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
    # Latin-script names are not checked: a Korean report writes 마이크로소프트 for Microsoft and
    # 1월 for January, so their absence proves nothing. Korean proper nouns of three or more
    # syllables (offices, organisations) are, when the answer is as Korean as its evidence.
    cited_nouns = _proper_nouns(cited)
    if _from_the_citation(question, answer, sources):
        return found
    for noun in sorted(_proper_nouns(question) & _proper_nouns(answer) - cited_nouns):
        if noun not in cited and len(noun) >= 3 and not countries_in(noun):
            found.append(f"the cited evidence does not mention {noun}")
    return found


def _proper_nouns(text: str) -> set[str]:
    """Korean proper nouns (Kiwi's NNP) of two or more syllables: offices, organisations, products."""
    return {t.form for t in kiwi().tokenize(text) if t.tag == "NNP" and len(t.form) >= 2 and not t.form.isascii()}


def subject_words(question: str) -> list[str]:
    """The Korean subjects of a question in its order, countries aside: the names a passage
    about it would use too."""
    seen = _subject_words(question)
    out = [t.form for t in kiwi().tokenize(question) if t.form in seen and not countries_in(t.form)]
    return list(dict.fromkeys(out))


def states_everything(phrasings: list[str], text: str) -> bool:
    """Whether a unit names every subject of the question (its Korean nouns, in the Korean
    phrasing), meets every constraint (year, country, name, quarter) itself and states a figure
    of the kind asked: a unit that answers the question unless the report is wrong."""
    c = read_constraints(" ".join(phrasings))
    words = [w for p in phrasings if not p.isascii() for w in subject_words(p)]
    squeezed = re.sub(r"\s+", "", text)
    if not words or not all(re.sub(r"\s+", "", w) in squeezed for w in words) or coverage(c, text) < 1.0:
        return False
    return covers_kind(text, c.kind) if c.kind else True


def is_proper_noun(word: str) -> bool:
    return any(t.tag == "NNP" for t in kiwi().tokenize(word))


def _subject_words(text: str) -> set[str]:
    """Korean nouns that can name a subject: proper nouns, and common nouns of three or more
    syllables (감사원장, 데이터센터: offices and things a report counts, not 수/해/비중)."""
    return {t.form for t in kiwi().tokenize(text)
            if not t.form.isascii() and ((t.tag == "NNP" and len(t.form) >= 2) or (t.tag == "NNG" and len(t.form) >= 3))}


def shared_subjects(question: str, answer: str) -> list[tuple[str, str]]:
    """The names the question and the answer share, as (shown name, how to find it in a unit):
    countries (by ISO code), Latin-script names and Korean subject nouns."""
    out = [(country_name(code, "en"), code) for code in sorted(countries_in(answer) & countries_in(question))]
    said = folded(answer)
    out += [(w, w.casefold()) for w in latin_names(without_countries(question)) if folded(w) in said]
    out += [(w, w) for w in sorted(_subject_words(question) & _subject_words(answer)) if not countries_in(w)]
    return out


def named_keys(c: Constraints) -> list[str]:
    """The keys ``names_key`` looks for, from a question's constraints: its countries' codes and
    its Latin-script names, casefolded."""
    return [*c.countries, *(n.casefold() for n in c.names)]


def names_key(text: str, key: str) -> bool:
    """Whether ``text`` names a subject key: an ISO country code (in either language), else a
    casefolded name, its version number joined to it (GPT-4 in "GPT4의")."""
    return key in countries_in(text) if is_country_key(key) else folded(key) in folded(text)


def is_country_key(key: str) -> bool:
    """Subject keys are ISO codes for countries (upper case) and casefolded names otherwise."""
    return len(key) == 2 and key.isupper()


def misplaced_subjects(question: str, answer: str, cited: list[int], shown: dict[int, str]
                       ) -> list[tuple[str, str, int]]:
    """The answer took its fact from a shown unit about another subject than the question's,
    while another shown unit is about it: as (name, problem, the unit that names it).

    Two ways: a name the question and the answer share that no cited unit mentions ("Gradio had
    600 million users [2]", where [2] is about Hugging Face and [1] about Gradio); or a number
    whose cited unit mentions none of those names though they are in what it cites ("6 years
    [1][3]": [1] names the office asked about, [3], which holds the 6, another office).

    Only the shown units are compared, spelled as they are: a name the report writes another
    way (마이크로소프트 for Microsoft) is in no unit, so it never counts against an answer."""
    out: list[tuple[str, str, int]] = []
    cited = [n for n in cited if n in shown]
    if not cited:
        return out
    subjects = [(name, key) for name, key in shared_subjects(question, answer)
                if any(names_key(t, key) for t in shown.values())]
    gives_figures = bool(normalize_numbers(without_dates(answer)))
    def holder(key: str) -> int | None:
        """Another shown unit about ``key``; for an answer that gives a figure, one that states
        a figure too (a unit that only names the subject could not back any answer)."""
        return next((n for n, t in sorted(shown.items()) if n not in cited and names_key(t, key) and (
            not gives_figures or normalize_numbers(without_dates(t)))), None)
    named = [name for name, key in subjects if any(names_key(shown[n], key) for n in cited)]
    for name, key in subjects:
        if any(names_key(shown[n], key) for n in cited) or _qualifies(question, name, key, named):
            continue
        if not is_country_key(key) and _from_the_citation(question, answer, [shown[n] for n in cited]):
            continue
        if (h := holder(key)) is not None:
            out.append((name, f"the cited evidence does not mention {name}; [{h}] does", h))
    if out or not subjects:
        return out
    asked = normalize_numbers(question)
    for number in normalize_numbers(answer):
        if any(same_quantity(number, x) for x in asked):
            continue
        stating = [n for n in cited if any(same_quantity(number, x) for x in normalize_numbers(shown[n]))]
        if not stating or any(names_key(shown[n], key) for n in stating for _, key in subjects):
            continue
        name, key = subjects[0]
        if (h := holder(key)) is not None or (h := next((n for n in cited if names_key(shown[n], key)), None)):
            out.append((name, f"[{stating[0]}], which states {number.value:g}, is not about {name}; [{h}] is", h))
            break
    return out



def _from_the_citation(question: str, answer: str, cited: list[str]) -> bool:
    """Every word the answer adds to the question is in what it cites (a title, a name in Latin
    letters): the citation is the answer's source, and a subject it lacks is spelled there
    another way ("Ada Lovelace" for 에이다 러브레이스). A figure alone proves nothing of the kind."""
    added = _added_words(question, answer)
    return sum(not w[0].isdigit() for w in added) >= 2 and _all_in(added, cited)


def _added_words(question: str, answer: str) -> list[str]:
    """What an answer says beyond its question: its Latin-script words and figures, and its
    Korean nouns, that the question does not have."""
    asked = question.casefold()
    latin = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}|\d[\d,.]*", answer) if w.casefold() not in asked]
    nouns = [t.form for t in kiwi().tokenize(answer)
             if t.tag in ("NNG", "NNP") and not t.form.isascii() and t.form not in question]
    return list(dict.fromkeys(latin + nouns))


def _all_in(words: list[str], texts: list[str]) -> bool:
    joined = "\n".join(texts).casefold()
    return all(w.casefold() in joined for w in words)


def _qualifies(question: str, name: str, key: str, named: list[str]) -> bool:
    """Whether, in the question, ``name`` only qualifies a name the cited unit does give: the
    maker or the first name before it ("Vantor's Heron", "MS의 Heron", "Ada Lovelace"). A unit
    about Heron that leaves out its maker is still about Heron. A country is never a qualifier:
    it is a constraint of its own."""
    if is_country_key(key):
        return False
    return any(re.search(rf"(?<![\w-]){re.escape(name)}(?:['’]s|의)?\s*{re.escape(other)}(?![\w-])", question)
               for other in named if other != name)


# A model's name just before a figure: capitalised, with a digit in it ("Heron-4 340B"); "GPU 64개"
# or "About 40%" name nothing.
_NAME_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z_.:]*(?:-?[0-9][A-Za-z0-9_.]*)(?:-[A-Za-z0-9_.]+)*)[\s-]?$")


def figures_of_other_names(question: str, answer: str, cited: list[str]) -> list[str]:
    """A figure the cited units state only as part of a name neither the question nor the
    answer uses: asked one model's parameter count, answered 340B from "Heron-4 340B".
    A model's name carries its size, but it is that model's."""
    asked = normalize_numbers(question)
    q, a = question.casefold(), answer.casefold()
    found = []
    for number in normalize_numbers(without_dates(answer)):
        if any(same_quantity(number, x) for x in asked):
            continue
        names = []
        for text in cited:
            prepared = prepare_text(text)
            for x in normalize_numbers(text):
                if same_quantity(number, x):
                    m = _NAME_BEFORE.search(prepared[max(0, x.start - 40):x.start])
                    names.append(m.group(1) if m else "")
        if names and all(names) and not any(n.casefold() in q or n.casefold() in a for n in names):
            found.append(f"{number.value:g} is part of the name '{names[0]}', not a figure about what was asked")
    return found


_KO_ALTERNATIVES = re.compile(r"(?:(['‘\"“][^'’\"”]+['’\"”])|([^\s,'’\"”]+?))\s*(?:와|과|하고|또는|혹은|이나|나)\s+"
                              r"(?:(['‘\"“][^'’\"”]+['’\"”])|([^\s,]+?))\s*중(?:에서?)?(?![가-힣])")
_EN_ALTERNATIVES = re.compile(
    r"(?:,|:|\b(?:which|who|what)\b[^,?]*?|\b(?:did|does|do|is|was|were|are|has|have)\b)\s*(?:the\s+)?"
    r"([\w'’-]+(?:\s+[\w'’-]+){0,4}?)\s+or\s+(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,2}?)\s*[?,.]|"
    r"\b(?:did|does|do|is|was|were|are|has|have)\s+(?:the\s+)?([\w'’-]+)\s+or\s+(?:the\s+)?([\w'’-]+)\b",
    re.IGNORECASE)


def alternatives(question: str) -> list[str]:
    """What a comparison question asks to choose between: "A와 B 중", "'A'과 'B' 중",
    ", Japan or China?", "Did Korea or Japan ...". Each needs evidence of its own."""
    for pattern in (_KO_ALTERNATIVES, _EN_ALTERNATIVES):
        if m := pattern.search(question):
            found = [g.strip(" '‘’\"“”") for g in m.groups() if g]
            return [a for a in found if a][:2]
    return []


def mentions(text: str, alternative: str, *, exact: bool = False) -> bool:
    """Whether a unit speaks of one alternative: the same country (in either language), or
    most of its words. ``exact``: a Latin-script word counts only as a whole name with no other
    version number joined to it (asked "Gemini", "Gemini2" is another model)."""
    codes = countries_in(alternative)
    if codes:
        return codes <= countries_in(text)
    words = [w for w in re.findall(r"[A-Za-z][\w-]+|[가-힣]{2,}", alternative)]
    if not words:
        return False
    low = folded(text) if exact else text.casefold()

    def says(word: str) -> bool:
        if not word.isascii():
            return word[:2] in low  # Korean words take particles
        if not exact:
            return word.casefold() in low
        return re.search(rf"(?<![a-z0-9]){re.escape(folded(word))}(?![a-z0-9])", low) is not None

    return sum(map(says, words)) >= max(1, round(0.75 * len(words)))


# What a question counts: "how many parameters", "the number of tokens", "파라미터 수는 몇",
# "몇 개의 토큰", "매개변수는 몇 개".
_EN_COUNTED = re.compile(r"\b(?:how many|number of)\s+(?:[\w-]+\s+){0,3}?([a-z]{3,}s)\b", re.IGNORECASE)
_KO_COUNTED = re.compile(r"몇\s*(?:개|건|명|곳|종)의\s*([가-힣A-Za-z]{2,})|"
                         r"([가-힣A-Za-z]{2,})(?:\s+|\s*의\s*)수(?:는|가|를|도)?\s*(?:총\s*|모두\s*)?(?:몇|얼마)|"
                         r"([가-힣A-Za-z]{2,}?)(?:은|는|이|가)\s*(?:총\s*|모두\s*)?몇\s*(?:개|건|명|곳|종)")
# The word after a figure that names what it counts ("13T tokens", "3개의 모델"), or the label
# before it in a spelled-out table row ("파라미터 수: 1,750억 개").
_WORD_AFTER = re.compile(r"\s*(?:(?:개|건|명|곳|종)(?:의)?\s*)?([가-힣]{2,}|[A-Za-z]{3,})")
_LABEL_BEFORE = re.compile(r"([가-힣A-Za-z]{2,})(?:\s*수)?\s*[:：]\s*$")
_NOT_A_THING = frozenset("and or the than vs via per from for with more less each over under about into".split())


def counted_nouns(question: str) -> list[str]:
    """The things a "how many" question counts, as its words say them."""
    found = [m.group(1).casefold() for m in _EN_COUNTED.finditer(question)]
    for m in _KO_COUNTED.finditer(question):
        if noun := _first_noun(next(g for g in m.groups() if g)):
            found.append(noun)
    return list(dict.fromkeys(found))


def _first_noun(word: str) -> str:
    """"토큰으로" -> 토큰: the noun a Korean word starts with, without its particle."""
    if word.isascii():
        return word.casefold()
    noun = ""
    for token in kiwi().tokenize(word):  # a compound is one thing: 매개 + 변수
        if token.tag not in ("NNG", "NNP") or token.start != len(noun):
            break
        noun += token.form
    return noun if len(noun) >= 2 else ""


def _says(text: str, noun: str) -> bool:
    if noun.isascii():
        stem = noun[:-1] if noun.endswith("s") else noun
        return re.search(rf"(?<![a-z]){re.escape(stem)}", text.casefold()) is not None
    return noun in re.sub(r"\s+", "", text)


def _label(prepared: str, start: int, end: int) -> str:
    """What a figure in a unit counts, by the word after it or the label before it; empty when
    neither says."""
    if (m := _WORD_AFTER.match(prepared, end)) and (noun := _first_noun(m.group(1))) and noun not in _NOT_A_THING:
        return noun
    if m := _LABEL_BEFORE.search(prepared[max(0, start - 30):start]):
        return _first_noun(m.group(1))
    return ""


def counted_mismatches(question: str, answer: str, cited: dict[int, str]) -> list[str]:
    """Asked how many of one thing, answered with a figure the cited unit gives as a count of
    another ("13T tokens" for "how many parameters"), in a unit that never names the thing asked."""
    nouns = counted_nouns(question)
    if not nouns:
        return []
    asked = normalize_numbers(question)
    own = [x for x in normalize_numbers(without_dates(answer)) if not any(same_quantity(x, a) for a in asked)]
    found = []
    for n, text in cited.items():
        prepared = prepare_text(text)
        for noun in (x for x in nouns if not _says(text, x)):
            for x in own:
                for y in normalize_numbers(text):
                    label = _label(prepared, y.start, y.end) if same_quantity(x, y) else ""
                    if label and label.isascii() == noun.isascii() and not (_says(label, noun) or _says(noun, label)):
                        found.append(f"[{n}] gives {x.value:g} as a number of {label}, not of {noun}")
                        break
    return list(dict.fromkeys(found))


def counts_another_thing(question: str, text: str) -> bool:
    """Whether a unit, asked how many of one thing, never names it and gives its figures as
    counts of something else ("파라미터 수: 1,750억 개" for "몇 개의 토큰"): quoted, it
    would answer another question."""
    prepared = prepare_text(text)
    for noun in (x for x in counted_nouns(question) if not _says(text, x)):
        labels = [_label(prepared, y.start, y.end) for y in normalize_numbers(text)]
        if any(label and label.isascii() == noun.isascii() and not (_says(label, noun) or _says(noun, label))
               for label in labels):
            return True
    return False


# A name with its version: "GPT-4", "HyperCLOVA X", "Llama 3.1": the name without it is the
# family, and another version is another thing.
_A_YEAR = re.compile(r"(?:19|20)\d{2}")
_PLACES_IN_A_DOCUMENT = frozenset("table figure fig chapter section page part appendix slide step phase".split())
_VERSIONED = re.compile(r"(?<![\w.])([A-Z][A-Za-z]*[A-Za-z])(?:[-\s]?(\d+(?:\.\d+)?)|\s([A-Z]))(?![\w.])")


def other_versions(question: str, answer: str, cited: dict[int, str]) -> list[str]:
    """Asked about one version of a named thing ("HyperCLOVA X"), answered from a unit that
    names the family ("HyperClova") but never that version: the figure is another model's."""
    said = folded(answer)
    names = [folded(n) for n in latin_names(question)]
    found = []
    for m in _VERSIONED.finditer(question):
        family, full = m.group(1), m.group(0)
        # checked when the answer names that version, or no name of the question ("204 billion [2]")
        if (family in QUESTION_WORDS or family in MONTHS or family.casefold() in _PLACES_IN_A_DOCUMENT
                or _A_YEAR.fullmatch(m.group(2) or "") or (folded(full) not in said and any(n in said for n in names))):
            continue
        for n, text in cited.items():
            if folded(full) not in folded(text) and re.search(rf"(?<![a-z]){re.escape(family.casefold())}",
                                                              text.casefold()):
                found.append(f"[{n}] names {family} but not {full}: another version")
    return found
