"""BM25 over Kiwi morphemes, so 출시되었음 and 출시된 share the stem 출시."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from index.types import Allowed
from ingest.korean import (
    kiwi as _kiwi,  # shared with sentence splitting: one Kiwi per process
)

_KEEP_TAGS = ("NNG", "NNP", "NR", "NP", "VV", "VA", "XR", "SL", "SN", "SH", "MM")
# Of the bound nouns only those that carry a question's intent: rank (위, 번째), share (%).
_KEEP_BOUND = frozenset({"위", "번째", "배", "퍼센트"})
# Korean government reports say 우리나라 ("our country") for Korea; questions say 한국.
_ALIASES = {"우리나라": "한국", "대한민국": "한국", "korea": "한국", "korean": "한국"}
TOKENIZER_VERSION = "kiwi-bm25-v2"
_EN_STOP = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "there", "their", "its", "it", "this", "that", "these", "those", "as", "than", "between", "into", "about", "over", "under", "per", "vs"]
)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


def tokenize(text: str) -> list[str]:
    """Content morphemes, lowercased; English words lightly stemmed; numbers without separators."""
    return _content(_kiwi().tokenize(text))


def tokenize_many(texts: list[str]) -> list[list[str]]:
    # one call: Kiwi analyses a list on all its worker threads (twice as fast on two cores)
    return [_content(morphemes) for morphemes in _kiwi().tokenize(list(texts))] if texts else []


def _content(morphemes: Iterable) -> list[str]:
    tokens: list[str] = []
    prefix = ""
    for tok in morphemes:
        form, tag = tok.form, tok.tag
        if tag == "XPN":
            prefix = form
            continue
        if tag == "NNB" and form in _KEEP_BOUND:
            tokens.append(form)
        elif tag.startswith(_KEEP_TAGS):
            if tag == "SL":
                form = _stem_en(form.lower())
                if form in _EN_STOP or len(form) < 2:
                    prefix = ""
                    continue
            elif tag == "SN" and _NUMBER.match(form):
                form = form.replace(",", "")
            if prefix:
                tokens.append(prefix + form)
            tokens.append(form)
            if form in _ALIASES:
                tokens.append(_ALIASES[form])
        prefix = ""
    return tokens


def _stem_en(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


class LexicalIndex:
    def __init__(self, model: object, size: int) -> None:
        self._model = model
        self._size = size

    @classmethod
    def build(cls, corpus_tokens: list[list[str]]) -> LexicalIndex:
        import bm25s

        model = bm25s.BM25(k1=1.2, b=0.75)
        # bm25s rejects an empty document list and empty documents; a placeholder keeps row ids aligned.
        model.index([toks or ["\u2400"] for toks in corpus_tokens] or [["\u2400"]], show_progress=False)
        return cls(model, len(corpus_tokens))

    @property
    def size(self) -> int:
        return self._size

    def search(self, query_tokens: list[str], k: int, allowed: Allowed | None = None) -> list[tuple[int, float]]:
        """The top ``k`` rows; among ``allowed`` rows only when given (ranked within them)."""
        if not self._size or not query_tokens or (allowed is not None and not len(allowed)):
            return []
        vocab = self._model.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return []
        scores = self._model.get_scores(known)
        rows = np.arange(len(scores)) if allowed is None else np.asarray(allowed.rows, dtype=np.int64)
        rows = rows[rows < len(scores)]
        if not len(rows):
            return []
        scores = scores[rows]
        k = min(k, len(rows))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(rows[i]), float(scores[i])) for i in top if scores[i] > 0]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._model.save(str(directory), show_progress=False)
        (directory / "size.json").write_text(json.dumps({"size": self._size}))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        import bm25s

        model = bm25s.BM25.load(str(directory), allow_pickle=False)
        size = json.loads((directory / "size.json").read_text())["size"]
        return cls(model, size)
