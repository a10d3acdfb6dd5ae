"""A question read once: its phrasings (the question and its renderings), its language and
its constraints, for the gate, the support check and the quote check alike."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.constraints import Constraints, covers_kind, read_constraints, without_source
from qa.focus import asked_compound, compound_parts, holds_focus, holds_focus_across, says_every_noun
from qa.form import answer_form
from qa.numbers import codes, echoes, normalize_numbers
from qa.passages import holds_term, passage, squeeze
from qa.rules import enabled
from qa.support import asks_whether
from qa.terms import is_korean, terms

# Share of a question's nouns the evidence must hold before the model is asked, when the
# question names nothing (a name held carries the question).
QUESTION_NOUN_SHARE = 0.5


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    phrasings: tuple[str, ...]  # the question first, then its renderings
    constraints: Constraints  # of every phrasing: what a shown unit must meet to stand for the answer
    form: str = "fact"  # qa.form: fact, list, comparison, explanation, summary
    own: Constraints | None = None  # of the user's words alone: a rendering's additions are the model's

    @classmethod
    def parse(cls, text: str, language: str, renderings: Sequence[str] = ()) -> Question:
        phrasings = (text, *[r for r in renderings if r and r != text])
        own = read_constraints(text)
        every = own if len(phrasings) == 1 else read_constraints(" ".join(phrasings))
        return cls(text, language, phrasings, every, answer_form(text), own)

    @classmethod
    def of(cls, question: str | Question, language: str) -> Question:
        """``question`` as read once; a string (a direct caller, a test) is read here."""
        return question if isinstance(question, Question) else cls.parse(question, language)

    def coverage(self, sources: Sequence[str]) -> Coverage:
        """Whether ``sources`` hold this question's key terms (qa.support.question_coverage)."""
        return question_coverage(self.phrasings, sources)

    def answered_by(self, source: str, unit: str, report: str = "", passage_text: str = "") -> bool:
        """Whether a unit (read with its ``source``: passage, heading, title) holds what is
        asked: the question's key terms, and a figure of the kind asked when one is. The key
        terms may be in ``report``, what else was shown of the unit's report: a table row's
        caption is often a line of its own ("… 현재 재무상태표" above the rows)."""
        kind = self.constraints.kind
        # what is asked is compared in the source's script: the rendering speaks for an English
        # question, or the user's own word for it, read across scripts by its translation
        same = [p for p in self.phrasings if is_korean(p) == is_korean(source)]
        # the period asked is the quoted unit's own, not only its passage's (9월 asked, 8월 quoted)
        months = set().union(*(terms(p).months for p in self.phrasings))
        # a phrase the asker quotes ('딥러닝 기반 이미지 분석 기술') is the thing asked, word for
        # word: in the unit, or in what names it (its heading, its report's title), not in a
        # neighbouring row of its passage or its report
        quoted = [q for q in _QUOTED.findall(self.text) if is_korean(q) == is_korean(source)]
        named = squeeze(f"{unit}\n{source.replace(passage_text, '') if passage_text else source}")
        return (self.coverage([source, report] if report else [source]).covered
                and all(squeeze(q) in named for q in quoted)
                and (not kind or self._states_own_figure(unit, kind))
                and months <= terms(unit).months
                and (not same or any(holds_focus(p, source) for p in same)
                     or enabled("focus-across") and is_korean(self.text) != is_korean(source)
                     and holds_focus_across(self.text, same, source))
                and (not enabled("whether-quote") or not same or not asks_whether(self.text)
                     or any(says_every_noun(p, f"{unit}\n{source}") for p in same)))

    def _states_own_figure(self, unit: str, kind: str) -> bool:
        """Whether ``unit`` states a figure of the kind asked that is neither one the question
        itself gives ("Model-2 37B") nor, unless a year is asked, a year."""
        given = terms(self.text).numbers
        fresh = [x for x in normalize_numbers(unit) if not echoes(x, given)
                 and (kind == "year" or not (x.kind == "number" and re.fullmatch(r"(?:19|20)\d{2}", x.written)))]
        return bool(fresh) and covers_kind(unit, kind)


_QUOTED = re.compile(r"['‘\"“「『]([^'‘’\"“”「」『』\n]{2,80})['’\"”」』]")


@dataclass(frozen=True)
class Coverage:
    covered: bool
    missing: tuple[str, ...] = ()  # the key terms no evidence holds (of the best phrasing)
    share: float = 1.0


def question_coverage(phrasings: Sequence[str], sources: Sequence[str]) -> Coverage:
    """Whether the evidence holds the question's key terms: every name, country and month of
    some phrasing, and, for a question without names, at least ``QUESTION_NOUN_SHARE`` of the
    nouns of a phrasing in the evidence's script (an English question's Korean rendering judges
    Korean evidence; a phrasing in another script has no say on nouns)."""
    p = passage("\n".join(sources))
    read = [terms(phrasing) for phrasing in phrasings]
    ids = [codes(phrasing) for phrasing in phrasings]
    missing_names: list[list[str]] = []
    for phrasing, q, named_ids in zip(phrasings, read, ids):
        missing_names.append([n for n in sorted(q.names - q.glosses) if not holds_term(p, n, q)
                              and not by_acronym(n, phrasing, p.text)]
                             + [c for c in sorted(named_ids) if squeeze(c) not in p.squeezed]
                             + [code for code in sorted(q.countries) if code not in p.terms.countries]
                             + [f"month {m}" for m in sorted(q.months - p.terms.months)])
    named = [bool(q.names or q.countries or q.months or named_ids) for q, named_ids in zip(read, ids)]
    # names only a rendering gives are its own invention ("에인드로페르" for "ethanol"): a
    # question that names nothing is judged by its nouns
    has_names = named[0]
    # The question is the user's words: a rendering may vouch for its names in the other script,
    # but one that dropped them ("Riverton" rendered away) does not, and names a rendering
    # added (한울케미칼 rendered "Hanul Chemical") are not the question's to require.
    names_ok = not named[0] or any(not m for m, carries in zip(missing_names, named) if carries)
    # nouns are compared where some source shares the phrasing's script (a corpus may mix both)
    scripts = {is_korean(source) for source in sources}
    same = [q for q in read if q.korean in scripts and q.nouns]
    shares = [sum(n in p.terms.nouns or squeeze(n) in p.squeezed for n in q.nouns) / len(q.nouns) for q in same]
    nouns_ok = not same or max(shares) >= QUESTION_NOUN_SHARE
    share = max(shares) if shares else 1.0
    # what the question asks about, named as one compound, must be named by some source, all of
    # them Korean (an English passage may say it in its own words): whole, or every part of it
    # in one source ("개선방안" by "개선하기 위한 방안")
    compound = asked_compound(phrasings[0]) if enabled("asked-compound") else ""
    if compound and sources and all(is_korean(s) for s in sources) and squeeze(compound) not in p.squeezed:
        parts = compound_parts(compound)
        if not any(all(part in held for part in parts) for held in map(squeeze, sources)):
            return Coverage(False, (compound,), share)
    if names_ok and (has_names or nouns_ok):
        return Coverage(True, (), share)
    if not names_ok:
        return Coverage(False, tuple(missing_names[0]), share)
    best = same[shares.index(share)]
    return Coverage(False, tuple(sorted(n for n in best.nouns if n not in p.terms.nouns and squeeze(n) not in p.squeezed)),
                    share)


_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]?[A-Z]{1,5})(?![a-z])")


def by_acronym(name: str, phrasing: str, text: str) -> bool:
    """Whether ``text`` gives ``name`` (a word of ``phrasing``) by an acronym of the words that
    end with it: "display driver ICs" is "구동칩(DDI)", "small language model" "SLM"."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", phrasing)
    ends = [i for i, w in enumerate(words) if w.casefold().startswith(name.casefold())]
    held = {a.upper() for a in _ACRONYM.findall(text)}
    return any("".join(w[0] for w in words[start:end + 1]).upper() in held
               for end in ends for start in range(max(0, end - 5), end))


_SCORE_WORD = re.compile(r"\b(?:scores?|index|rating)\b", re.IGNORECASE)
_COUNTED = re.compile(r"몇\s*(?:개|건|명|곳|종|가지|번|회|차례|대|편|권)|how many|(?<!점)(?<!지)수(?:는|가|를|은)|"
                      r"\b(?:number|count) of\b", re.IGNORECASE)
_WHICH = re.compile(r"\b(?:which|who)\b|어느|누가|누구", re.IGNORECASE)  # asks for a name, not its figure


def asks_a_score(phrasings: Sequence[str]) -> bool:
    """Whether a question asks a score, an index or a rating (a measure on a scale, which no
    count of things is) and no phrasing of it asks a count ("지수는 몇 가지 항목"). Korean by
    Kiwi's nouns: 지수 of 디지털경쟁력지수 is one, of 김지수 (a name) and 지수적 (exponential) not.
    A question asking which or who wants a name, whatever figure goes with it."""
    asked = [without_source(p) for p in phrasings]  # "according to the AI Index report" names a source
    scored = any(_SCORE_WORD.search(p) or {"점수", "지수", "평점"} & terms(re.sub(r"지수적", " ", p)).nouns for p in asked)
    return scored and not any(_COUNTED.search(p) or _WHICH.search(p) for p in phrasings)
