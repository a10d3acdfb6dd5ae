"""How one evidence unit scores against a question: the features (dense similarity over the
embedder's parts, morpheme overlap, constraint coverage, the kind asked, the passage's rank,
orders, boilerplate, tables) and the one weighted rule that combines them (qa.unit_selection
picks from these scores)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from qa.rules import enabled


@dataclass(frozen=True)
class Weights:
    """Chosen on eval/devset.jsonl (README, "Evidence selection")."""

    dense: float = 1.0
    lexical: float = 0.5
    coverage: float = 0.6
    kind: float = 0.15
    prior: float = 0.2
    table: float = 0.15  # a question that names a table ("표에서", "in the table") prefers rows
    named_row: float = 0.5  # a table row whose own label the question names ("냉동식품의 시장 규모")
    relevant_within: float = 0.2  # topical units (dense + lexical) this close to the best judge coverage
    diversity: float = 0.3  # MMR: how much a unit close to one already picked loses
    keep_within: float = 0.45  # units scoring this far below the best are not shown
    boilerplate: float = 0.5  # contact lines, copyright notices, text repeated across passages
    limit: int = 5
    per_chunk: int = 2  # units from one passage; a table's rows count one (they crowd out prose)
    # ... or more while the passage's shown units stay this short: two slide lines ("ANI: …",
    # "(Demis Hassabis)") say less than one sentence, and the third may be the answer. Answers in
    # the shown units, devset / realdocs tune: 24 / 26 at 0, 24 / 27 at 160, 23 / 28 at 240
    per_chunk_chars: int = 160


NAMES_A_TABLE = re.compile(r"표\s*(?:에서|에|의|를)|\btable\b|\[표", re.IGNORECASE)
# How much each embedder part counts for a phrasing in each language: e5 is strong within
# Korean and nearly blind across languages, USE was trained cross-lingually.
PART_WEIGHTS = {"ko": {"e5": 1.0, "use": 0.5}, "en": {"e5": 0.2, "use": 1.0}}


@dataclass(frozen=True)
class Features:
    dense: np.ndarray
    lexical: np.ndarray
    coverage: np.ndarray
    kind: np.ndarray
    prior: np.ndarray
    orders: np.ndarray
    boilerplate: np.ndarray
    table: np.ndarray
    named_row: np.ndarray  # 1 for a row whose label (not its table's caption) the question names


def unit_scores(f: Features, w: Weights) -> np.ndarray:
    """The one scoring rule, pure: a weighted sum, orders addressed to the reader last, a
    report's boilerplate (contacts, copyright, lines repeated on every page) below its facts."""
    return (w.dense * f.dense + w.lexical * f.lexical + w.coverage * f.coverage + w.kind * f.kind
            + w.prior * f.prior + w.table * f.table - 2.0 * f.orders - w.boilerplate * f.boilerplate
            + (w.named_row * f.named_row if enabled("named-row") else 0.0))


_FRONT_MATTER = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\d-])(?:\+\d{1,3}[-\s]?)?0\d{1,2}[-.)]\s?\d{3,4}[-.]\d{4}(?![\d-])|"
    r"무단\s*(?:전재|복제)|복제를\s*금|all rights reserved|©|\(c\)\s*\d{4}|copyright\s*(?:\(c\)|\d{4})|"
    r"공식\s*견해와\s*다를|do not necessarily (?:reflect|represent)",
    re.IGNORECASE)


# An entry of a reference list: an author or outlet (a number before it, a date after it),
# a comma, a quoted title that ends the entry or is followed by a comma, and a year somewhere
# ("[2] 한국정보연구원(KII), "데이터 정책 방향", 2020.11.", "Some Lab Blog(2017.4.), "A Title"").
# It names the question's organisations and topics without saying anything about them.
_REFERENCE = re.compile(r"^(?=[^\n]*(?:19|20)\d{2})\s*(?:\[\d{1,3}\]\s*)?[^\"“”\n]{2,80}?,\s*[\"“「『][^\n]{4,}?"
                        r"[\"”」』]\s*(?:[,.]|$)", re.MULTILINE)


def is_reference(text: str) -> bool:
    """Whether a unit is an entry of a reference list: it names a source, and says nothing."""
    return bool(_REFERENCE.search(text))


def boilerplate(texts: Sequence[str], chunk_ids: Sequence[str], owners: Sequence[str] = (),
                tokens: Sequence[Sequence[str]] = (), rows: Sequence[bool] = ()) -> np.ndarray:
    """1 for a unit that is a report's furniture rather than its content: contact details,
    copyright and disclaimer lines, reference-list entries, any text found in three
    passages or more (a running header or footer; two is the chunker's overlap), and a line
    that only says its report's name (``owners``: each unit's report title and publisher,
    with the unit's ``tokens``; ``rows``: which units are table rows). A question naming the
    report ("according to the institute's report", "Saeron Bank's 2024 …") otherwise
    matches them best."""
    keys = [collapsed(t) for t in texts]
    seen: dict[str, set[str]] = {}
    for key, chunk in zip(keys, chunk_ids):
        seen.setdefault(key, set()).add(chunk)
    named = ([names_only(t, o, w) and not r for t, o, w, r in zip(texts, owners, tokens, rows, strict=True)]
             if owners and enabled("title-lines") else [False] * len(texts))
    return np.array([bool(_FRONT_MATTER.search(t)) or is_reference(t) or len(seen[key]) > 2 or n
                     for t, key, n in zip(texts, keys, named, strict=True)], dtype=np.float32)


# A title is no sentence: a line that ends like one (… 평가하였다. / … 상황임) says something.
_SENTENCE = re.compile(r"(?:[.!?。]|[다음함됨임])[\"'”’)]?\s*$")
_DIGITS = re.compile(r"\d+")


def names_only(text: str, owner: str, words: Sequence[str]) -> bool:
    """Whether a line only says its report's name: every word of it (``words``, as indexed)
    and every figure is its ``owner``'s (title and publisher), and it is no sentence. A title
    page's lines ("새론은행 2024년 경영실적", "한울케미칼 주식회사") say which report this is,
    which its citation already says, and nothing of what the report found; a line with a
    figure of its own ("정책보고서 2024-09", a date) may be what is asked."""
    return (bool(words) and not _SENTENCE.search(text) and set(words) <= _owner_words(owner)
            and set(_DIGITS.findall(text)) <= set(_DIGITS.findall(owner)))


@functools.lru_cache(maxsize=256)
def _owner_words(owner: str) -> frozenset[str]:
    from index.lexical import tokenize  # Kiwi: loaded on first use

    return frozenset(tokenize(owner))


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def topical(f: Features, w: Weights) -> np.ndarray:
    """How much a unit is about the question's topic, whatever its constraints."""
    return w.dense * f.dense + w.lexical * f.lexical


def dense_similarity(part_vectors: Mapping[str, np.ndarray], queries: Sequence[tuple[str, Mapping[str, np.ndarray]]]
                     ) -> np.ndarray:
    """Per unit, the best over phrasings of the language-weighted mean cosine of each part."""
    n = len(next(iter(part_vectors.values()))) if part_vectors else 0
    best = np.zeros(n, dtype=np.float32)
    # A part not computed yet for a unit (e5 is backfilled after a fast publish) holds zeros:
    # it has no say for that unit rather than a vote of 0.
    present = {name: (np.abs(units).sum(axis=1) > 0).astype(np.float32) for name, units in part_vectors.items()}
    for lang, vectors in queries:
        weights = PART_WEIGHTS.get(lang, PART_WEIGHTS["en"])
        total, acc = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
        for name, units in part_vectors.items():
            w = weights.get(name, 1.0)
            if w and name in vectors:
                acc += w * present[name] * (units @ vectors[name])
                total += w * present[name]
        best = np.maximum(best, np.divide(acc, total, out=np.zeros(n, dtype=np.float32), where=total > 0))
    return best


def lexical_overlap(phrasings: Sequence[set[str]] | set[str], unit_tokens: Sequence[Sequence[str]]) -> np.ndarray:
    """Per unit, the best over phrasings of the share of a phrasing's words it contains: an
    English question's words would only dilute how much of its Korean rendering a unit has."""
    asked = [phrasings] if isinstance(phrasings, set) else [p for p in phrasings if p]
    best = np.zeros(len(unit_tokens), dtype=np.float32)
    for words in asked:
        best = np.maximum(best, np.array([len(words & set(t)) / len(words) for t in unit_tokens], dtype=np.float32))
    return best
