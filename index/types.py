"""Types produced by retrieval."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ingest.types import Chunk


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    retriever: str  # "dense" | "bm25" | "hybrid"
    title: str = ""
    source: str = ""


class Retriever(Protocol):
    def retrieve(self, query: str, k: int = 5) -> list[Hit]:
        """The top ``k`` passages."""
        ...

    def candidates(self, query: str, k: int = 5) -> list[Hit]:
        """The top ``k``, then passages a single retriever ranks high that the fused ranking
        left out: the evidence is selected from this wider pool."""
        ...
