"""An explanation finished with the reasons its passage gives for what was asked.

Asked why, a small model often cites the report's one-line gist ("DDI 매출은 재고 조정으로
줄었다") and stops, or repeats a party's claim, while the passage it read states the reasons
beside the sentence that says what happened: right after it ("… 줄었다. … 낮아졌기 때문이다."),
or right before a sentence that points back to them ("… 게을리하였다. 이러한 사정을 고려하여 피고의
책임을 60%로 제한한다."). That is how reports of every kind write a cause, so the reasons are
found by it, not by what any one report is about: the sentence of a shown passage that says
most of what the question asks about, then its reasons by those two links. Each is added in
the report's own words, cited to its passage, unless the answer already says it. Only a
passage in the question's language lends sentences: an English answer gets no Korean one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.lexical import tokenize, tokenize_many
from ingest.sentences import split_sentences
from qa.citations import strip_markers
from qa.enumeration import cite_sentence
from qa.grounding import sentences
from qa.terms import is_korean
from qa.types import Evidence

# A sentence that states a cause: a connective that says "because" or names a cause, in
# either language.
_CAUSE = re.compile(r"때문|탓(?:에|이다)|덕분|원인|(?:으로|로)\s*인(?:해|하여|한)|영향으로"
                    r"|\bbecause\b|\bdue to\b|\bowing to\b|\bthanks to\b|\bdriven by\b|\bdriver\b"
                    r"|\bcaused?\b|\bled to\b|\breasons?\b", re.IGNORECASE)
# A sentence that draws its conclusion from the sentences before it.
_BACK = re.compile(r"^\s*(?:이러한|이와\s*같은|위와\s*같은|이런|그러한|이상의)\s*\S*\s*(?:사정|점|사유|이유|요인|상황)"
                   r"|^\s*(?:따라서|그\s*결과|이에\s*따라|그러므로)"
                   r"|^\s*(?:for (?:these|those|this) reasons?|as a result|therefore|consequently|accordingly|hence"
                   r"|given (?:these|this|that)|in (?:view|light) of (?:these|this))\b", re.IGNORECASE)
# Words of the question that ask why; they name no part of what happened.
_ASKING = frozenset({"왜", "이유", "까닭", "원인", "설명", "why", "reason", "explain", "cause", "보고서", "report"})
# What the sentence saying what happened must share with the question: at least this many of
# its words, and this share of them.
MIN_SHARED, MIN_SHARE = 2, 0.3
# Sentences looked at on either side of it; shorter lines are headings ("책임의 제한.", "3. 냉장
# 부문 매출 감소 원인"), where a part ends, and never what happened nor a reason.
REACH = 3
MIN_SENTENCE = 20
# Sentences added at most: the reasons of one event, not the passage.
MAX_ADDED = 2
# Share of a reason's words an answer sentence must hold to have given it already.
SAID = 0.5


def _words(text: str) -> set[str]:
    return set(tokenize(strip_markers(text)))


def reasons_in(question: str, passage: str) -> tuple[int, list[str]]:
    """How much of ``question`` the passage's sentence that says what was asked shares, and the
    reasons the passage gives beside that sentence (none when no sentence says it)."""
    asked = _words(question) - _ASKING
    said = [s.strip() for s in split_sentences(passage) if s.strip()]
    # what happened: the sentence that shares most of the question (the first of equals), not
    # a heading or a table row; a weaker match with reasons speaks of another event. A sentence
    # is read with the heading it sits under ("디스플레이 구동칩(DDI)" over "DDI 매출은 … 줄었다").
    shares, heading = [], set()
    for s, words in zip(said, tokenize_many([strip_markers(s) for s in said])):  # one Kiwi call
        if not _is_sentence(s):
            heading = set(words) if "\t" not in s else heading
            shares.append(0)
        else:
            shares.append(len(asked & (set(words) | heading)))
    if not shares or max(shares) < max(MIN_SHARED, MIN_SHARE * len(asked)):
        return 0, []
    i = shares.index(max(shares))
    sentence = said[i]
    found = [sentence] if _CAUSE.search(sentence) else []
    # the run of sentences right after it that give causes: the first that gives none (the
    # next event, "냉장 부문 매출은 … 줄었다") ends it
    after: list[str] = []
    for s in said[i + 1:i + 1 + REACH]:
        if not (_is_sentence(s) and _CAUSE.search(s)):
            break
        after.append(s)
    before = list(reversed(_within(said[max(0, i - REACH):i][::-1]))) if _BACK.search(sentence) else []
    # a passage may repeat a line (a page's running text read twice): each reason once
    reasons = list(dict.fromkeys([*before, *found, *after]))
    return (shares[i], reasons) if reasons else (0, [])


def _is_sentence(s: str) -> bool:
    """A sentence, not a heading, a caption or a table row."""
    return len(s) >= MIN_SENTENCE and "\t" not in s


def _within(run: Sequence[str]) -> list[str]:
    """The run of sentences up to the first heading-like short line."""
    out = []
    for s in run:
        if not _is_sentence(s):
            break
        out.append(s)
    return out


def with_reasons(text: str, question: str, lang: str, passages: Sequence[Evidence]) -> str:
    """``text`` with the reasons the best-matching shown passage gives that it does not already
    say, each cited to that passage, after the answer's last sentence."""
    # the passage whose sentence says most of what was asked (the first of equals) lends them
    found = [(shared, e.n, reasons) for e in passages if is_korean(e.text) == (lang == "ko")
             for shared, reasons in [reasons_in(question, e.text)] if reasons]
    if not found:
        return text
    _, n, reasons = max(found, key=lambda f: f[0])
    answer = [_words(s) for s in sentences(text)]
    new = [r for r, own in ((r, _words(r)) for r in reasons)
           if not any(len(w & own) >= SAID * max(len(own), 1) for w in answer)][:MAX_ADDED]
    if not new:
        return text
    sep = "\n" if "\n" in text.strip() else " "
    return text.rstrip() + "".join(sep + cite_sentence(r, n) for r in new)
