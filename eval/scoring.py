"""Score answers against eval/facts.jsonl items; pure functions, no I/O, stdlib only.

Numbers are compared by value, never by digits: a generator that writes "1440" for 144
or "14.4" for 144 is wrong even though a substring test would call it right, and
"1,750억" / "175 billion" / "1.75E+11" must all be the same quantity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from qa.choice import direction, picking, said_back
from qa.numbers import Number, normalize_numbers, prepare_text, same_quantity
from qa.subjects import alternatives

Language = Literal["ko", "en"]


# --- answer matching ---------------------------------------------------------------

# What may surround a number in an acceptable answer and still leave it "just a number".
_NUMERIC_RESIDUE = re.compile(
    r"[\s$€₩~≈.,;:()\[\]/+-]|약|대략|달러|원|유로|usd|dollars?|euros?|won|about|approximately|around",
    re.IGNORECASE,
)


def _numeric_answer(acceptable: str) -> list[Number] | None:
    """The numbers an acceptable answer consists of, or None if it is a name/phrase."""
    prepared = prepare_text(acceptable)
    numbers = normalize_numbers(acceptable)
    if not numbers:
        return None
    residue = list(prepared)
    for n in numbers:
        residue[n.start : n.end] = [" "] * (n.end - n.start)
    return numbers if not _NUMERIC_RESIDUE.sub("", "".join(residue)) else None


def normalize_text(text: str) -> str:
    """NFC, case-folded, whitespace runs (tabs of table cells too) collapsed to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def _contains_phrase(haystack: str, needle: str) -> bool:
    """Substring test that will not find "US" in "because" or "KT" in "SKT"."""
    if not needle:
        return False
    ascii_alnum = re.compile(r"[a-z0-9]")
    pos = haystack.find(needle)
    while pos >= 0:
        before = haystack[pos - 1] if pos > 0 else ""
        after = haystack[pos + len(needle)] if pos + len(needle) < len(haystack) else ""
        left_ok = not (ascii_alnum.match(needle[0]) and ascii_alnum.match(before or " "))
        right_ok = not (ascii_alnum.match(needle[-1]) and ascii_alnum.match(after or " "))
        if left_ok and right_ok:
            return True
        pos = haystack.find(needle, pos + 1)
    return False


# "[3]" cites evidence 3; it must not pass for the answer "3".
_CITATION_MARK = re.compile(r"\[\s*\d+(?:\s*[,-]\s*\d+)*\s*\]")


# "a 2-month suspension" states "2 months": an English count before its unit is one form of
# it, hyphenated or not, singular or plural.
_COUNTED_UNIT = re.compile(r"(\d)[\s-]+([a-z]+?)s?\b")


def _unit_form(text: str) -> str:
    return _COUNTED_UNIT.sub(r"\1 \2", text)


def _unechoed(text: str, question: str, needle: str) -> str:
    """``text`` without the stretches it repeats from the question around ``needle``: "갑국과
    을국 중 갑국이 높았다" names 을국 only by saying the question's choice back."""
    if not question or not _contains_phrase(question, needle):
        return text
    n = re.escape(needle)
    # the needle joined to another side ("갑국과 을국", "Gapland or Ruritania"), not the needle
    # in a longer name the answer gives ("Alpha-Beta Genomics 거래")
    # (not a comma: "Europe, with 42 points" answers; a list of three sides is said back whole)
    joined = re.compile(rf"{n}\s*(?:와|과|\band\b|\bor\b|\bvs\b)|(?:와|과|\band|\bor|\bvs\.?)\s+{n}")
    said = said_back(text, question, lambda block: bool(joined.search(block)))
    # what a side is compared with is not the side given ("France released more than Korea",
    # asked which released more); said the other way round ("China scored lower than Europe",
    # asked which scored higher) it is
    return picking(said, direction(question), keep_unsaid=True, sides=alternatives(question))


def answer_matches(answer_text: str, acceptable: Sequence[str], question: str = "") -> bool:
    """True if the answer states any acceptable answer: numbers by value, names as phrases.
    With ``question``, a name the answer only repeats from it (a choice's other side said
    back) is not stated."""
    answer_text = _CITATION_MARK.sub(" ", answer_text)
    found = normalize_numbers(answer_text)
    text = normalize_text(answer_text)
    asked = normalize_text(question)
    for option in acceptable:
        expected = _numeric_answer(option)
        if expected is not None:
            if all(any(same_quantity(e, g) for g in found) for e in expected):
                return True
            continue
        needle = normalize_text(option)
        said = _unechoed(text, asked, needle)
        # Korean spacing is inconsistent ("코난 테크놀로지" / "코난테크놀로지").
        if (_contains_phrase(said, needle) or _contains_phrase(said.replace(" ", ""), needle.replace(" ", ""))
                or _contains_phrase(_unit_form(said), _unit_form(needle))):
            return True
    return False


# --- language ----------------------------------------------------------------------

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Language:
    """'ko' when Hangul dominates; a syllable weighs two letters, as Korean answers
    routinely carry English model names ("Llama 3.1-405B입니다")."""
    hangul = len(_HANGUL.findall(text)) * 2
    latin = len(_LATIN.findall(text))
    if hangul == 0:
        return "en"
    return "ko" if hangul / (hangul + latin) >= 0.3 else "en"


def _language_matches(text: str, expected: str) -> bool:
    # A bare "144" is a fine answer in either language.
    if not _HANGUL.search(text) and not _LATIN.search(text):
        return True
    return detect_language(text) == expected


# --- per-item scoring --------------------------------------------------------------


def _file_name(path: object) -> str:
    return re.split(r"[\\/]", str(path or ""))[-1]


def _same_source(a: object, b: object) -> bool:
    # Hits may carry "corpus/x.txt" or just "x.txt"; the file name is the identity.
    return bool(_file_name(a)) and _file_name(a) == _file_name(b)


def _evidence_rank(evidence: str, source: str, hits: Sequence[Mapping[str, Any]]) -> int | None:
    """1-based rank of the first hit that holds the evidence from the right report."""
    want = normalize_text(evidence)
    # The CLI numbers hits from 1; fall back to list order when it does not.
    ranks = [h.get("rank") if isinstance(h.get("rank"), int) else i + 1 for i, h in enumerate(hits)]
    for rank, hit in sorted(zip(ranks, hits), key=lambda rh: rh[0]):
        if _same_source(hit.get("source"), source) and want in normalize_text(
            str(hit.get("text") or "")
        ):
            return rank
    return None


def _holds_in_order(quote: str, evidence: str) -> bool:
    """Every word of the evidence in the quote, in order and close together.

    Table evidence is the raw row ("HyperCLOVA X 네이버"), but a cited table row is spelled
    out with its column names ("모델명: HyperCLOVA X, 개발주체: 네이버"), so a plain
    substring test calls a right citation wrong."""
    words = [w.strip(",;()[]") for w in evidence.split()]
    patterns = [
        # A number must be a whole number: "1" is not found inside "2021".
        re.compile(("(?<![0-9.])" if w[0].isdigit() else "") + re.escape(w) + ("(?![0-9])" if w[-1].isdigit() else ""))
        for w in words if w
    ]
    if len(patterns) < 2:
        return False
    start = pos = -1
    for pattern in patterns:
        match = pattern.search(quote, max(pos, 0))
        if match is None:
            return False
        start = match.start() if start < 0 else start
        pos = match.end()
    # Words scattered over a long quote are a coincidence, not the evidence.
    return pos - start <= 3 * len(evidence) + 40


def holds_evidence(evidence: str, source: str, quotes: Sequence[Mapping[str, Any]]) -> bool:
    """Whether one of the quotes (``{"quote", "source"}``) holds the evidence, from the right report."""
    return _citation_ok(evidence, source, quotes)


def _citation_ok(evidence: str, source: str, citations: Sequence[Mapping[str, Any]]) -> bool:
    want = normalize_text(evidence)
    for c in citations:
        quote = normalize_text(str(c.get("quote") or ""))
        if not quote or not _same_source(c.get("source"), source):
            continue
        # A short quote inside the evidence proves little; require 15+ characters.
        if want in quote or (len(quote) >= 15 and quote in want) or _holds_in_order(quote, want):
            return True
    return False


def score_item(item: Mapping[str, Any], answer: Mapping[str, Any]) -> dict[str, Any]:
    """Metrics for one facts item and one CLI-shaped answer; None where not applicable."""
    text = str(answer.get("answer") or "")
    abstained = bool(answer.get("abstained"))
    row: dict[str, Any] = {
        "id": item.get("id"),
        "type": item.get("type"),
        "language": item.get("language"),
        "abstained": abstained,
        "language_match": _language_matches(text, str(item.get("language"))),
    }
    if item.get("type") == "refusal":
        return row | {
            "correct": abstained, "refused_ok": abstained, "hit_at_1": None,
            "hit_at_5": None, "reciprocal_rank": None, "citation_correct": None,
        }
    row |= {
        "correct": not abstained and answer_matches(text, item.get("answers") or [], str(item.get("question") or "")),
        "refused_ok": None,
    }
    evidence, source = item.get("evidence"), item.get("source")
    if not evidence or not source:
        return row | {"hit_at_1": None, "hit_at_5": None, "reciprocal_rank": None,
                      "citation_correct": None}
    rank = _evidence_rank(evidence, source, answer.get("hits") or [])
    # The units handed to the model: was the answer-bearing one among them?
    shown = [{"quote": e.get("text"), "source": e.get("source")} for e in answer.get("evidence") or []]
    recalled = _citation_ok(evidence, source, shown)
    row |= {
        "hit_at_1": rank == 1,
        "hit_at_5": rank is not None and rank <= 5,
        "reciprocal_rank": 1.0 / rank if rank else 0.0,
        "citation_correct": _citation_ok(evidence, source, answer.get("citations") or []),
        "evidence_recall": recalled if answer.get("path") != "closed-book" else None,
    }
    return row | {"lost_at": lost_at(row, str(answer.get("path") or ""))}


def lost_at(row: Mapping[str, Any], path: str) -> str:
    """Where a wrong open-book answer was lost: the passage never retrieved, its answering
    unit never shown to the model, the model wrote it wrong, or verification set it aside."""
    if row.get("correct") or path in ("closed-book", "error") or row.get("evidence_recall") is None:
        return ""
    if not row.get("evidence_recall"):
        return "selection" if row.get("hit_at_5") else "retrieval"
    if path == "abstain":
        return "selection"  # the unit was shown, yet selection judged the question uncovered
    if path == "extractive-fallback" or (row.get("abstained") and path == "llm-retry"):
        return "verification"
    return "generation"


# --- aggregation -------------------------------------------------------------------


def _mean(values: Iterable[object]) -> float | None:
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def _summary(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    refusal = [r for r in rows if r.get("type") == "refusal"]
    answerable = [r for r in rows if r.get("type") != "refusal"]
    abstained = [r for r in rows if r.get("abstained")]
    return {
        "n": len(rows),
        "n_answerable": len(answerable),
        "n_refusal": len(refusal),
        "accuracy": _mean(r.get("correct") for r in rows),
        "answerable_accuracy": _mean(r.get("correct") for r in answerable),
        # Precision: when it refuses, was there nothing to find? Recall: did it refuse
        # every question the reports cannot answer?
        "refusal_precision": _mean(r.get("type") == "refusal" for r in abstained),
        "refusal_recall": _mean(r.get("abstained") for r in refusal),
        "hit_at_1": _mean(r.get("hit_at_1") for r in answerable),
        "hit_at_5": _mean(r.get("hit_at_5") for r in answerable),
        "mrr": _mean(r.get("reciprocal_rank") for r in answerable),
        "citation_correct": _mean(r.get("citation_correct") for r in answerable),
        "evidence_recall": _mean(r.get("evidence_recall") for r in answerable),
        "lost_at": {stage: sum(r.get("lost_at") == stage for r in answerable)
                    for stage in ("retrieval", "selection", "generation", "verification")},
        "language_match": _mean(r.get("language_match") for r in rows),
    }


def aggregate(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Overall metrics plus the same broken down by question language and item type."""
    result = _summary(rows)
    for key, field in (("by_language", "language"), ("by_type", "type")):
        groups = sorted({str(r.get(field)) for r in rows})
        result[key] = {g: _summary([r for r in rows if str(r.get(field)) == g]) for g in groups}
    return result
