"""What a question asks about: the thing its asking word is said of ("창업자는 몇 명",
"how many startups"), the words that narrow it ("여성 창업 스타트업"), and the compound that
names it ("핵심감사사항은 무엇"), so that a unit, a quote or the evidence as a whole that never
speaks of it is known to answer another question."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from ingest.korean import kiwi
from qa.passages import passage, says, squeeze
from qa.rules import enabled
from qa.terms import ASKING, MIN_NOUN, is_korean, stem, terms

_EN_FOCUS = re.compile(r"\bhow (?:many|much)\s+(?:[a-z-]+\s+){0,3}?([a-z]{3,})\s+(?:did|do|does|are|were|was|is|have|has|"
                       r"had|in|of|for|on|at|by|will|can|could)\b|"
                       r"\bwhat (?:is|was|are|were)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?([a-z]{3,})\s+(?:of|for|in|by|at|on)\b",
                       re.IGNORECASE)
# "How much more did ...": a degree, not a thing the evidence must name; nor a quantity word.
_EN_DEGREE = frozenset({"more", "less", "fewer", "larger", "smaller", "higher", "lower", "longer", "bigger", "greater",
                        "further", "else", "exactly", "roughly", "approximately", "about", "total", "overall",
                        # "the number of pumps sold": a quantity word, said of every figure, names no thing
                        "number", "amount", "count", "quantity", "figure", "value"})
# "어느 나라", "which country": the answer is an instance of the category, not the word itself.
_CATEGORY = frozenset({"어느", "어떤", "무슨"})
# "유예한 이유는 무엇", "줄어든 원인은": the reason asked is of the event before it, which a
# quote must speak of; the word for "reason" is the asking, as 왜 is.
_REASON = frozenset({"이유", "원인", "까닭", "배경", "요인"})


def focus(question: str) -> str:
    """The thing a question asks about ("스타트업 창업자는 몇 명" -> 창업자, "어느 나라가" -> 나라,
    "how many startups" -> startup): a quote that lacks it answers another question."""
    # the rule is read outside the cache: an ablation in the same process reads again
    return _focus(question, enabled("reason-focus"))


@functools.lru_cache(maxsize=1024)
def _focus(question: str, past_reason: bool) -> str:
    if not is_korean(question):
        m = _EN_FOCUS.search(question)
        word = (m.group(1) or m.group(2)).casefold() if m else ""
        return "" if word in _EN_DEGREE else stem(word)
    every = kiwi().tokenize(question)
    # a noun marked as a participant (원고에게, 법원에서) is not what is measured: "원고에게 얼마를"
    # asks an amount, of nothing the unit must name; but "X에서 몇 위" asks a place in X (순위에서,
    # 올림픽에서): X is what the unit must speak of
    ranked = {id(t) for t, after, a, b in zip(every, every[1:], every[2:], every[3:])
              if after.form == "에서" and a.form == "몇" and b.form in ("위", "번째", "등")}
    participant = {id(t) for t, after in itertools.pairwise(every) if after.tag == "JKB"} - ranked
    tokens = [t for t in every if not t.tag.startswith(("J", "S", "E", "XS", "VCP"))]
    for i, tok in enumerate(tokens):
        if tok.form in ASKING:
            if tok.form in _CATEGORY:
                return ""
            before = [t for t in tokens[:i] if t.tag in ("NNG", "NNP") and len(t.form) >= MIN_NOUN]
            if past_reason:
                while before and before[-1].form in _REASON:
                    before.pop()
            return before[-1].form if before and id(before[-1]) not in participant else ""
    return ""


@functools.lru_cache(maxsize=1024)
def asked_compound(question: str) -> str:
    """The thing a Korean question asks about when it is written as one compound of nouns
    ("핵심감사사항은 무엇", "영업이익은 얼마"): the report that never writes it does not say what
    is asked, however many of the question's other words it holds. One noun ("방식", "사항")
    is too generic to require, and is not read here."""
    if not is_korean(question):
        return ""
    every = kiwi().tokenize(question)
    at = next((i for i, t in enumerate(every) if t.form in ASKING), None)
    if at is None or every[at].form in _CATEGORY:
        return ""
    before = every[:at]
    while before and before[-1].tag.startswith(("J", "S", "E", "XS", "VCP")):
        before.pop()
    run: list = []
    # a prefix written onto the compound is part of it: 미지급액 is not 지급액; so is a suffix
    # within it: 사용권자산 (사용 + 권 + 자산) is not 무형자산
    while before and (before[-1].tag in ("NNG", "NNP") or run and before[-1].tag in ("XPN", "XSN")) and (
            not run or before[-1].end == run[0].start):
        run.insert(0, before.pop())
    while run and run[-1].form in _REASON:
        run.pop()
    while run and run[0].tag == "XSN":
        run.pop(0)
    return "".join(t.form for t in run) if sum(t.tag in ("NNG", "NNP") for t in run) >= 2 else ""


def compound_parts(compound: str) -> list[str]:
    """The nouns (and a prefix written onto them) a compound is made of: 핵심, 감사, 사항."""
    return [t.form for t in kiwi().tokenize(compound) if t.tag in ("NNG", "NNP", "XPN")] or [compound]


def says_every_noun(question: str, source: str) -> bool:
    """Whether ``source`` says every common noun of ``question``: asked whether ("피고가 대법원에
    상고했어?"), a quote that holds the parties and the ruling but not the appeal says nothing of it."""
    p = passage(source)
    return all(says(p, n) for n in terms(question).nouns)


def holds_focus(question: str, source: str) -> bool:
    """Whether ``source`` speaks of what ``question`` asks about (true when no focus can be
    read, or when the scripts differ and no word can be compared)."""
    word = focus(question)
    p = passage(source)
    if not word or is_korean(question) != p.terms.korean:
        return True
    return says(p, word) or names_a_column(question, source)


def holds_focus_across(question: str, renderings: Sequence[str], source: str) -> bool:
    """Whether ``source``, in the other script than ``question``, says the thing the user's
    own words ask about, by its translation (qa.crossing): "parameters" by 파라미터. When the
    user's words name no focus that can be read, the renderings' word for it is the model's
    choice ("창립자"): the source may say it in a word of its own that means the same."""
    from qa.crossing import said_among

    p = passage(source)
    if word := focus(question):
        vocabulary = [w for w in p.terms.nouns | p.terms.names if is_korean(w) != is_korean(question)]
        return says(p, word) or said_among([word], vocabulary)[0]
    words = [w for r in renderings if (w := focus(r))]
    vocabulary = [w for w in p.terms.nouns | p.terms.names if is_korean(w) == p.terms.korean]
    return not words or any(said_among(words, vocabulary))


def names_a_column(question: str, source: str) -> bool:
    """Whether ``question`` names a column of a table row in ``source`` word for word ("수용
    의사 점수" of a row with "수용도 수용 의사: 70.1"): the named column is the measure asked,
    however the question calls it (점수, 값, figure); that the answer's figure is that column's
    is verification's (qa.tables.named_column_mismatches)."""
    from qa.tables import (  # tables reads this module's peers
        column_named,
        measures,
        table_cells,
    )

    asked = squeeze(question)
    # a column that is only a period ("2023년") names when, not what is measured
    return any(column_named(name, asked) and measures(name) for name, _ in table_cells(source))


@functools.lru_cache(maxsize=1024)
def focus_modifiers(question: str) -> tuple[str, ...]:
    """The bare nouns written before a Korean question's focus in its phrase ("여성 창업
    스타트업은 몇 개" -> 여성, 창업): they narrow what is counted, so a figure of the
    unqualified thing (all startups) answers another question."""
    word = focus(question) if is_korean(question) else ""
    if not word:
        return ()
    words = re.findall(r"\S+", question)
    at = next((i for i, w in enumerate(words) if w.startswith(word) or word in w), None)
    out: list[str] = []
    for i in reversed(range(at or 0)):
        tokens = kiwi().tokenize(words[i])
        if not tokens or not all(t.tag.startswith(("NN", "SL", "XP")) for t in tokens) or tokens[0].tag == "NNB":
            break
        if words[i] in _POINT_IN_TIME or tokens[-1].form in _POINT_IN_TIME:
            break  # "제17기 말 사용권자산", "2023년 말 기준 부채": when, not which kind of thing
        out.append(words[i])
    return tuple(reversed(out))


# Nouns that place a figure in its period (Korean's closed class of them), never narrow what is counted
_POINT_IN_TIME = frozenset({"말", "초", "중", "초순", "중순", "하순", "말일", "기준", "현재", "당시", "이후", "이전",
                            "연말", "연초", "기말", "기초", "월말", "월초"})


def missed_modifier(question: str, text: str, elsewhere: str) -> str:
    """A word of ``focus_modifiers`` that ``text`` (a unit read with its passage) never says
    while ``elsewhere`` (what else was shown) does: the evidence tells the qualified thing from
    the rest. A qualifier no evidence says is the asker's own word for what a unit calls otherwise."""
    p, other = passage(text), passage(elsewhere)
    if not p.terms.korean:
        return ""
    return next((m for m in focus_modifiers(question) if not says(p, m) and says(other, m)), "")


def missed_focus(question: str, text: str) -> str:
    """What ``question`` asks about, when ``text`` does not speak of it ("점수" asked, a row of
    model counts given); '' when it does, or when ``holds_focus`` cannot tell."""
    return "" if holds_focus(question, text) else focus(question)
