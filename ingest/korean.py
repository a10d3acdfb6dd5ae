"""The one Kiwi morphological analyser of the process, and the few judgements made with it."""

from __future__ import annotations

import functools
import re
from typing import Any

_LAST_WORD = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"^\s*(\S+)")
_HANGUL = re.compile(r"[가-힣]")
# Final endings ("~다", "~요") and the nominaliser -음 ("출시되었음", "증가함") close a
# sentence in report style even when no full stop follows; -기 ("주시기 바랍니다") does not.
_NOMINAL_ENDINGS = frozenset({"음", "ᆷ"})
# Morphemes that only ever continue a word: particles, endings, suffixes, the copula.
_DEPENDENT_TAGS = ("J", "E", "XS", "VCP", "VCN")
_OPEN_TAGS = ("EC", "ETM", "J")


@functools.lru_cache(maxsize=1)
def kiwi() -> Any:
    # One instance per process: building it costs seconds and hundreds of MB.
    from kiwipiepy import Kiwi

    return Kiwi()


def ends_with_final_ending(text: str) -> bool:
    """Whether a Korean line ends the way a sentence does ("~했다", "~되었음", "~증가함")."""
    tag, form = _last_token(text)
    return tag == "EF" or (tag == "ETN" and form in _NOMINAL_ENDINGS)


def ends_mid_sentence(text: str) -> bool:
    """Whether a Korean line stops on a connective ending, an adnominal ending or a particle
    ("~하며", "~하는", "~모델을"): the sentence goes on past it."""
    return _last_token(text)[0].startswith(_OPEN_TAGS)


def _last_token(text: str) -> tuple[str, str]:
    # The last three words, not one: alone, "높지" reads as a final ending; after "DAU가" it does not.
    tail = " ".join(text.split()[-3:])
    if not _HANGUL.search(tail[-2:]):
        return "", ""
    tokens = [t for t in kiwi().tokenize(tail) if not t.tag.startswith("S")]
    return (tokens[-1].tag, tokens[-1].form) if tokens else ("", "")


def glued_across(left: str, right: str) -> bool:
    """Whether the last word of ``left`` and the first word of ``right`` are one Korean word
    cut in two ("있었" + "는데,"): analysed written together, a morpheme spans the cut or
    the one that starts there cannot start a word (a particle, an ending, a suffix)."""
    last, first = _LAST_WORD.search(left), _FIRST_WORD.search(right)
    if not last or not first:
        return False
    a, b = last.group(1), first.group(1)
    if not (_HANGUL.search(a[-1:]) or a[-1:].isdigit()) or not _HANGUL.search(b[:1]):
        return False
    cut = len(a)
    for token in kiwi().tokenize(a + b):
        if token.start < cut < token.start + token.len:
            return not token.oov  # an unknown "word" across the cut is two words Kiwi could not read
        if token.start >= cut:
            # After a number a bound noun is its unit: "2020" + "년대", "144" + "개".
            return token.tag.startswith(_DEPENDENT_TAGS) or (a[-1].isdigit() and token.tag == "NNB")
    return False


def auxiliary_follows(left: str, right: str) -> bool:
    """Whether ``right`` opens on an auxiliary verb that completes ``left`` ("높지" / "않음")."""
    first = _FIRST_WORD.search(right)
    if not first or not _HANGUL.search(first.group(1)[:1]):
        return False
    head = " ".join(left.split()[-2:])
    cut = len(head) + 1
    return any(t.start == cut and t.tag == "VX" for t in kiwi().tokenize(f"{head} {first.group(1)}"))


# Demonstratives Kiwi tags as pronouns (NP) or determiners (MM): "이에 해당됨", "그 결과", "이들은".
# Personal pronouns (우리, 자신) are NP too, but do not point at the sentence before.
_DEMONSTRATIVES = frozenset({"이", "그", "저", "이것", "그것", "여기", "거기", "이곳", "그곳"})


def points_back(text: str) -> bool:
    """Whether a Korean sentence leans on the one before it: it opens on a conjunctive adverb
    ("그리고", "따라서") or its first clause refers back with a demonstrative ("이에 해당됨",
    "그 결과", "이러한"). Past a connective ending or a comma, "이는" speaks of its own first clause
    ("…증가하였으며, 이는 역대 최대")."""
    tokens = [t for t in kiwi().tokenize(text[:200]) if not t.tag.startswith("S") or t.form == ","]
    if tokens and tokens[0].tag == "MAJ":
        return True
    for t in tokens:
        if t.tag == "EC" or t.form == ",":
            return False
        if t.tag in ("NP", "MM") and t.form in _DEMONSTRATIVES or t.tag == "XR" and t.form in ("이러", "그러"):
            return True
    return False
