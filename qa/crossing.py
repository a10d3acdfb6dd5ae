"""Whether a word of a claim is said by its source in the other script ("discriminator" by a
Korean unit's 판별자): by the multilingual Universal Sentence Encoder, trained on translation
pairs, whose vectors of a word and its translation lie close (판별자 0.61 to "discriminator",
생성자 0.26) while a Korean unit's other nouns lie far. The support check compares common
nouns within one script by their form; across scripts this is how it reads them at all.

Words are embedded one at a time and kept: a unit has a few dozen nouns, a claim a few."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable

import numpy as np

# The cosine at which two words of different scripts say the same thing: a translation
# scores 0.6-0.9 (판별 "discriminator" 0.62, 책 "books" 0.89, 전기 "electricity" 0.86), a word of
# the same passage merely near it up to 0.54 (방식 for "policy" 0.52, 대립 for "discriminator").
SAME_WORD = 0.56

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _encoder():
    from core.errors import MissingExtraError
    from index.embedders import UseEmbedder

    try:
        return UseEmbedder()
    except MissingExtraError:
        return None


_vectors: dict[tuple[int, str], np.ndarray] = {}


def _embedded(words: list[str]) -> list[np.ndarray] | None:
    """Each word's vector, those not seen yet embedded in one batch."""
    encoder = _encoder()
    if encoder is None:
        return None
    fresh = list(dict.fromkeys(w for w in words if (id(encoder), w) not in _vectors))
    if fresh:
        if len(_vectors) > 50_000:
            _vectors.clear()
        with _lock:
            for w, v in zip(fresh, encoder.embed_documents(fresh)):
                _vectors[(id(encoder), w)] = v
    return [_vectors[(id(encoder), w)] for w in words]


def said_in(word: str, words: Iterable[str]) -> bool:
    """Whether one of ``words`` (the source's nouns and names) translates ``word``."""
    words = list(words)
    vectors = _embedded([word, *words])
    if vectors is None or not words:
        return False
    return float(np.max(np.stack(vectors[1:]) @ vectors[0])) >= SAME_WORD
