"""What a refusal says, and how to tell that a model's text is one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.citations import ENDS_NO_DATE
from qa.countries import country_name

ABSTAIN_MARK = {"ko": "보고서에 없음", "en": "NOT IN REPORTS"}

REFUSAL = {
    "ko": "제공된 보고서에는 이 질문에 답할 수 있는 내용이 없습니다.",
    "en": "The reports do not say; I found nothing in them that answers this question.",
}

_PATTERNS = re.compile(
    r"보고서에\s*없|근거에\s*없|알\s*수\s*없|NOT IN REPORTS|not (?:in|covered by) the (?:given |provided )?(?:reports|evidence)|"
    r"(?:reports|evidence|documents?) do(?:es)? not (?:say|mention|cover|contain|provide|specify|state|include|give)|"
    r"(?:is|are) not (?:provided|mentioned|given|stated|specified|available|included) in the (?:reports|evidence)|"
    r"(?:언급|명시|제시|기재)(?:되어|되지|돼)\s*있지\s*않|나와\s*있지\s*않|(?:정보|내용)(?:가|는|이)\s*없|"
    # The closed-book prompt asks for these when the model does not know.
    r"^\s*(?:모름|모릅니다|I (?:do not|don't) know)\b",
    re.IGNORECASE,
)


# "does not directly answer": a refusal, unless the text goes on to cite what it found ("… does
# not explicitly state the total, but [1] lists …").
_HEDGED = re.compile(r"(?:reports|evidence|documents?) do(?:es)? not (?:directly|explicitly|specifically|clearly) "
                     r"(?:say|mention|cover|contain|provide|specify|state|include|give|answer|address)|"
                     r"(?:reports|evidence|documents?) do(?:es)? not (?:answer|address)", re.IGNORECASE)


def is_refusal(text: str) -> bool:
    if _PATTERNS.search(text) or text.strip() in ABSTAIN_MARK.values():
        return True
    return bool(_HEDGED.search(text)) and not re.search(r"\[\d+\]", text)


# A run of words the model repeats three times or more without end ("이해, 생성, 전달, 예측,
# 이해, 생성, …"): said once. Words only: "100.0, 100.0, 100.0" may be a row's figures.
_LOOP = re.compile(r"(\S.{5,80}?)(?:\s*\1){2,}", re.DOTALL)


def _degenerate(text: str) -> bool:
    """Many words, few of them different: a small model caught in a loop, not an answer (a
    table's rows read aloud still differ in their names and figures)."""
    words = re.findall(r"[가-힣A-Za-z]+|\d[\d,.]*", re.sub(r"\[\d+(?:\s*,\s*\d+)*\]", " ", text))
    return len(words) >= 12 and len(set(words)) < 0.3 * len(words)


# the sentence a leading marker vouches for ends where qa.grounding.sentences ends one
_LEADING_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]\s*([^\[]+?)\s*([.!?。]" + ENDS_NO_DATE + r"(?=\s|$)|$)")


def tidy(text: str) -> str:
    """Small models sometimes echo a label or the prompt's "[n]", keep going with a new question,
    loop on a phrase, or number their sentences with the markers ("[1] A. [2] B."): a marker follows what it vouches for."""
    text = re.sub(r"^\s*(?:답변|답|Answer)\s*[:：]\s*", "", text.strip())
    text = re.split(r"\n\s*(?:질문|Question)\s*[:：]", text)[0].strip()
    # the instruction's placeholder copied as if it were a marker ("이유는 [n] 소담커피는 …")
    # (a "[n]" written onto a word, "x[n]", is notation, not a marker)
    text = re.sub(r"(^|\n)[ \t]*\[n\][ \t]*|[,，]?[ \t]+\[n\](?=[.,!?。]|$)", r"\1", text, flags=re.MULTILINE)
    text = re.sub(r"[,，]?[ \t]+\[n\](?:[ \t]+|(?=\[))", " ", text).strip()
    text = _LOOP.sub(lambda m: m.group(1) if re.search(r"[가-힣A-Za-z]{2}", m.group(1)) else m.group(0), text)
    if re.match(r"\[\d", text):
        text = _LEADING_MARK.sub(lambda m: f"{m.group(2)} [{m.group(1)}]{m.group(3)}", text)
    text = _said_once(text)
    if _degenerate(text):
        # a loop under changing markers ("[1] 가구: 가구 [2] 가구: 가구 …") says nothing from
        # where it begins; what came before it is an answer like any other ("A grew 50.4% [1].
        # B fell 2.8% [2]." and then the same sentence with other figures, again and again)
        return _before_the_loop(text)
    return text


def _before_the_loop(text: str) -> str:
    parts = re.split(r"(?<=[.!?。])\s+|\n+", text)
    kept = ""
    for part in parts:
        longer = f"{kept} {part}".strip()
        if _degenerate(longer):
            break
        kept = longer
    return kept if kept != text else ""


def _said_once(text: str) -> str:
    """A sentence the model says again under another marker, adding no word, is said once:
    "[1] X. [2] X. [3] X." is X, not a loop to throw away with what it said."""
    kept: list[str] = []
    words: list[set[str]] = []
    for part in re.split(r"(?<=[.!?。])\s+", text):
        own = set(re.findall(r"[가-힣A-Za-z]+|\d[\d,.]*", re.sub(r"\[\d+(?:\s*,\s*\d+)*\]", " ", part)))
        if own and any(own <= earlier for earlier in words):
            continue
        kept.append(part)
        words.append(own)
    return " ".join(kept)


def uncovered_refusal(lang: str, uncovered: Sequence[str], note: str) -> str:
    """A refusal for constraints nothing covers (a year, a country), with what the reports do cover."""
    return f"{REFUSAL[lang]} {note}".strip() if uncovered else REFUSAL[lang]



def not_found(lang: str, missing: Sequence[str]) -> str:
    """A refusal that says what the reports lack."""
    if not missing:
        return REFUSAL[lang]
    shown = ", ".join(country_name(m, lang) if re.fullmatch(r"[A-Z]{2}", m) else m for m in missing[:3])
    return (f"{REFUSAL[lang]} (보고서에서 '{shown}'에 관한 내용을 찾지 못했습니다.)" if lang == "ko"
            else f"{REFUSAL[lang]} (Nothing in them mentions {shown}.)")
