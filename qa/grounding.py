"""A draft made to stand on its evidence, sentence by sentence: each sentence is cited by a
shown unit that supports it (the model's own [n] when that unit does, else the unit that
does: a small model forgets markers), and a sentence no unit supports is dropped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.types import Hit
from qa.citations import ENDS_NO_DATE, cited_numbers, strip_markers
from qa.passages import Passage, holds_name, holds_number, passage, squeeze
from qa.rules import enabled
from qa.sentence_form import asks, cut_short
from qa.support import NOTHING_OWN, Verdict, comparable, spoken, support
from qa.terms import terms
from qa.types import Evidence, Problem, ProblemKind

# A full stop between figures is a date's ("2021. 7. 1."), not a sentence's end.
_SENTENCE_END = re.compile(r"(?<=[.!?。])" + ENDS_NO_DATE + r"((?:\s*\[\d{1,2}(?:\s*[,，]\s*\d{1,2})*\])*)\s+(?=\S)|\n+")
_NUMBERED = re.compile(r"\b(?:no|nos|vol|fig|art|sec|ch|p|pp|para|tab|eq)\.$", re.IGNORECASE)
_MARKERS = re.compile(r"\s*\[\d{1,2}(?:\s*[,，]\s*\d{1,2})*\]")
_ONLY_MARKERS = re.compile(rf"(?:{_MARKERS.pattern})+")


def sentences(text: str) -> list[str]:
    """The draft's sentences, each with the markers that follow its full stop; the markers
    after the draft's last full stop ("… reason. [1]") are written before it ("… reason [1].")."""
    text = text.rstrip()
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        # "report No. 1", "Fig. 3", "p. 12": the stop ends an abbreviation, not the sentence
        if not m.group(1) and _NUMBERED.search(text, 0, m.start()) and text[m.end():m.end() + 1].isdigit():
            continue
        out.append(text[start:m.start()] + (m.group(1) or ""))
        start = m.end()
    tail = text[start:]
    if out and not _MARKERS.search(out[-1]) and enabled("trailing-marker") and \
            _ONLY_MARKERS.fullmatch(markers := tail.strip().rstrip(" .。!?")):
        # split off alone, they were dropped, and the sentence read as citing nothing
        last = out[-1].rstrip()
        stop = "" if _NUMBERED.search(last) else re.search(r"[.!?。]*$", last).group(0)
        out[-1] = f"{last[:len(last) - len(stop)].rstrip()} {markers.strip()}{stop}"
        tail = ""
    out.append(tail)
    return [s.strip() for s in out if strip_markers(s).strip(" .-•*")]


_CLAUSE_END = re.compile(r"(\s*\[\d{1,2}(?:\s*[,，]\s*\d{1,2})*\][,;]?)\s+(?=\S)")


def clauses(sentence: str) -> list[str]:
    """A sentence whose parts each cite their own unit ("A fell 45.8% [1], while B fell 13.3%
    [5].") as those parts: each is checked against what it cites, not the whole against one."""
    parts, start = [], 0
    for m in _CLAUSE_END.finditer(sentence):
        parts.append(sentence[start:m.end(1)])
        start = m.end()
    parts.append(sentence[start:])
    parts = [p for p in parts if strip_markers(p).strip(" .,;")]
    return parts if len(parts) > 1 and all(_MARKERS.search(p) for p in parts) else [sentence]


def source_of(e: Evidence) -> str:
    """What a citation of ``e`` vouches for: the unit, its passage, the passage's heading and
    the report's title (a claim naming the report's publisher is supported by the catalog)."""
    chunk = e.hit.chunk
    return "\n".join((e.text, chunk.text, chunk.section or "", e.hit.title or "", e.hit.publisher or ""))


def with_heading(e: Evidence) -> str:
    """A unit as selection reads it: with its passage's heading (a table row's caption may
    sit there, not in the row)."""
    return f"{e.text}\n{e.hit.chunk.section or ''}"


def passage_of(hit: Hit) -> str:
    """A retrieved passage as the answerability gate reads it: with its heading, title, publisher."""
    return "\n".join((hit.chunk.text, hit.chunk.section or "", hit.title or "", hit.publisher or ""))


def waived(sources: Sequence[str], given: Sequence[str]) -> set[str]:
    """Names of the question that no shown unit holds: none can be told apart by them."""
    asked = [terms(g) for g in given]
    named = {n for a in asked for n in a.names} | {c for a in asked for c in a.countries}
    held = {n for n in named for s in sources if _names(passage(s), n)}
    return named - held


def verdicts(claim: str, evidence: Sequence[Evidence], given: Sequence[str],
             wide: frozenset[int] = frozenset()) -> dict[int, Verdict]:
    """Each shown unit's verdict on ``claim``; a unit in ``wide`` was shown as its whole
    passage, so the passage's figures count as its own."""
    sources = {e.n: source_of(e) for e in evidence}
    free = waived(list(sources.values()), given)
    reports: dict[str, list[str]] = {}
    for e in evidence:
        reports.setdefault(e.hit.chunk.doc_id, []).append(sources[e.n])
    shown = {doc: "\n".join(dict.fromkeys(texts)) for doc, texts in reports.items()}
    return {e.n: support(claim, sources[e.n], given, figures=None if e.n in wide else e.text, waived=free,
                         report=shown[e.hit.chunk.doc_id]) for e in evidence}


def cite(sentence: str, *ns: int) -> str:
    """``sentence`` with its markers replaced by [n] (or [n, m]), before its closing punctuation."""
    body = _MARKERS.sub("", sentence).rstrip()
    marker = "[" + ", ".join(map(str, ns)) + "]"
    m = re.search(r"[.!?。,;]+$", body)
    return f"{body[:m.start()]} {marker}{m.group(0)}" if m else f"{body} {marker}"


def pair_support(claim: str, evidence: Sequence[Evidence], given: Sequence[str], cited: Sequence[int] = (),
                 wide: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """Two shown units of one report that together support ``claim`` when neither does alone
    ("62% of the 410 firms": the share in one sentence, the total in the next). Only units
    of one report: two reports' facts joined would be a claim neither makes. Each of the
    claim's figures and names of its own must sit in a unit naming the question's countries and
    one of its other names, or one unit's figure would be given for the other's subject. Pairs
    with a unit the model cited come first."""
    sources = {e.n: source_of(e) for e in evidence}
    free = waived(list(sources.values()), given)
    asked = [terms(g) for g in given]
    named = ({n for a in asked for n in a.names} | {c for a in asked for c in a.countries}) - free
    said = terms(claim)
    numbers = [x for x in said.numbers if not any(holds_number(passage(g), x) for g in given)]
    # so must the names the claim adds: the question's subject in one unit and a name of the
    # other is a relation neither states ("X's model is Y", X named in one unit, Y in the other)
    own = (set(said.names) | set(said.countries)) - {n for a in asked for n in a.names | a.countries} - free
    pairs = [(a, b) for i, a in enumerate(evidence) for b in evidence[i + 1:]
             if a.hit.chunk.doc_id == b.hit.chunk.doc_id]
    pairs.sort(key=lambda p: (not ({p[0].n, p[1].n} & set(cited)), p[0].n, p[1].n))
    for a, b in pairs:
        figures = None if a.n in wide or b.n in wide else f"{a.text}\n{b.text}"
        if not support(claim, f"{sources[a.n]}\n{sources[b.n]}", given, figures=figures, waived=free).supported:
            continue
        # a name both units say ("AI") tells neither's subject apart: the others anchor (a
        # report's title, read with every unit of it, still anchors a unit that names no one)
        both = {n for n in named if all(_names(passage(e.text), n) for e in (a, b))}
        anchored = [e for e in (a, b) if _anchors(passage(sources[e.n]), (named - both) or named)]
        if all(any(holds_number(passage(sources[e.n] if e.n in wide else e.text), x) for e in anchored)
               for x in numbers) and all(any(_names(passage(sources[e.n]), n) for e in anchored) for n in own):
            return a.n, b.n
    return None


def _anchors(p: Passage, named: set[str]) -> bool:
    """Whether a unit may hold the claim's figures: it names every country the question names
    (Japan's figure is not in a unit about the US) and one of its other names, if any."""
    countries = {n for n in named if n.isupper() and len(n) == 2}
    others = named - countries
    return countries <= p.terms.countries and (not others or any(holds_name(p, n) for n in others))


def _names(p: Passage, name: str) -> bool:
    return name in p.terms.countries if name.isupper() and len(name) == 2 else holds_name(p, name)


# A question that asks for a report's or a thing's name ("보고서 제목은?", "what is it called")
_ASKS_A_NAME = re.compile(r"제목|이름|명칭|\btitle|\bname|\bcalled\b", re.IGNORECASE)


def _names_its_report(sentence: str, evidence: Sequence[Evidence], given: Sequence[str]) -> bool:
    """A sentence that is only its report's title or a heading ("[1] 가람군 … 연구 [3]") states
    nothing, unless a name is what was asked."""
    key = squeeze(re.sub(r"[\s.。!?,:;]+$", "", strip_markers(sentence)))
    if len(key) < 4 or any(_ASKS_A_NAME.search(g) for g in given[:1]) or terms(sentence).numbers:
        return False  # a heading that states a figure ("매출 1,200억 원 달성") is a claim
    # most of the title, not a few of its words: "해상 풍력 시장" may answer "what does it study?"
    names = {squeeze(e.hit.title or "") for e in evidence} | {squeeze(e.hit.chunk.section or "") for e in evidence}
    return any(key in name and len(key) >= 0.6 * len(name) for name in names)


def ground(text: str, evidence: Sequence[Evidence], given: Sequence[str],
           wide: frozenset[int] = frozenset(), topic: bool = False) -> tuple[str, list[Problem]]:
    """The supported part of ``text``, every sentence cited by a unit that supports it, and a
    problem for each sentence dropped. Empty text when nothing is supported, or, with
    ``topic``, when the reports it cites speak of nothing the question asks (``off_topic``)."""
    kept: list[str] = []
    problems: list[Problem] = []
    known = {e.n for e in evidence}
    parts = [part for whole in sentences(text) for part in clauses(whole)]
    worded = [bool(re.search(r"[^\W\d_]", strip_markers(part))) for part in parts]
    for sentence, words in zip(parts, worded):
        if not words and any(worded):
            # "2 [3]." after "the following reasons:": a list's numbering, no claim of its own
            # (a figure alone, "37 [1]", is an answer)
            problems.append(Problem(ProblemKind.UNSUPPORTED, f"\"{strip_markers(sentence)[:20]}\" says nothing"))
            continue
        if asks(sentence):
            problems.append(Problem(ProblemKind.NOT_ITS_OWN, f"\"{strip_markers(sentence)[:40]}\" asks, it does not answer"))
            continue
        if cut_short(sentence, evidence):
            problems.append(Problem(ProblemKind.UNSUPPORTED, f"\"{strip_markers(sentence)[-30:]}\" stops mid-sentence"))
            continue
        if _names_its_report(sentence, evidence, given):
            problems.append(Problem(ProblemKind.NOT_ITS_OWN, f"\"{strip_markers(sentence)[:40]}\" names its report, nothing it says"))
            continue
        found = verdicts(sentence, evidence, given, wide)
        cited = [n for n in cited_numbers(sentence) if n in known]
        if cited and all(found[n].supported for n in cited):
            kept.append(sentence if len(cited) == len(cited_numbers(sentence)) else cite(sentence, cited[0]))
            continue
        holders = sorted((n for n, v in found.items() if v.supported), key=lambda n: (-found[n].found, n))
        if holders:
            kept.append(cite(sentence, holders[0]))
            continue
        if enabled("pair-support") and (pair := pair_support(sentence, evidence, given, cited, wide)):
            kept.append(cite(sentence, *pair))
            continue
        body = strip_markers(sentence)
        # the nearest unit (the claim's subject first, then fewest terms missing) is where a
        # retry should look, and what a quote would show
        near = min(found, key=lambda n: (found[n].names_missing, len(found[n].missing), -found[n].found, n),
                   default=None)
        missing = found[near].missing if near is not None else ()
        where = f" in [{near}]" if near is not None else ""
        if missing and set(missing) == {NOTHING_OWN}:
            # the sentence gives the question back: no unit holds more of what it wanted
            problems.append(Problem(ProblemKind.NOT_ITS_OWN, f"\"{body[:60]}\" says nothing of its own, only the question's words"))
            continue
        problems.append(Problem(ProblemKind.UNSUPPORTED,
                                f"no evidence states \"{body[:60]}\" ({', '.join(missing[:4])} not found{where})",
                                near if near is not None and found[near].found else None))
    if topic and kept and enabled("on-topic") and (off := off_topic(kept, evidence, given)):
        return "", [*problems, off]
    # a sentence whose last part was dropped ends where the kept part does
    return re.sub(r"[,;]$", ".", " ".join(_once(kept))), problems


def off_topic(kept: Sequence[str], evidence: Sequence[Evidence], given: Sequence[str]) -> Problem | None:
    """A problem when the reports the answer cites hold none of the question's terms while
    another shown report holds some ("the UK will host a summit in 2023 [5]", asked how often
    the US Fed raised rates in 2023, beside units on the US). A report is read as its shown
    units, each with its heading and the report's title (a table row is spoken of by its
    caption, a line of its own), not as their whole passages, which touch many subjects.
    Where no shown report holds a term of the question, its words may be the reports'
    synonyms, and none is judged; nor is a report the question cannot be compared with."""
    cited = {n for sentence in kept for n in cited_numbers(sentence)}
    reports: dict[str, list[str]] = {}
    for e in evidence:
        reports.setdefault(e.hit.chunk.doc_id, []).append(f"{with_heading(e)}\n{e.hit.title or ''}")
    texts = {doc: "\n".join(units) for doc, units in reports.items()}
    docs = {e.hit.chunk.doc_id for e in evidence if e.n in cited}
    if (not docs or not all(comparable(given, texts[doc]) for doc in docs)
            or any(spoken(given, texts[doc]) for doc in docs)
            or not any(spoken(given, text) for doc, text in texts.items() if doc not in docs)):
        return None
    return Problem(ProblemKind.CONSTRAINT, f"[{min(cited)}] and its report's shown units speak of nothing the question asks about")


def _once(kept: list[str]) -> list[str]:
    """Each sentence once: a small model loops ("이는 … 때문입니다 [5]." three times), and a
    sentence an earlier one already says in full adds nothing."""
    out: list[str] = []
    said: list[str] = []
    for sentence in kept:
        body = squeeze(re.sub(r"[.!?。,;]+$", "", strip_markers(sentence).strip()))
        if body and any(body in earlier for earlier in said):
            continue
        out.append(sentence)
        said.append(body)
    return out
