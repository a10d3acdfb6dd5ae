"""Scoring answers longer than a sentence (eval/longform.jsonl): how many of an item's
reference key points the answer states, and what share of the sentences it shows a shown
unit supports. Pure, no I/O but the set's loader; bench/longform.py asks the assistant.

Key points are matched by the peer benchmark's rule (bench.answer_grading.states_point, which
eval cannot import from the layer above): numbers by value, otherwise the phrase or most of
its content words. A sentence counts as
supported when qa.grounding.ground keeps it against the evidence the answer was built from,
read the way the answer path read it (a long answer's units as their whole passages).
Human judgements of the same sentences and key points measure how far both signals can be
trusted (eval.agreement: Cohen's kappa)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from core.errors import RagError
from eval.agreement import agreement, parse_label
from eval.scoring import answer_matches, normalize_text
from eval.sets import read_jsonl
from qa.citations import cited_numbers
from qa.generators.extractive import quote_of
from qa.grounding import ground, sentences
from qa.numbers import normalize_numbers, same_quantity
from qa.summary_text import body_of
from qa.types import Evidence

FIELDS = ("id", "question", "language", "type", "source", "key_points", "split", "corpus")
TYPES = ("summary", "comparison", "explanation")
CORPORA = ("corpus", "realdocs")
# The bar: the share of reference key points stated, over the long-form set.
COVERAGE_TARGET = 0.7
# Share of a key point's content words an answer must hold when it does not hold the point verbatim.
TOKEN_SHARE = 0.6
_MARKER = re.compile(r"\[\s*\d+(?:\s*[,-]\s*\d+)*\s*\]")
# Reference points abbreviate scales ("$6.9m", "1.2bn") that answers spell out.
_SCALE = {"m": "million", "bn": "billion"}
_SCALED = re.compile(r"(\d)(m|bn)\b")


def _spelled(text: str) -> str:
    return _SCALED.sub(lambda m: f"{m.group(1)} {_SCALE[m.group(2)]}", text)


def _words(text: str) -> set[str]:
    from index.lexical import tokenize  # Kiwi: loaded on first use

    return {t for t in tokenize(_MARKER.sub(" ", text)) if not re.fullmatch(r"[\d.,]+", t)}


def states_point(text: str, point: str) -> bool:
    """Whether the answer states a key point: as the phrase itself (numbers by value), or by
    every one of its numbers and at least TOKEN_SHARE of its content words."""
    text, point = _spelled(text), _spelled(point)
    if answer_matches(text, [point]) or normalize_text(point) in normalize_text(text):
        return True
    found = normalize_numbers(_MARKER.sub(" ", text))
    if not all(any(same_quantity(n, f) for f in found) for n in normalize_numbers(point)):
        return False
    wanted = _words(point)
    if not wanted:
        return bool(normalize_numbers(point))
    return len(wanted & _words(text)) / len(wanted) >= TOKEN_SHARE


def load_longform(path: Path) -> list[dict[str, Any]]:
    """The set's items, each checked; a bad one is named by file and line."""
    items = []
    for line, item in read_jsonl(path, "long-form set"):
        missing = [f for f in FIELDS if f not in item]
        problem = (f"missing {', '.join(missing)}" if missing
                   else f"type '{item['type']}' is not one of {TYPES}" if item["type"] not in TYPES
                   else f"corpus '{item['corpus']}' is not one of {CORPORA}" if item["corpus"] not in CORPORA
                   else "no key points" if not item["key_points"] else "")
        if problem:
            raise RagError(f"{path}:{line}: {problem}")
        items.append(item)
    return items


def shown_sentences(text: str) -> list[str]:
    """The sentences a reader sees as the answer: a summary's header is not one of them, and a
    quote is one, however many sentences of its passage it holds."""
    body = body_of(text)
    return [body.strip()] if quote_of(body) is not None else sentences(body)


_QUOTE = re.compile(r"“(.+)”", re.DOTALL)


def is_supported(sentence: str, evidence: Sequence[Evidence], given: Sequence[str]) -> bool:
    """Whether ``ground`` keeps the sentence against its evidence, as units or as passages;
    a quote of the unit it cites is that unit's own words."""
    cited = cited_numbers(sentence)
    if not cited or not evidence:
        return False
    quote = _QUOTE.search(sentence)
    said = quote.group(1).strip() if quote else ""
    if said and any(e.n in cited and said in {e.text.strip(), e.quoted.strip()} for e in evidence):
        return True
    wide = frozenset(e.n for e in evidence)
    return any(bool(ground(sentence, evidence, given, w)[0]) for w in (frozenset(), wide))


def score_answer(item: Mapping[str, Any], text: str, evidence: Sequence[Evidence], abstained: bool
                 ) -> dict[str, Any]:
    """One answer's key points stated and sentences supported; a refusal states none."""
    points = list(item["key_points"])
    if abstained:
        return {"coverage": 0.0, "points": [0] * len(points), "sentences": [], "supported": [],
                "supported_share": None}
    body = body_of(text)
    stated = [int(states_point(body, p)) for p in points]
    shown = shown_sentences(text)
    supported = [int(is_supported(s, evidence, [item["question"]])) for s in shown]
    return {"coverage": sum(stated) / len(points), "points": stated, "sentences": shown, "supported": supported,
            "supported_share": sum(supported) / len(supported) if supported else None}


def _mean(values: Sequence[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return round(sum(kept) / len(kept), 3) if kept else None


def aggregate(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Mean key-point coverage per item, and supported sentences over all shown sentences,
    overall and by type, language and split."""
    def part(selected: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        shown = [s for r in selected for s in r["supported"]]
        return {"n": len(selected), "coverage": _mean([r["coverage"] for r in selected]),
                "sentences": len(shown), "supported_share": round(sum(shown) / len(shown), 3) if shown else None,
                "every_sentence_supported": all(shown), "seconds": _mean([r.get("seconds") for r in selected])}

    out: dict[str, Any] = {"all": part(rows), "target_coverage": COVERAGE_TARGET}
    for key in ("type", "language", "split", "corpus"):
        for value in sorted({str(r[key]) for r in rows}):
            out[f"{key}={value}"] = part([r for r in rows if str(r[key]) == value])
    return out


def human_agreement(judged: Sequence[Mapping[str, Any]], scored: Mapping[str, Mapping[str, Any]]
                    ) -> dict[str, Any]:
    """How far the automatic key-point and support signals agree with a reviewer's reading of
    the same answers. ``judged`` rows: id, points (0/1 per key point), sentences (0/1 per
    shown sentence: does its cited source say it?), label (the answer as a whole)."""
    human_points, auto_points, human_sent, auto_sent = [], [], [], []
    for row in judged:
        auto = scored.get(str(row["id"]))
        if auto is None:
            continue
        if len(row.get("points", [])) == len(auto["points"]):
            human_points += [parse_label(v) for v in row["points"]]
            auto_points += list(auto["points"])
        if len(row.get("sentences", [])) == len(auto["supported"]):
            human_sent += [parse_label(v) for v in row["sentences"]]
            auto_sent += list(auto["supported"])
    return {
        "answers": sum(1 for r in judged if str(r["id"]) in scored),
        "key_points": {"n": len(human_points), "human_share": _mean(human_points), "auto_share": _mean(auto_points),
                       **agreement(human_points, auto_points, binary=True)},
        "sentences": {"n": len(human_sent), "human_supported": _mean(human_sent), "auto_supported": _mean(auto_sent),
                      **agreement(human_sent, auto_sent, binary=True)},
    }
