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
    folded,
    latin_names,
    period_mismatch,
    without_dates,
    years_mentioned,
)
from qa.countries import countries_in, country_name, without_countries
from qa.numbers import Number, normalize_numbers, prepare_text, same_quantity
from qa.passages import ROW, squeeze
from qa.terms import terms


def subject_mismatches(question: str, answer: str, sources: list[str], context: list[str]) -> list[str]:
    """What the answer is about that its citations are not: a year (the cited units speak of
    other years), a country, a Latin-script name or a Korean proper noun that the question and
    the answer share but the cited units and their passages never mention."""
    found = []
    # units that name no year are read in their passage: a survey's row under "자료: 가국 조사(2020)"
    # is 2020's, not the 2022 asked
    dated = sources if years_mentioned(" ".join(sources)) else context
    if period := period_mismatch(question, dated):
        found.append(period)
    # a month asked and said back, cited to units of other months (a table's 2023. 8. row for
    # "2023년 11월"); a unit that states no month is no judge of it
    said = terms(question).months & terms(answer).months
    # a table's rows, each of one month; a sentence may state a range ("9월부터 11월까지")
    rows = [s for s in sources if ROW in s]
    stated = set().union(*(terms(s).months for s in rows)) if said and len(rows) == len(sources) else set()
    if said and stated and not said & stated:
        found.append(f"the cited evidence is about month {', '.join(map(str, sorted(stated)))}, "
                     f"not {', '.join(map(str, sorted(said)))}")
    cited = "\n".join(context)
    for code in sorted(countries_in(answer) & countries_in(question) - countries_in(cited)):
        found.append(f"the cited evidence is not about {country_name(code, 'en')}")
    # Latin-script names are not checked: a Korean report writes 마이크로소프트 for Microsoft and
    # 1월 for January, so their absence proves nothing. Korean proper nouns of three or more
    # syllables (offices, organisations) are, when the answer is as Korean as its evidence.
    missing = [noun for noun in sorted(_proper_nouns(question) & _proper_nouns(answer) - _proper_nouns(cited))
               if noun not in cited and len(noun) >= 3 and not countries_in(noun)]
    if missing and _from_the_citation(question, answer, sources):
        return found
    found.extend(f"the cited evidence does not mention {noun}" for noun in missing)
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


def _from_the_citation(question: str, answer: str, cited: list[str]) -> bool:
    """Whether a Korean subject the cited units lack is only spelled there another way ("Ada
    Lovelace" for 에이다 러브레이스): they name someone in Latin letters the question does not,
    no Korean proper noun the question lacks (that would be another subject), and hold every
    word the answer adds to the question (a title, a name), two or more besides figures."""
    text = "\n".join(cited)
    asked = question.casefold()
    if not any(w.casefold() not in asked for w in re.findall(r"(?<![A-Za-z])[A-Z][A-Za-z]+", text)):
        return False
    if _proper_nouns(text) - _proper_nouns(question):
        return False
    added = _added_words(question, answer)
    return sum(not w[0].isdigit() for w in added) >= 2 and _all_in(added, cited)


_ENGLISH_GLUE = frozenset(["the", "and", "for", "with", "was", "were", "are", "is", "has", "had", "have", "its", "his", "her", "their", "this", "that", "from", "into", "which", "who", "what", "when", "where"])


def _added_words(question: str, answer: str) -> list[str]:
    """What an answer says beyond its question: its Latin-script words and figures, and its
    Korean nouns, that the question does not have."""
    asked = question.casefold()
    latin = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}|\d+(?:[.,]\d+)*", answer)
             if w.casefold() not in asked and w.casefold() not in _ENGLISH_GLUE]
    nouns = [t.form for t in kiwi().tokenize(answer)
             if t.tag in ("NNG", "NNP") and not t.form.isascii() and t.form not in question]
    return list(dict.fromkeys(latin + nouns))


def _all_in(words: list[str], texts: list[str]) -> bool:
    joined = "\n".join(texts).casefold()
    return all(re.search(rf"(?<![a-z0-9]){re.escape(w.casefold())}", joined) for w in words)


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
# "Heron-4 340B", "Kestrel2 70B", and a version after a space when a hyphen joins the size ("Llama 3.1-405B")
_NAME_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z_.:]*(?:-?[0-9][A-Za-z0-9_.]*|\s[0-9][0-9.]*(?=-))"
                          r"(?:-[A-Za-z0-9_.]+)*)[\s-]?$")
_NAME_STEM = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z_.]+)-$")


def names_own_digits(answer: str, texts: list[str]) -> list[Number]:
    """The answer's numbers that are part of a name it writes as the units do ("Llama
    3.1-405B"): the name's own digits, no figure of a table's."""
    prepared = prepare_text(answer)
    said = [squeeze(prepare_text(t)) for t in texts]
    out = []
    for x in normalize_numbers(answer):
        begin = max(0, x.start - 40)
        m = _NAME_BEFORE.search(prepared[begin:x.start]) or _NAME_STEM.search(prepared[begin:x.start])
        if m and any(squeeze(prepared[begin + m.start(1):x.start + len(x.written)]) in t for t in said):
            out.append(x)
    return out


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
                    before = prepared[max(0, x.start - 40):x.start]
                    # "Heron-4 340B": a name before the size; "Nemotron-4": the figure is the name's own
                    m = _NAME_BEFORE.search(before) or _NAME_STEM.search(before)
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


# A name with its version: "Vesta-3", "Vesta X", "Orca 2.1": the name without it is the
# family, and another version is another thing. A letter version is read only after a name
# written like a product (VESTA, VeStar), not after a word ("Team B", "Type C").
_A_YEAR = re.compile(r"(?:19|20)\d{2}")
_NOT_A_FAMILY = frozenset(["table", "figure", "fig", "chapter", "section", "page", "part", "appendix", "slide", "step", "phase", "chart", "exhibit", "box", "article", "annex", "level", "tier", "round", "stage", "year", "week", "day", "top", "type", "gen", "version", "series", "team", "group", "class", "grade", "option", "plan", "case"])
_VERSIONED = re.compile(r"(?<![\w.])([A-Z][A-Za-z]*[A-Za-z])(?:[-\s]?(\d+(?:\.\d+)?)|\s([A-Z]))(?![A-Za-z0-9.]|-(?:shot|fold))")


def other_versions(question: str, answer: str, cited: dict[int, str]) -> list[str]:
    """Asked about one version of a named thing ("Vesta X", "Vesta-3"), answered from units none
    of which names that version, while they name the family without a version (for a letter
    version: "Vesta") or with another one ("Vesta-2"): the figure is another model's."""
    said = folded(answer)
    names = [folded(n) for n in latin_names(question)]
    texts = list(cited.values())
    found = []
    for m in _VERSIONED.finditer(question):
        family, number, letter = m.group(1), m.group(2), m.group(3)
        full = m.group(0)
        if (family in QUESTION_WORDS or family in MONTHS or family.casefold() in _NOT_A_FAMILY
                or _A_YEAR.fullmatch(number or "") or (letter and not re.search(r"[A-Z]", family[1:]))):
            continue
        # checked when the answer names that version, or no name of the question ("204 billion [2]")
        if folded(full) not in said and any(n in said for n in names):
            continue
        if any(folded(full) in folded(t) for t in texts):
            continue
        whole = rf"(?i:(?<![A-Za-z0-9]){re.escape(family)})"  # a whole word: not "Top" in "topic"
        for n, text in cited.items():
            others = re.findall(whole + r"[-\s]?(\d+(?:\.\d+)?)(?![\d.])", text)
            if (letter and re.search(whole + r"(?![A-Za-z0-9])(?!\s[A-Z](?![A-Za-z]))", text)) or (
                    number and any(o != number for o in others)):
                found.append(f"[{n}] names {family} but not {full}: another version")
    return found
