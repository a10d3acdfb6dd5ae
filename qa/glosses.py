"""A question that asks what a name stands for or is called ("IGM은 무엇의 약자인가요?", "What
does EIAC stand for?", "what is the top tier, ASI, called?") is answered by the report's own
gloss: the words a shown unit writes beside the name in brackets ("초인공지능(ASI)",
"IGM(Image Generation Model)", "Emirates … Centre (EIAC)"). A small model asked this
restates the name's description or gives the question back; the bracket is the report's
definition, so the answer is the report's words, cited and passed through the support check.

Nothing here knows a report: the name is read from the question's grammar, the gloss from
the brackets any document writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.followup import has_final_consonant
from qa.types import Evidence

# A name written as an acronym: two capitals or more, digits and joiners between ("IGM", "EU-DPA")
_NAME = r"[A-Z][A-Za-z0-9&.\-]*[A-Z0-9]"
_Q = r"['\"“‘]?"
_UNQ = r"['\"”’]?"
# "in the report", "in these slides": where, not what else is asked
_WHERE = r"(?:\s+(?:in|according\s+to)\s+(?:the|these|this)\s+[\w'’-]+(?:\s+[\w'’-]+)?)?"
_KO_END = r"(?:인가요|인가|입니까|이에요|예요|야|일까요|이죠|죠)?\s*[?？]?\s*$"
# the name asked about, read from where the question puts it: the whole of what is asked, with
# nothing after the asking but where ("What does NMAB stand for and how many …" asks two things,
# "What was NMAB called before 2020?" a former name, "What does AI mean for jobs?" no meaning)
_ASKS = [
    ("expansion", re.compile(rf"\bwhat\s+(?:does|did|do)\s+(?:the\s+)?(?:abbreviation\s+|acronym\s+|term\s+)?{_Q}({_NAME}){_UNQ}"
                             rf"\s+(?:stand\s+for|mean){_WHERE}\s*[?？]\s*$", re.IGNORECASE)),
    ("expansion", re.compile(rf"\bwhat\s+is\s+the\s+full\s+(?:name|form)\s+of\s+(?:the\s+)?{_Q}({_NAME}){_UNQ}{_WHERE}\s*[?？]\s*$",
                             re.IGNORECASE)),
    # "what is the top tier, ASI, called?": the name right after "is", or set apart by commas
    ("called", re.compile(rf"\bwhat\s+(?:is|are|was|were)\s+(?:the\s+[\w\s'’-]{{1,40}}?,\s*)?{_Q}({_NAME}){_UNQ},?"
                          rf"\s+called{_WHERE}\s*[?？]\s*$", re.IGNORECASE)),
    ("expansion", re.compile(rf"(?:^|\s){_Q}({_NAME}){_UNQ}\s*(?:은|는|이|가|의)?\s*(?:무엇|뭐|어떤\s*말)의\s*(?:약자|약어|줄임말){_KO_END}")),
    ("expansion", re.compile(rf"(?:^|\s){_Q}({_NAME}){_UNQ}\s*의\s*(?:약자|약어|풀네임|전체\s*명칭|정식\s*명칭)(?:은|는)?\s*(?:무엇|뭐)?{_KO_END}")),
    ("called", re.compile(rf"(?:^|\s){_Q}({_NAME}){_UNQ}\s*(?:을|를|은|는)?\s*(?:무엇|뭐)이?라고\s*(?:부르|불리|칭)\S*\s*[?？]?\s*$")),
]
# words an expansion's initials skip ("Eastmoor International Arbitration Centre" for EIAC)
_LINKS = frozenset({"of", "and", "for", "the", "on", "in", "to", "&"})
# a name glossed as it was before ("formerly the … (NMAB)", "구 해사중재원"): not its name now
_FORMER = re.compile(r"(?:formerly|previously|once|former|구|舊|전신)\W*(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Gloss:
    name: str  # the name asked about, as the question writes it
    words: str  # the report's words for it
    n: int  # the shown unit that writes them
    how: str  # how the question asks: "expansion" (stands for) or "called"


def asked_name(question: str) -> tuple[str, str] | None:
    """The name a question asks the meaning of, and how it asks ("expansion" or "called")."""
    for how, pattern in _ASKS:
        if m := pattern.search(question):
            if sum(c.isupper() for c in m.group(1)) >= 2:
                return m.group(1), how
    return None


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in _LINKS).upper()


def _letters(name: str) -> str:
    return re.sub(r"[^A-Za-z]", "", name).upper()


def _before(text: str, name: str, how: str) -> str:
    """The words a text writes just before "(NAME)". Latin words count only when their initials
    spell the name. A Korean term, which no letters can check, only for a "called" question and
    only when it stands apart: one word in quotes ("'초인공지능(ASI)'") or after a word that is
    not a bare noun ("가장 높은 단계는 초인공지능(ASI)"); a run of nouns ("지역별 발전 용량(MW)",
    "통계청 인구 추계(KOSIS)") is a caption, a unit or a source as often as a name."""
    if re.search(r"[가-힣]['\"”’]?\s*$", text):
        from ingest.korean import kiwi

        words = re.split(r"\s+", text.rstrip("'\"”’"))
        term = words[-1].lstrip("'\"“‘")
        quoted = term != words[-1]
        # a noun joined to its bracket, not a verb's "위해 (XSI)"
        if (how != "called" or not re.fullmatch(r"[가-힣]{2,15}", term) or text[-1].isspace()
                or not all(t.tag.startswith(("NN", "XSN", "XPN")) for t in kiwi().tokenize(term))):
            return ""
        if quoted:
            return term
        before = words[-2] if len(words) > 1 else ""
        tokens = kiwi().tokenize(before.strip("'\"“”‘’")) if before and before[-1].isalnum() else []
        bare = bool(tokens) and all(t.tag.startswith(("NN", "SL", "SN", "XSN", "XPN")) for t in tokens)
        return "" if bare else term
    words = re.findall(r"[A-Za-z][\w'’\-]*|&", text[-160:])
    letters = _letters(name)
    for k in range(len(letters), min(len(letters) + 4, len(words)) + 1):
        if _initials(words[-k:]) == letters and words[-k].casefold() not in _LINKS:
            return " ".join(words[-k:])
    return ""


def _inside(text: str, name: str) -> str:
    """The words of "NAME(…)", when their initials spell the name ("IGM(Image Generation
    Model)"); a Korean bracket ("EIAC(두바이 소재)") is a place, a person or a note as often."""
    inner = text.strip().strip("'\"“”‘’")
    words = re.findall(r"[A-Za-z][\w'’\-]*|&", inner)
    if not words or re.search(r"[\d가-힣]", inner) or len(inner) > 60:
        return ""
    return inner if _initials(words) == _letters(name) and words[0].casefold() not in _LINKS else ""


def gloss(question: str, evidence: Sequence[Evidence]) -> Gloss | None:
    """The report's words for the name the question asks about: from the shown units (their
    own text, which the citation quotes) that write them beside the name in brackets. None
    when no unit does, or when two give different words (two reports, or a former name)."""
    asked = asked_name(question)
    if asked is None:
        return None
    name, how = asked
    bracketed = re.compile(rf"\(\s*{re.escape(name)}\s*\)")
    opened = re.compile(rf"(?<![A-Za-z0-9]){re.escape(name)}\s*\(([^()]{{2,62}})\)")
    found: list[Gloss] = []
    for e in evidence:
        for m in bracketed.finditer(e.text):
            prior = e.text[:m.start()].rstrip()
            if (words := _before(prior, name, how)) and not _FORMER.search(prior[:len(prior) - len(words)]):
                found.append(Gloss(name, words, e.n, how))
        for m in opened.finditer(e.text):
            if words := _inside(m.group(1), name):
                found.append(Gloss(name, words, e.n, how))
    said = {g.words.casefold() for g in found}
    return found[0] if len(said) == 1 else None


def gloss_answer(lang: str, found: Gloss) -> str:
    """The answer in the question's language, cited to the unit that writes the gloss. An
    acronym read as a word (OPEC, 오펙) may get the other particle."""
    expansion = found.how == "expansion"
    if lang == "ko":
        quoting = "이라고" if has_final_consonant(found.words[-1]) else "라고"
        said = f"{found.words}의 약자입니다" if expansion else f"‘{found.words}’{quoting} 부릅니다"
        return f"{found.name}{'은' if has_final_consonant(found.name[-1].upper()) else '는'} {said} [{found.n}]."
    return f"{found.name} {'stands for' if expansion else 'is called'} {found.words} [{found.n}]."
