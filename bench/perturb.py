"""Synthetic corpora from the real chunks: perturbed texts, and noisy copies of their vectors.

Embedding 100k chunks even with USE takes ~30 min on 2 cores, so the big sizes reuse the
vectors of ~10k perturbed texts with small Gaussian noise: latency depends on the count and
dimension of vectors, not on where they came from."""

from __future__ import annotations

import random
import re

import numpy as np

from ingest.sentences import split_sentences

_DIGIT = re.compile(r"\d")


def perturb_text(text: str, rng: random.Random, *, digit_p: float = 0.3, drop_p: float = 0.1) -> str:
    """Shuffle the sentences, change some digits, drop some words; never returns an empty text."""
    units = split_sentences(text) or [text]
    rng.shuffle(units)
    out: list[str] = []
    for unit in units:
        words = unit.split(" ")
        kept = [w for w in words if rng.random() >= drop_p] or words[:1]
        line = " ".join(kept)
        out.append(_DIGIT.sub(lambda m: str(rng.randrange(10)) if rng.random() < digit_p else m.group(), line))
    return "\n".join(out).strip() or text


def perturb_corpus(texts: list[str], n: int, seed: int = 7) -> list[str]:
    """``n`` texts: the originals first, then perturbed copies cycling through them."""
    if not texts:
        raise ValueError("no texts to perturb")
    out = list(texts[:n])
    for i in range(len(out), n):
        rng = random.Random(f"{seed}:{i}")
        out.append(perturb_text(texts[i % len(texts)], rng))
    return out


def noise_sigma(dim: int, scale: float) -> float:
    """Per-coordinate sigma whose noise vector has norm ~``scale`` (cosine to the source ~1/sqrt(1+scale^2))."""
    return scale / np.sqrt(dim)


def noisy_copies(vectors: np.ndarray, total: int, scale: float = 0.3, seed: int = 7) -> np.ndarray:
    """``total`` unit rows: the given rows unchanged, then noisy renormalised copies cycling through them."""
    base = np.asarray(vectors, dtype=np.float32)
    n, dim = base.shape
    out = np.empty((total, dim), dtype=np.float32)
    out[: min(n, total)] = base[:total]
    rng = np.random.default_rng(seed)
    sigma = noise_sigma(dim, scale)
    for start in range(n, total, n):
        stop = min(start + n, total)
        block = base[: stop - start] + rng.normal(0.0, sigma, (stop - start, dim)).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def random_projection(vectors: np.ndarray, dim: int, seed: int = 11) -> np.ndarray:
    """Unit rows of a fixed Gaussian projection: a stand-in index of another dimension."""
    matrix = np.random.default_rng(seed).normal(size=(vectors.shape[1], dim)).astype(np.float32)
    projected = np.asarray(vectors, dtype=np.float32) @ matrix
    return projected / np.maximum(np.linalg.norm(projected, axis=-1, keepdims=True), 1e-12)
