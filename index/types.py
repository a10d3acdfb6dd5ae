"""Types produced by retrieval."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ingest.types import Chunk, Unit


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    retriever: str  # "dense" | "bm25" | "hybrid"
    title: str = ""
    source: str = ""
    publisher: str = ""  # from the catalog: a claim or question naming it is about this report


@dataclass(frozen=True, eq=False)
class Allowed:
    """The reports a search may rank, handed to every store's search so that it filters
    before it ranks (a top k taken over every report and filtered afterwards comes back short,
    or empty, for a small scope). Each store reads the form it indexes by: FAISS and BM25 the
    chunk rows (row order is shared), a store with its own ids and metadata (Milvus) the
    doc ids, as a ``doc_id in [...]`` filter expression or a partition key."""

    doc_ids: frozenset[str]
    rows: np.ndarray  # int64, sorted: the chunk rows of ``doc_ids`` in this index version

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class UnitBatch:
    """The evidence units of some chunks, as stored at ingest: nothing is embedded per query
    but the query. Row i of ``vectors`` and ``tokens`` belongs to ``units[i]``; its columns
    stack every embedder part in manifest order (``parts``: (name, dim) each)."""

    units: tuple[Unit, ...]
    vectors: np.ndarray  # n x total dim, float32
    tokens: tuple[tuple[str, ...], ...]
    prev_text: tuple[str, ...]  # the neighbouring unit of the same document, "" at its ends
    next_text: tuple[str, ...]
    parts: tuple[tuple[str, int], ...] = ()

    def __len__(self) -> int:
        return len(self.units)

    def part(self, name: str) -> np.ndarray:
        """The columns of one embedder part ("e5", "use", ...): n x that part's dim."""
        start = 0
        for part_name, dim in self.parts:
            if part_name == name:
                return self.vectors[:, start:start + dim]
            start += dim
        raise KeyError(f"no embedder part '{name}' in this index; it has {[n for n, _ in self.parts]}")


class Retriever(Protocol):
    def retrieve(self, query: str, k: int = 5) -> list[Hit]:
        """The top ``k`` passages."""
        ...

    def candidates(self, query: str, k: int = 5) -> list[Hit]:
        """The top ``k``, then passages a single retriever ranks high that the fused ranking
        left out: the evidence is selected from this wider pool."""
        ...
