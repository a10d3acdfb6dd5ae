"""One support check for every claim, and one coverage check for every question.

A claim is supported by a passage when the passage holds what the claim adds to the
question: its names (Korean proper nouns, Latin-script names, countries by CLDR code, months),
its numbers by value, and, when both are in one script, most of its common nouns. The
question is covered by the evidence when the evidence holds every name of some phrasing of it
(the question or its rendering) and enough of its nouns. How a passage is read, and a name,
term or number found in it across scripts, is qa/passages.py's.

Nothing here knows a report's subjects: the same rules judge any document a user adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from qa.crossing import said_among
from qa.currencies import currency_word
from qa.direction import FALL, against, claimed
from qa.effects import unsaid_effect
from qa.numbers import Number, echoes, normalize_numbers, prepare_text, same_quantity
from qa.passages import (
    holds_number,
    holds_term,
    passage,
    squeeze,
)
from qa.rules import enabled
from qa.terms import ASKING, POINTING, Terms, is_korean, stem, terms

# Share of a claim's own common nouns its passage must hold: answers add generic words
# ("기술", "대비") that no passage repeats; names and numbers are held to all.
NOUN_SHARE = 0.5


@dataclass(frozen=True)
class Verdict:
    supported: bool
    missing: tuple[str, ...] = ()  # what the passage lacks, for the retry prompt and the record
    found: float = 0  # how many of the claim's own terms the passage holds: the best holder wins
    names_missing: int = 0  # of ``missing``, the names and countries: the claim's subject


def _among(number: Number, numbers: Iterable[Number]) -> bool:
    return any(same_quantity(number, x) for x in numbers)


NOTHING_OWN = "nothing of its own"
# A question that asks for something (what, why, how much; "판매 대수는?"), not whether.
_ASKS_WHAT = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b|"
                        + "|".join(sorted(ASKING, key=len, reverse=True))
                        + r"|누가|어땠|뭔|이유|[은는]\s*[?？]?\s*$", re.IGNORECASE)


# A choice between what the question names ("A와 B 중 더 많은 쪽은?", "A or B?"): the answer is
# one of its words. "Which founder is named?" offers no sides: it asks for a name.
_CHOICE = re.compile(r"\s중(?:에서?)?\s|[와과]\s?\S+\s?중(?:에서?)?\s|\bor\b|\bwhich\s+of\b|\bbetween\b|어느|쪽은|쪽이",
                     re.IGNORECASE)


# "Did …?", "Is …?": an English question that asks whether, when no question word asks what.
_AUXILIARY = re.compile(r"^\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b", re.IGNORECASE)


# "Can you tell me …?", "Could you list …?": a request, not a yes-or-no question
_REQUEST_EN = re.compile(r"^\s*(?:can|could|would|will)\s+you\b", re.IGNORECASE)


def asks_whether(question: str) -> bool:
    """Whether ``question`` asks yes or no ("피고가 상고했어?", "Did the defendant appeal?"): no
    question word, no choice offered, and a Korean question that ends in a verb's ending."""
    if _ASKS_WHAT.search(question) or _CHOICE.search(question) or "?" not in question and "？" not in question:
        return False
    if not is_korean(question):
        return bool(_AUXILIARY.match(question)) and not _REQUEST_EN.match(question)
    from ingest.korean import kiwi

    tokens = [t for t in kiwi().tokenize(question) if not t.tag.startswith("S")]
    # "알려줄래?", "요약해 줄 수 있나요?": a request, with 주다 as its helper verb, asks for something
    return bool(tokens) and tokens[-1].tag == "EF" and not any(t.tag == "VX" and t.form == "주" for t in tokens)


def _bare(text: str) -> str:
    """A sentence's words alone: no marker, punctuation or space."""
    from qa.citations import strip_markers

    return re.sub(r"[\W_]+", "", strip_markers(text)).casefold()


def spoken(given: Sequence[str], source: str) -> set[str]:
    """The question's terms, in any phrasing of it (``given``), that ``source`` holds: its
    names, its countries, its Hangul nouns (inside a compound too, in a source of any script)
    and its English nouns as a word of the source, capitalised or not, a letter of inflection
    apart ("rate" for "rates"; "rat" of "rates" is no part of "strategy")."""
    p = passage(source)
    words = {w for w in p.terms.nouns | p.terms.names if not is_korean(w)}
    held: set[str] = set()
    for g in given:
        q = terms(g)
        held |= q.countries & p.terms.countries
        held |= {n for n in q.names if holds_term(p, n, q)}
        held |= {n for n in q.nouns if ((n in p.terms.nouns or squeeze(n) in p.squeezed) if is_korean(n)
                                         else any(_same_word(n, w) for w in words))}
    return held


def comparable(given: Sequence[str], source: str) -> bool:
    """Whether ``spoken`` can judge ``source``: the question names something (names are read
    across scripts), or a phrasing of it is in a script the source is written in."""
    read = [terms(g) for g in given]
    return any(q.names or q.countries for q in read) or any(
        q.nouns and re.search(r"[가-힣]" if q.korean else r"[A-Za-z]{3}", source) for q in read)


# The word before a Korean road address's number ("중앙대로 214", "장터길 21"): a place, not a
# quantity; the number is whole and no unit follows it ("도로 12km" is a length)
_ROAD = re.compile(r"([가-힣0-9]{1,12}(?:로|길))[ \u00a0]{0,2}$")
_AFTER_ROAD = re.compile(r"(?:-\d+|번길)?(?:$|[\s,.)\]]|[에의은는이입가과와로를을]|에서)")
# an English claim that writes the address ("214 Jungang-daero")
_ROMAN_ROAD = re.compile(r"(\d+)(?:-\d+)?\s+[A-Z][\w-]*-(?:daero|ro|gil)\b")


def _a_road(word: str) -> bool:
    """A noun that names a road (Kiwi: its last morpheme a noun ending in 로 or 길), not a word
    that takes the particle 로 ("결과로", "2배로")."""
    from ingest.korean import kiwi

    tokens = kiwi().tokenize(word)
    if len(tokens) >= 2 and tokens[-1].form == "대로" and tokens[-2].tag in ("NNG", "NNP"):
        return True  # Kiwi reads 중앙대로 as 중앙 + the particle 대로 ("as")
    return bool(tokens) and tokens[-1].tag in ("NNG", "NNP") and tokens[-1].form.endswith(("로", "길"))


def is_address(text: str, number: Number) -> bool:
    """Whether ``text`` writes ``number`` only as a road address's number, never as a quantity."""
    if any(m.group(1) == f"{number.value:g}" for m in _ROMAN_ROAD.finditer(text)):
        return True
    prepared = prepare_text(text)
    spots = [x for x in normalize_numbers(text) if same_quantity(number, x) or x.value == number.value]
    return bool(spots) and all(
        x.kind == "number" and x.written.isdigit() and _AFTER_ROAD.match(prepared, x.end)
        and (m := _ROAD.search(prepared[max(0, x.start - 16):x.start])) and _a_road(m.group(1)) for x in spots)


def common_opener(c: Terms, claim: str, question: str) -> Terms:
    """``c`` with the capital word opening an English claim read as a common word when the
    user's question writes it in lower case ("Operating profit fell 85%", asked about the
    "operating profit"): the capital marks the sentence, not a name the source must hold."""
    m = re.match(r"\s*([A-Z][a-z]+)\b", claim)
    if c.korean or not m or m.group(1).casefold() not in c.names or not re.search(rf"\b{m.group(1).lower()}\b", question):
        return c
    word = m.group(1).casefold()
    return replace(c, names=c.names - {word}, nouns=c.nouns | {stem(word)},
                   phrases=tuple(p for p in c.phrases if p.split()[0] != word))


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 3 and len(long) - len(short) <= 1 and long.startswith(short))


# --- the two checks -------------------------------------------------------------------


def support(claim: str, source: str, given: Sequence[str] = (), figures: str | None = None,
            waived: Iterable[str] = (), report: str | None = None) -> Verdict:
    """Whether ``source`` supports ``claim`` beyond what ``given`` (the question and its
    renderings) already says. Numbers are looked for in ``figures`` when given (the cited
    unit itself, not its whole passage: a neighbouring row's figure is another fact).
    ``waived``: names of the question that no shown unit holds, so that none can be told
    apart by them (the question's own wording, "X (Twitter)"). ``report``: what was shown of
    the source's report, where the question's subject must be spoken of (a table row's
    caption may be lost, its report's text is not)."""
    c = terms(claim)
    if enabled("opener-word") and given:
        c = common_opener(c, claim, given[0])
    asked = [terms(g) for g in given]
    p = passage(source)
    fig = passage(figures) if figures is not None else p
    waived = set(waived)
    missing: list[str] = []
    found = 0.0
    # Names and countries are held to the passage even when the question gave them: a claim
    # about the asked subject cited to a passage about another is not supported by it.
    given_names = {n for a in asked for n in a.names | a.countries}
    echoed_found = 0  # of ``found``, the question's own names: they say nothing the claim adds
    for name in sorted(c.names):
        if holds_term(p, name, c):
            found += 1
            echoed_found += name in given_names
        elif name not in waived:
            missing.append(name)
    for code in sorted(c.countries):
        if code in p.terms.countries:
            found += 1
            echoed_found += code in given_names
        elif code not in waived:
            missing.append(code)
    if (c.names or c.countries) and not found and not missing and c.korean != p.terms.korean:
        # Across scripts no common noun is compared: a claim whose every name went unheld
        # (waived, none shown holds it) would stand on its figure alone, about any subject
        # ("the district spent 9,870,000 won", cited to a ruling's award).
        missing.append(min(c.names | c.countries))
    names_missing = len(missing)
    named = found  # names and countries the source holds: the claim's subject, when it has one
    for month in sorted(c.months - set().union(*(a.months for a in asked))):
        if month in p.terms.months:
            found += 1
        else:
            missing.append(f"month {month}")
    given_numbers = [x for a in asked for x in a.numbers]
    falls = bool(FALL.search(claim))
    way = claimed(claim) if enabled("figure-direction") else 0
    for number in c.numbers:
        if echoes(number, given_numbers):
            continue
        # "fell by 45.8%" is a table's "-45.8%"
        negative = falls and number.value > 0 and holds_number(fig, replace(number, value=-number.value))
        held = (holds_number(fig, number) or negative) and not (
            enabled("address-number") and is_address(fig.text, number) and not is_address(claim, number))
        if held and way and against(number, way, fig.text):
            missing.append(f"{number.value:g} moved the other way")
        elif held:
            found += 2
        else:
            missing.append(f"{number.value:g}")
    said = [squeeze(g) for g in given]
    # the claim's own nouns: what it adds to the question ("피고가 상고했다" adds nothing to "상고했어?")
    own = [n for n in sorted(c.nouns) if not any(n in a.nouns for a in asked) and not any(squeeze(n) in g for g in said)
           and not (falls and FALL.match(n))  # the fall is the negative figure's sign
           and not currency_word(n)]  # the currency is its figure's kind, compared with it
    if c.korean == p.terms.korean:
        held = [n for n in own if n in p.terms.nouns or squeeze(n) in p.squeezed]
        # every noun held counts towards the nearest unit, the question's own too
        found += sum(n in p.terms.nouns or squeeze(n) in p.squeezed for n in c.nouns)
        # and what the unit itself holds (not only its passage) breaks a tie
        found += 0.5 * sum(n in fig.terms.nouns for n in c.nouns)
        if len(own) >= 2 and len(held) < NOUN_SHARE * len(own):
            missing.extend(n for n in own if n not in held)
        # What the claim takes from the question is its subject when it names none the source
        # holds: a figure cited to a report about something else ("시장은 2030년에 1,554GWh",
        # from a battery report) is not its. A name held ("Dolly 모델은 …") is the subject.
        echoed = [n for n in sorted(c.nouns) if n not in own]
        if enabled("topic-held") and not named and len(echoed) >= 2:
            topic = passage(report) if report is not None else p
            lost = [n for n in echoed if n not in topic.terms.nouns and squeeze(n) not in topic.squeezed]
            if len(echoed) - len(lost) < NOUN_SHARE * len(echoed):
                missing.extend(lost)
    elif own and found == echoed_found and not missing and enabled("cross-script-nouns"):
        # Across scripts a claim with no name or figure of its own (the question's names held
        # are not its own) is read by its words' translations (an English "called the
        # discriminator" over a Korean unit's 판별자): the source must say most of what it adds.
        # a word the source writes in the claim's script is found by its form or not at all
        vocabulary = [w for w in p.terms.nouns | p.terms.names if is_korean(w) != c.korean]
        unseen = [n for n in own if squeeze(n) not in p.squeezed]
        translated = dict(zip(unseen, said_among(unseen, vocabulary)))
        held = [n for n in own if translated.get(n, True)]
        found += len(held)
        if len(held) < NOUN_SHARE * len(own):
            missing.extend(n for n in own if n not in held)
    # A claim that only restates the question ("피고가 상고했다" asked "상고했어?", "The founders
    # are named among the sceptics" asked which founder is) states nothing of its own to check,
    # in any language: the source must say what it says.
    restated = (not [n for n in own if n not in POINTING] and not (c.names | c.countries) - given_names
                and all(echoes(x, given_numbers) for x in c.numbers))
    # the user's question offers the sides, not its rendering ("… 창업자 중 누구", from "which founder")
    if restated and any(_ASKS_WHAT.search(g) for g in given) and not (given and _CHOICE.search(given[0])):
        # asked what, why or how much, a sentence with nothing of its own has not answered
        # ("… 본 이유는 [2].")
        missing.append(NOTHING_OWN)
    elif restated and given and len(c.nouns) >= 2 and c.korean == p.terms.korean:
        lacking = [n for n in sorted(c.nouns) if n not in p.terms.nouns and squeeze(n) not in p.squeezed]
        # asked whether, the restated question is the answer "yes": every word of it is the
        # source's to say (피고 and 판결 held, 대법원 and 상고 not, is no appeal); a side chosen
        # is the question's word, its figures the choice's (qa.choice)
        if lacking and (not _CHOICE.search(given[0]) or len(c.nouns) - len(lacking) < NOUN_SHARE * len(c.nouns)):
            missing.extend(lacking)
    if (given and len(bare := _bare(claim)) >= 8 and bare in _bare(given[0]) and not _CHOICE.search(given[0])
            and NOTHING_OWN not in missing):
        # the question, or a part of it, said back word for word ("피고가 대법원에 상고했어",
        # asked "… 판결 뒤 피고가 대법원에 상고했어?"); a side of a choice is the question's words
        missing.append(NOTHING_OWN)
    if enabled("cause-held"):
        missing.extend(unsaid_effect(claim, p))
    if not found and not missing:
        # "as explained in [2]": a sentence none of whose terms its source holds states nothing of it
        missing.append("nothing the source says")
    return Verdict(not missing, tuple(missing), found, names_missing)
