"""Whether a word of a claim is said by its source in the other script ("tenant" by a Korean
unit's 임차인): by the multilingual Universal Sentence Encoder, trained on translation pairs,
whose vectors of a word and its translation lie close while a unit's other words of the same
topic lie farther. The support check compares common nouns within one script by their form;
across scripts this is how it reads them at all.

Each word is embedded once and kept: a unit has a few dozen nouns, a claim a few. The encoder
is the retriever's own when the assistant is built with one (ragqa.factory), else loaded here."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable

import numpy as np

# The cosine at which two words of different scripts say the same thing, chosen on invented
# pairs from reports' everyday vocabulary (tests/test_crossing.py, none from the eval sets):
# translations ("tenant"/임차인, "route"/노선) mostly lie at 0.6-0.94, words of one topic that
# are not translations (tenant/임대인, export/수입) mostly below; at 0.6, 85% of translations
# are found and 7% of the near misses taken for one.
SAME_WORD = 0.6

_lock = threading.Lock()


_loaded: list = []


def _encoder():
    with _lock:
        if not _loaded:
            from core.errors import MissingExtraError
            from index.embedders import UseEmbedder

            try:
                _loaded.append(UseEmbedder())
            except MissingExtraError:
                _loaded.append(None)
        return _loaded[0]


def share(encoder: object) -> None:
    """Read words with the retriever's own USE instance, not a second one (ragqa.factory)."""
    with _lock:
        if not _loaded:
            _loaded.append(encoder)


# per encoder, so that a test's fake never answers for the real one
_vectors: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _embedded(words: list[str]) -> list[np.ndarray] | None:
    """Each word's vector, those not seen yet embedded in one batch."""
    encoder = _encoder()
    if encoder is None:
        return None
    with _lock:
        known = _vectors.setdefault(encoder, {})
        fresh = list(dict.fromkeys(w for w in words if w not in known))
        if fresh:
            if len(known) > 50_000:
                known.clear()
            known.update(zip(fresh, encoder.embed_documents(fresh)))
        return [known[w] for w in words]


def can_read() -> bool:
    """Whether words can be read across scripts at all (no encoder: nothing can be told)."""
    return _encoder() is not None


def said_among(words: list[str], vocabulary: Iterable[str]) -> list[bool]:
    """For each of ``words``, whether one of ``vocabulary`` (the source's nouns and names)
    translates it: the vocabulary's vectors stacked once for all of them."""
    vocabulary = list(vocabulary)
    if not words or not vocabulary:
        return [False] * len(words)
    vectors = _embedded([*words, *vocabulary])
    if vectors is None:
        return [False] * len(words)
    near = np.stack(vectors[:len(words)]) @ np.stack(vectors[len(words):]).T
    return [bool(best >= SAME_WORD) for best in near.max(axis=1)]


def said_in(word: str, words: Iterable[str]) -> bool:
    """Whether one of ``words`` translates ``word``."""
    return said_among([word], words)[0]
