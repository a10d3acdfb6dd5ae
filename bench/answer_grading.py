"""Answer-level grading for the LangChain peer benchmark: the question set's schema, and
pure functions that grade one answer of either system against one item.

Both systems are graded by the same rules. A refusal item is right when the answer refused;
an answerable one when it did not refuse and states an acceptable answer (numbers by value,
eval.scoring.answer_matches), as eval.scoring.score_item grades the assistant."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import RagError
from eval.scoring import answer_matches, normalize_text
from eval.sets import read_jsonl
from qa.numbers import Number, normalize_numbers, same_quantity
from qa.refusal import is_refusal

REQUIRED_KEYS = ("id", "question", "language", "answers", "key_points", "source", "page", "type", "domain",
                 "layout", "split")
LANGUAGES = ("ko", "en")
TYPES = ("fact", "table", "list", "comparison", "explanation", "summary", "refusal")
DOMAINS = ("public", "legal", "finance", "market")
SPLITS = ("tune", "test")
# Share of a text key point's content tokens an answer must hold when it does not hold the point verbatim.
TOKEN_SHARE = 0.6

# "[3]" cites evidence 3: it is not the number 3.
_CITATION_MARK = re.compile(r"\[\s*\d+(?:\s*[,-]\s*\d+)*\s*\]")
# What the peer's prompt asks for ("모른다고 답하세요") and how models phrase it. A bare
# "없습니다" also ends factual answers ("변동이 없습니다"), so it counts only after a word about
# the context or the information.
_PEER_REFUSAL = re.compile(
    r"모른다|모릅니다|모르겠|찾을\s*수\s*없|답(?:변)?할\s*수\s*없|확인할\s*수\s*없|"
    r"(?:문맥|맥락|컨텍스트|문서|자료|정보|내용|언급)\S*\s*(?:\S+\s*){0,4}없습니다|"
    r"(?:do not|don't|does not|doesn't|cannot|can't) (?:know|say|tell|answer|determine|find)|"
    r"not (?:in|mentioned in|provided in|stated in|given in|found in|available in) the (?:given |provided )?context|"
    r"(?:the )?(?:given |provided )?context (?:does not|doesn't) (?:say|mention|contain|provide|include|state|specify)|"
    r"no (?:information|mention) (?:about|of|on)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Graded:
    """One answer's grades; None where a grade does not apply to the item."""

    correct: bool
    refused: bool
    key_point_coverage: float | None
    numbers_stated: float | None
    right_page: bool | None


def load_questions(path: Path) -> list[dict[str, Any]]:
    """The items of a question set, each checked; a bad one is named by file and line."""
    items = []
    for number, item in read_jsonl(path, "question set"):
        problem = item_problem(item)
        if problem:
            raise RagError(f"{path}, line {number}: {problem}")
        items.append(item)
    if not items:
        raise RagError(f"{path} holds no questions")
    return items


def item_problem(item: Mapping[str, Any]) -> str:
    """What is wrong with one item of the set, or "" when nothing is."""
    missing = [k for k in REQUIRED_KEYS if k not in item]
    if missing:
        return f"missing {', '.join(missing)}"
    for key in ("answers", "key_points"):
        value = item[key]
        # A string would be scored letter by letter ("144" accepting "1", "4"...).
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"'{key}' must be a list of strings, not {type(value).__name__} {value!r:.60}"
    for key, allowed in (("language", LANGUAGES), ("type", TYPES), ("domain", DOMAINS), ("split", SPLITS)):
        if item[key] not in allowed:
            return f"'{key}' is {item[key]!r}; expected one of {', '.join(allowed)}"
    page = item["page"]
    if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
        return f"'page' must be a page number from 1 or null, not {page!r}"
    if not isinstance(item["question"], str) or not item["question"].strip():
        return "'question' is empty"
    if item["type"] != "refusal" and not item["answers"]:
        return "an answerable item needs at least one acceptable answer"
    return ""


def peer_refused(text: str) -> bool:
    """Whether a plain model's text says it does not know or that the context lacks the answer."""
    return not text.strip() or is_refusal(text) or bool(_PEER_REFUSAL.search(text))


def _numbers(text: str) -> list[Number]:
    return normalize_numbers(_CITATION_MARK.sub(" ", text))


def _distinct(numbers: Sequence[Number]) -> list[Number]:
    """One of each quantity: alternative answers ("1,750억 원", "175 billion won") name it twice."""
    kept: list[Number] = []
    for n in numbers:
        if not any(same_quantity(n, k) for k in kept):
            kept.append(n)
    return kept


def numbers_stated(text: str, answers: Sequence[str]) -> float | None:
    """Share of the reference answers' distinct numbers the text states by value; None without any."""
    wanted = _distinct([n for a in answers for n in normalize_numbers(a)])
    if not wanted:
        return None
    found = _numbers(text)
    return sum(any(same_quantity(w, f) for f in found) for w in wanted) / len(wanted)


def _word_tokens(text: str) -> set[str]:
    from index.lexical import tokenize  # Kiwi: loaded on first use

    # Numbers are held to their values, not their spelling.
    return {t for t in tokenize(_CITATION_MARK.sub(" ", text)) if not re.fullmatch(r"[\d.,]+", t)}


def states_point(text: str, point: str) -> bool:
    """Whether the answer states a key point: as an acceptable answer (a number by value, or
    the phrase itself), as a normalised substring, or by its numbers (every one, by value) and
    at least TOKEN_SHARE of its content tokens."""
    if answer_matches(text, [point]):
        return True
    if normalize_text(point) in normalize_text(text):
        return True
    found = _numbers(text)
    if not all(any(same_quantity(n, f) for f in found) for n in normalize_numbers(point)):
        return False
    wanted = _word_tokens(point)
    if not wanted:
        return bool(normalize_numbers(point))  # a point of numbers only, all of them stated
    held = _word_tokens(text)
    return len(wanted & held) / len(wanted) >= TOKEN_SHARE


def key_point_coverage(text: str, points: Sequence[str]) -> float | None:
    if not points:
        return None
    return sum(states_point(text, p) for p in points) / len(points)


def _file_name(path: object) -> str:
    return re.split(r"[\\/]", str(path or ""))[-1]


def cites_page(item: Mapping[str, Any], cited: Sequence[tuple[str, int | None]]) -> bool | None:
    """Whether one of the (source, 1-based page) pairs is the item's; None when the item names no page."""
    if item.get("type") == "refusal" or item.get("page") is None:
        return None
    want = (_file_name(item.get("source")), item["page"])
    return any((_file_name(source), page) == want for source, page in cited)


def grade(item: Mapping[str, Any], text: str, refused: bool, cited: Sequence[tuple[str, int | None]]) -> Graded:
    """One answer of either system; ``cited``: the (source, 1-based page) pairs it cites."""
    answers = item.get("answers")
    if not isinstance(answers, list):
        raise TypeError(f"item {item.get('id')}: 'answers' must be a list, not {type(answers).__name__}")
    points = item.get("key_points") or []
    if not isinstance(points, list):
        raise TypeError(f"item {item.get('id')}: 'key_points' must be a list, not {type(points).__name__}")
    if item.get("type") == "refusal":
        return Graded(correct=refused, refused=refused, key_point_coverage=None, numbers_stated=None,
                      right_page=None)
    return Graded(
        correct=not refused and answer_matches(text, answers, str(item.get("question") or "")),
        refused=refused,
        key_point_coverage=key_point_coverage(text, points),
        numbers_stated=numbers_stated(text, answers),
        right_page=cites_page(item, cited),
    )
